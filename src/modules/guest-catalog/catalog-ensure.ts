import { sql } from 'kysely';
import { newId } from '../../core/ids.ts';
import type { TenantDb } from '../../db/database.ts';

/** The organisation's catalog as an import batch needs it: every tag, group and title by name. */
export interface CatalogByName {
  /** Lower-cased tag name → id. */
  tagIds: Map<string, string>;
  /** Tag id → name (what history records). */
  tagNames: Map<string, string>;
  /** Lower-cased group name → id. */
  groupIds: Map<string, string>;
  /** The default groups (Visitor/Guest/Customer): assigned automatically, never by an import. */
  systemGroupIds: Set<string>;
  /** A title's label in any language (lower case, without dots) → id. */
  titleIds: Map<string, string>;
}

const titleKey = (label: string) => label.toLowerCase().replace(/\./g, '').trim();

/**
 * Creates the tags and groups of these names that do not exist yet (names compared without case;
 * tag names cut at 50 characters, group names at 100), then reads the whole catalog — three
 * statements, whatever the number of names. Concurrent imports creating one name meet on the
 * unique index and both read the same row.
 */
export async function ensureCatalogNames(
  trx: TenantDb,
  orgId: string,
  names: { tags: string[]; groups: string[] },
): Promise<CatalogByName> {
  const unique = (list: string[], max: number) => {
    const seen = new Map<string, string>();
    for (const raw of list) {
      const name = raw.trim().slice(0, max).trim();
      if (name && !seen.has(name.toLowerCase())) seen.set(name.toLowerCase(), name);
    }
    return [...seen.values()];
  };
  const tags = unique(names.tags, 50);
  const groups = unique(names.groups, 100);
  if (tags.length || groups.length) {
    await sql`
      with t as (
        insert into tag (org_id, id, name)
        select ${orgId}, x.id, x.name from unnest(${tags.map(() => newId('tag'))}::text[], ${tags}::text[]) as x(id, name)
        on conflict (org_id, lower(name)) do nothing
      )
      insert into guest_group (org_id, id, name)
      select ${orgId}, x.id, x.name from unnest(${groups.map(() => newId('grp'))}::text[], ${groups}::text[]) as x(id, name)
      on conflict (org_id, lower(name)) do nothing`.execute(trx);
  }
  const [tagRows, groupRows, titleRows] = await Promise.all([
    trx.selectFrom('tag').select(['id', 'name']).execute(),
    trx.selectFrom('guestGroup').select(['id', 'name', 'systemKind']).execute(),
    trx.selectFrom('title').select(['id', 'labels']).orderBy('position').execute(),
  ]);
  const titleIds = new Map<string, string>();
  for (const t of titleRows)
    for (const label of Object.values(t.labels ?? {}))
      if (typeof label === 'string' && !titleIds.has(titleKey(label))) titleIds.set(titleKey(label), t.id);
  return {
    tagIds: new Map(tagRows.map((t) => [t.name.toLowerCase(), t.id])),
    tagNames: new Map(tagRows.map((t) => [t.id, t.name])),
    groupIds: new Map(groupRows.map((g) => [g.name.toLowerCase(), g.id])),
    systemGroupIds: new Set(groupRows.filter((g) => g.systemKind).map((g) => g.id)),
    titleIds,
  };
}

/** The id of the title written this way in any language (`Mr`, `Sr.`, `Mme`), if the catalog has it. */
export function titleIdOf(catalog: CatalogByName, label: string): string | undefined {
  return catalog.titleIds.get(titleKey(label));
}
