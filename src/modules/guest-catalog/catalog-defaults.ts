import { sql, type Kysely } from 'kysely';
import { newId } from '../../core/ids.ts';
import type { DB, GroupSystemKind } from '../../db/schema.ts';
import { SYSTEM_GROUP_NAMES } from './catalog-names.ts';

/** The eight predefined tags (G-5), stored by their English names; their names per language: catalog-names.ts. */
export const PREDEFINED_TAGS = [
  'Friends & Family',
  'Business',
  'Influencer',
  'Local',
  'No-show',
  'Problematic',
  'Regular',
  'VIP',
] as const;

export const DEFAULT_TITLES = [
  { en: 'Mr.', es: 'Sr.', fr: 'M.' },
  { en: 'Mrs.', es: 'Sra.', fr: 'Mme' },
  { en: 'Ms.', es: 'Srta.', fr: 'Mlle' },
  { en: 'Dr.', es: 'Dr.', fr: 'Dr' },
] as const;

/** The three default groups, created with their English names (their other names: catalog-names.ts). */
export const SYSTEM_GROUPS: { kind: GroupSystemKind; name: string }[] = (['visitor', 'guest', 'customer'] as const).map(
  (kind) => ({ kind, name: SYSTEM_GROUP_NAMES[kind].en }),
);

const TITLES_SEEDED = 'guestCatalogTitlesSeeded';

/**
 * Makes sure an organisation has the predefined tags, the three system groups and (once) the
 * default titles. Idempotent: runs when an organisation is created and at every start-up.
 * Titles are seeded only once (a marker in organisation.settings) so deleted ones stay deleted;
 * predefined tags and system groups cannot be deleted, so they are simply ensured.
 */
export async function ensureCatalogDefaults(db: Kysely<DB>, orgId: string): Promise<void> {
  await db
    .insertInto('tag')
    .values(PREDEFINED_TAGS.map((name) => ({ orgId, id: newId('tag'), name, predefined: true, color: null })))
    .onConflict((oc) => oc.doNothing())
    .execute();
  const kinds = await db
    .selectFrom('guestGroup')
    .select('systemKind')
    .where('orgId', '=', orgId)
    .where('systemKind', 'is not', null)
    .execute();
  const missing = SYSTEM_GROUPS.filter((g) => !kinds.some((k) => k.systemKind === g.kind));
  if (missing.length) {
    await db
      .insertInto('guestGroup')
      .values(missing.map((g) => ({ orgId, id: newId('grp'), name: g.name, systemKind: g.kind })))
      .onConflict((oc) => oc.doNothing())
      .execute();
  }
  const org = await db.selectFrom('organisation').select('settings').where('id', '=', orgId).executeTakeFirst();
  if (!org || org.settings[TITLES_SEEDED]) return;
  await db
    .insertInto('title')
    .values(
      DEFAULT_TITLES.map((labels, position) => ({ orgId, id: newId('ttl'), labels: JSON.stringify(labels), position })),
    )
    .execute();
  await db
    .updateTable('organisation')
    .set({ settings: sql`settings || ${JSON.stringify({ [TITLES_SEEDED]: true })}::jsonb` })
    .where('id', '=', orgId)
    .execute();
}

/** Runs ensureCatalogDefaults for every organisation (start-up). */
export async function ensureCatalogDefaultsForAll(db: Kysely<DB>): Promise<void> {
  const orgs = await db.selectFrom('organisation').select('id').execute();
  for (const org of orgs) await db.transaction().execute((trx) => ensureCatalogDefaults(trx, org.id));
}
