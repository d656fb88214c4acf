import { sql } from 'kysely';
import type { Ctx } from '../../core/context.ts';
import { invalid } from '../../core/errors.ts';
import { newId } from '../../core/ids.ts';
import type { TenantDb } from '../../db/database.ts';
import type { ConsentChannel, ConsentSource, ConsentStatus, GuestConsentTable } from '../../db/schema.ts';
import type { Insertable } from 'kysely';
import { findCurrentWording, findWordingVersion, hasPurpose } from './consent-settings.service.ts';
import { MARKETING, type GuestConsent } from './consent.schemas.ts';

/** One consent change to append to a guest's ledger. */
export interface ConsentChange {
  guestId: string;
  channel: ConsentChannel;
  purpose: string;
  status: ConsentStatus;
  /** Defaults to what the context says (the site, the customer area) or the actor (staff, API key, import). */
  source?: ConsentSource;
  /** The wording shown; defaults to the organisation's current wording in `language` for the purpose. */
  wording?: { text: string; version?: number | undefined; language?: string | undefined } | undefined;
  /** The language whose current wording was shown, when `wording` is not given. */
  language?: string | null | undefined;
  reference?: string | undefined;
}

/** The source a consent change made by this context comes from (staff, API key, site, customer area, import). */
export function consentSourceOf(ctx: Ctx): ConsentSource {
  if (ctx.consentSource) return ctx.consentSource;
  switch (ctx.actor.actorType) {
    case 'staff':
      return 'staff';
    case 'api_key':
      return 'api';
    case 'customer':
      return 'account';
    case 'site':
      return 'booking_site';
    default:
      return 'import';
  }
}

const WITH_IP: ConsentSource[] = ['booking_site', 'account'];

/**
 * The wording a visitor saw: the version and language their form sent back when it did (400 when
 * no such version exists), else the current one in the guest's language.
 */
async function wordingShown(ctx: Ctx, trx: TenantDb, purpose: string, language: string) {
  if (!ctx.consentWording) return findCurrentWording(trx, purpose, language);
  const pinned = await findWordingVersion(trx, purpose, ctx.consentWording.language, ctx.consentWording.version);
  if (!pinned)
    throw invalid('unknown_consent_wording', 'No consent wording has this version in this language', [
      { field: 'consentWording', message: 'unknown version', code: 'unknown_consent_wording' },
    ]);
  return pinned;
}

/**
 * Appends consent records in the caller's transaction (the ledger's trigger updates the guests'
 * `marketingConsent` cache). Throws `invalid` for a purpose the organisation does not have.
 */
export async function appendConsents(
  ctx: Ctx,
  trx: TenantDb,
  changes: ConsentChange[],
  at = new Date(),
): Promise<string[]> {
  if (!changes.length) return [];
  const rows: Insertable<GuestConsentTable>[] = [];
  // A batch (bookings, imports) looks each purpose and wording up once, not once per guest.
  const purposes = new Map<string, Promise<boolean>>();
  const wordings = new Map<string, ReturnType<typeof wordingShown>>();
  for (const c of changes) {
    if (!purposes.has(c.purpose)) purposes.set(c.purpose, hasPurpose(trx, c.purpose));
    if (!(await purposes.get(c.purpose)))
      throw invalid('unknown_consent_purpose', 'This organisation has no such consent purpose', [
        { field: 'purpose', message: 'unknown purpose', code: 'unknown_consent_purpose' },
      ]);
    const source = c.source ?? consentSourceOf(ctx);
    const key = `${c.purpose}/${c.language ?? 'en'}`;
    if (!c.wording && !wordings.has(key)) wordings.set(key, wordingShown(ctx, trx, c.purpose, c.language ?? 'en'));
    const shown = c.wording ?? (await wordings.get(key));
    rows.push({
      orgId: ctx.orgId,
      id: newId('cns', at.getTime()),
      guestId: c.guestId,
      subjectGuestId: c.guestId,
      channel: c.channel,
      purpose: c.purpose,
      status: c.status,
      at,
      source,
      wordingVersion: shown?.version ?? null,
      wordingLanguage: shown?.language ?? null,
      wordingText: shown?.text ?? null,
      actorType: ctx.actor.actorType,
      actorId: ctx.actor.actorId,
      ip: WITH_IP.includes(source) ? (ctx.ip ?? null) : null,
      reference: c.reference ?? ctx.consentReference ?? null,
      migrated: false,
      createdAt: at,
    });
  }
  await trx.insertInto('guestConsent').values(rows).execute();
  return rows.map((r) => r.id);
}

/** The marketing (newsletter e-mail) consent change that makes a profile's flag `next`, or nothing when it already is. */
export function marketingChange(
  guestId: string,
  current: boolean,
  next: boolean | undefined,
  language?: string | null,
) {
  if (next === undefined || next === current) return [];
  return [
    {
      guestId,
      channel: 'email' as const,
      purpose: MARKETING,
      status: next ? ('granted' as const) : ('withdrawn' as const),
      language,
    },
  ];
}

/** A guest's consent records, newest first (the subject-access document uses this too). */
export async function listGuestConsents(ctxOrTrx: Ctx | TenantDb, guestId: string): Promise<GuestConsent[]> {
  const db = 'db' in ctxOrTrx ? ctxOrTrx.db : ctxOrTrx;
  const rows = await db
    .selectFrom('guestConsent as c')
    .leftJoin('staffUser as s', (j) => j.onRef('s.id', '=', 'c.actorId').on('c.actorType', '=', 'staff'))
    .leftJoin('apiKey as k', (j) => j.onRef('k.id', '=', 'c.actorId').on('c.actorType', '=', 'api_key'))
    .selectAll('c')
    .select(sql<string | null>`coalesce(s.name, k.name)`.as('actorName'))
    .where('c.guestId', '=', guestId)
    .orderBy('c.at', 'desc')
    .orderBy('c.createdAt', 'desc')
    .orderBy('c.id', 'desc')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    guestId: r.guestId,
    channel: r.channel,
    purpose: r.purpose,
    status: r.status,
    at: new Date(r.at).toISOString(),
    source: r.source,
    wording:
      r.wordingText === null ? null : { text: r.wordingText, version: r.wordingVersion, language: r.wordingLanguage },
    actor: { type: r.actorType, id: r.actorId, name: r.actorName },
    ip: r.ip,
    reference: r.reference,
    migrated: r.migrated,
    fromMergedProfile: r.subjectGuestId !== r.guestId,
  }));
}

/**
 * The profile holding the latest marketing e-mail record among these (undefined when none has one):
 * its consent is what the merged ledgers derive, so a merge takes the flag from it.
 */
export async function findLatestMarketingConsentHolder(trx: TenantDb, guestIds: string[]): Promise<string | undefined> {
  if (!guestIds.length) return undefined;
  const latest = await trx
    .selectFrom('guestConsent')
    .select('guestId')
    .where('guestId', 'in', guestIds)
    .where('channel', '=', 'email')
    .where('purpose', '=', MARKETING)
    .orderBy('at', 'desc')
    .orderBy('createdAt', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  return latest?.guestId;
}

/** Merge: the survivor's ledger takes the merged profiles' records; returns their ids per profile (for undo). */
export async function moveGuestConsents(
  trx: TenantDb,
  fromIds: string[],
  survivorId: string,
): Promise<{ guestId: string; ids: string[] }[]> {
  if (!fromIds.length) return [];
  const rows = await trx.selectFrom('guestConsent').select(['id', 'guestId']).where('guestId', 'in', fromIds).execute();
  if (rows.length)
    await trx.updateTable('guestConsent').set({ guestId: survivorId }).where('guestId', 'in', fromIds).execute();
  return fromIds
    .map((guestId) => ({ guestId, ids: rows.filter((r) => r.guestId === guestId).map((r) => r.id) }))
    .filter((m) => m.ids.length);
}

/** Undo of a merge: the records a merge moved go back to their restored profiles. */
export async function restoreGuestConsents(
  trx: TenantDb,
  moves: { guestId: string; ids: string[] }[],
  survivorId: string,
): Promise<void> {
  for (const m of moves)
    await trx
      .updateTable('guestConsent')
      .set({ guestId: m.guestId })
      .where('guestId', '=', survivorId)
      .where('id', 'in', m.ids)
      .execute();
}

/** Sets the guests' `marketingConsent` cache to what their ledgers say (after records moved between profiles). */
export async function refreshMarketingConsent(trx: TenantDb, guestIds: string[]): Promise<void> {
  if (!guestIds.length) return;
  await trx
    .updateTable('guest')
    .set({ marketingConsent: sql<boolean>`guest_marketing_consent(org_id, id)` })
    .where('id', 'in', guestIds)
    .where(sql<boolean>`marketing_consent is distinct from guest_marketing_consent(org_id, id)`)
    .execute();
}
