import type { Ctx } from '../../core/context.ts';
import { conflict, notFound } from '../../core/errors.ts';
import { newId } from '../../core/ids.ts';
import type { TenantDb } from '../../db/database.ts';
import { recordAudit } from '../audit/index.ts';
import { MARKETING } from './consent.schemas.ts';

/** The built-in purpose's names (the others' are the organisation's). */
const MARKETING_NAMES = { en: 'Marketing', es: 'Marketing', fr: 'Marketing' };

/** True when the organisation knows this consent purpose (`marketing` always). */
export async function hasPurpose(db: TenantDb, key: string): Promise<boolean> {
  if (key === MARKETING) return true;
  const row = await db.selectFrom('consentPurpose').select('key').where('key', '=', key).executeTakeFirst();
  return row !== undefined;
}

/** The organisation's consent purposes: `marketing` first, then its own by key. */
export async function listConsentPurposes(ctx: Ctx) {
  const rows = await ctx.db.selectFrom('consentPurpose').select(['key', 'names']).orderBy('key').execute();
  return [
    { key: MARKETING, builtIn: true, names: MARKETING_NAMES as Record<string, string> },
    ...rows.map((r) => ({ key: r.key, builtIn: false, names: r.names })),
  ];
}

/** Adds a consent purpose (409 when the key exists). */
export async function createConsentPurpose(ctx: Ctx, key: string, names: Record<string, string | undefined>) {
  if (await hasPurpose(ctx.db, key)) throw conflict('consent_purpose_exists', 'This consent purpose already exists');
  const clean = Object.fromEntries(Object.entries(names).filter(([, v]) => v)) as Record<string, string>;
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('consentPurpose')
      .values({ orgId: ctx.orgId, key, names: JSON.stringify(clean) })
      .execute();
    await recordAudit(ctx, 'consent_purpose.created', { type: 'consent_purpose', id: key }, { names: clean }, trx);
  });
  return { key, builtIn: false, names: clean };
}

/** Renames a purpose (its key, which records carry, never changes); `marketing` is built in. */
export async function updateConsentPurpose(ctx: Ctx, key: string, names: Record<string, string | undefined>) {
  const clean = Object.fromEntries(Object.entries(names).filter(([, v]) => v)) as Record<string, string>;
  if (key === MARKETING) throw conflict('consent_purpose_built_in', 'The marketing purpose is built in');
  const done = await ctx.db
    .updateTable('consentPurpose')
    .set({ names: JSON.stringify(clean) })
    .where('key', '=', key)
    .executeTakeFirst();
  if (!done.numUpdatedRows) throw notFound('Consent purpose');
  await recordAudit(ctx, 'consent_purpose.updated', { type: 'consent_purpose', id: key }, { names: clean });
  return { key, builtIn: false, names: clean };
}

/** The current (latest) wording of a purpose in a language, or undefined when none was written. */
export async function findCurrentWording(db: TenantDb, purpose: string, language: string) {
  return db
    .selectFrom('consentWording')
    .select(['text', 'version', 'language'])
    .where('purpose', '=', purpose)
    .where('language', '=', language)
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** One version of a purpose's wording in a language. */
export async function findWordingVersion(db: TenantDb, purpose: string, language: string, version: number) {
  return db
    .selectFrom('consentWording')
    .select(['text', 'version', 'language'])
    .where('purpose', '=', purpose)
    .where('language', '=', language)
    .where('version', '=', version)
    .executeTakeFirst();
}

/** Every wording version, newest first per purpose and language; `current` marks the one shown today. */
export async function listConsentWordings(ctx: Ctx) {
  const rows = await ctx.db
    .selectFrom('consentWording')
    .select(['id', 'purpose', 'language', 'version', 'text', 'createdAt'])
    .orderBy('purpose')
    .orderBy('language')
    .orderBy('version', 'desc')
    .execute();
  const seen = new Set<string>();
  return rows.map((r) => {
    const key = `${r.purpose}/${r.language}`;
    const current = !seen.has(key);
    seen.add(key);
    return { ...r, createdAt: new Date(r.createdAt).toISOString(), current };
  });
}

/** Publishes a new version of a purpose's wording in one language (versions are never edited). */
export async function createConsentWording(ctx: Ctx, input: { purpose: string; language: string; text: string }) {
  if (!(await hasPurpose(ctx.db, input.purpose))) throw notFound('Consent purpose');
  return ctx.db.transaction().execute(async (trx) => {
    const last = await findCurrentWording(trx, input.purpose, input.language);
    const row = {
      orgId: ctx.orgId,
      id: newId('cwd'),
      purpose: input.purpose,
      language: input.language,
      version: (last?.version ?? 0) + 1,
      text: input.text,
      createdByType: ctx.actor.actorType,
      createdById: ctx.actor.actorId,
    };
    const saved = await trx
      .insertInto('consentWording')
      .values(row)
      .returning(['id', 'purpose', 'language', 'version', 'text', 'createdAt'])
      .executeTakeFirstOrThrow();
    await recordAudit(
      ctx,
      'consent_wording.created',
      { type: 'consent_wording', id: row.id },
      { purpose: row.purpose, language: row.language, version: row.version },
      trx,
    );
    return { ...saved, createdAt: new Date(saved.createdAt).toISOString(), current: true };
  });
}
