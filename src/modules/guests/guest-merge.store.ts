import type { Selectable } from 'kysely';
import type { Ctx } from '../../core/context.ts';
import { AppError, notFound } from '../../core/errors.ts';
import type { TenantDb } from '../../db/database.ts';
import type { GuestAddressTable, GuestEmailTable, GuestPhoneTable, GuestRow } from '../../db/schema.ts';

/**
 * The guest-table side of merging profiles (SPEC I-5): snapshots, moving notes and history,
 * deleting merged-away rows and putting them back with the same ids. The merges module drives
 * it; only this module writes guest tables.
 */

type Email = Omit<Selectable<GuestEmailTable>, 'orgId' | 'guestId'>;
type Phone = Omit<Selectable<GuestPhoneTable>, 'orgId' | 'guestId'>;
type Address = Omit<Selectable<GuestAddressTable>, 'orgId' | 'guestId'>;

/** A profile as stored: the row (without its search tokens) and its lists, JSON-safe. */
export interface GuestSnapshot {
  row: Record<string, unknown> & { id: string };
  emails: Email[];
  phones: Phone[];
  addresses: Address[];
}

/** Locks the guests in id order (so two merges of overlapping profiles never deadlock) and returns their rows. */
export async function lockGuests(trx: TenantDb, ids: string[]): Promise<GuestRow[]> {
  return trx.selectFrom('guest').selectAll().where('id', 'in', ids).orderBy('id').forUpdate().execute();
}

/** Full snapshots of the given guests (rows and lists), in the order given. */
export async function loadGuestSnapshots(trx: TenantDb, ids: string[]): Promise<GuestSnapshot[]> {
  const [rows, emails, phones, addresses] = await Promise.all([
    trx.selectFrom('guest').selectAll().where('id', 'in', ids).execute(),
    trx.selectFrom('guestEmail').selectAll().where('guestId', 'in', ids).orderBy('position').execute(),
    trx.selectFrom('guestPhone').selectAll().where('guestId', 'in', ids).orderBy('position').execute(),
    trx.selectFrom('guestAddress').selectAll().where('guestId', 'in', ids).orderBy('position').execute(),
  ]);
  const strip = <T extends { orgId: string; guestId: string }>({ orgId: _o, guestId: _g, ...rest }: T) => rest;
  return ids.flatMap((id) => {
    const found = rows.find((r) => r.id === id);
    if (!found) return [];
    // search_tokens is derived (kept by triggers); a restored row must start without it so the
    // insert trigger rebuilds its tokens.
    const { orgId: _o, searchTokens: _t, ...row } = found as GuestRow & { searchTokens?: unknown };
    return [
      {
        row: JSON.parse(JSON.stringify(row)) as GuestSnapshot['row'],
        emails: emails.filter((e) => e.guestId === id).map(strip),
        phones: phones.filter((p) => p.guestId === id).map(strip),
        addresses: addresses.filter((a) => a.guestId === id).map(strip),
      },
    ];
  });
}

/** Moves notes and history entries of `fromIds` to `toId`; returns which moved (id → former guest). */
export async function moveGuestNotesAndHistory(
  trx: TenantDb,
  fromIds: string[],
  toId: string,
): Promise<{ notes: { id: string; guestId: string }[]; history: { id: string; guestId: string }[] }> {
  const notes = await trx.selectFrom('guestNote').select(['id', 'guestId']).where('guestId', 'in', fromIds).execute();
  const history = await trx
    .selectFrom('guestHistory')
    .select(['id', 'guestId'])
    .where('guestId', 'in', fromIds)
    .execute();
  await trx.updateTable('guestNote').set({ guestId: toId }).where('guestId', 'in', fromIds).execute();
  await trx.updateTable('guestHistory').set({ guestId: toId }).where('guestId', 'in', fromIds).execute();
  return { notes, history };
}

/** Gives notes and history entries back to their former guests (those still on `fromId`). */
export async function restoreGuestNotesAndHistory(
  trx: TenantDb,
  fromId: string,
  moved: { notes: { id: string; guestId: string }[]; history: { id: string; guestId: string }[] },
): Promise<void> {
  for (const [table, items] of [
    ['guestNote', moved.notes],
    ['guestHistory', moved.history],
  ] as const) {
    const byGuest = new Map<string, string[]>();
    for (const m of items) byGuest.set(m.guestId, [...(byGuest.get(m.guestId) ?? []), m.id]);
    for (const [guestId, ids] of byGuest)
      for (let i = 0; i < ids.length; i += 1000)
        await trx
          .updateTable(table)
          .set({ guestId })
          .where('guestId', '=', fromId)
          .where('id', 'in', ids.slice(i, i + 1000))
          .execute();
  }
}

/** Deletes merged-away guests (their lists go with them; search tokens and counters follow by trigger). */
export async function deleteMergedGuests(trx: TenantDb, ids: string[]): Promise<void> {
  await trx.deleteFrom('guest').where('id', 'in', ids).execute();
}

/** Puts a snapshotted guest back with the same id; triggers rebuild its search tokens and counters. */
export async function restoreGuestSnapshot(trx: TenantDb, orgId: string, snap: GuestSnapshot): Promise<void> {
  const row = { ...snap.row } as Record<string, unknown>;
  if (row.titleId) {
    const title = await trx
      .selectFrom('title')
      .select('id')
      .where('id', '=', row.titleId as string)
      .executeTakeFirst();
    if (!title) row.titleId = null; // the title was deleted meanwhile
  }
  await trx
    .insertInto('guest')
    .values({ ...(row as unknown as GuestRow), orgId })
    .execute();
  const guestId = snap.row.id;
  if (snap.emails.length)
    await trx
      .insertInto('guestEmail')
      .values(snap.emails.map((e) => ({ ...e, orgId, guestId })))
      .execute();
  if (snap.phones.length)
    await trx
      .insertInto('guestPhone')
      .values(snap.phones.map((p) => ({ ...p, orgId, guestId })))
      .execute();
  if (snap.addresses.length)
    await trx
      .insertInto('guestAddress')
      .values(snap.addresses.map((a) => ({ ...a, orgId, guestId })))
      .execute();
}

/** Records that merged-away ids now live in `survivorId`. */
export async function addGuestAliases(
  trx: TenantDb,
  orgId: string,
  oldIds: string[],
  survivorId: string,
  mergeId: string,
): Promise<void> {
  if (!oldIds.length) return;
  await trx
    .insertInto('guestAlias')
    .values(oldIds.map((oldId) => ({ orgId, oldId, survivorId, mergeId, createdAt: new Date() })))
    .execute();
}

/** Forgets the aliases a merge created (its undo). */
export async function removeGuestAliases(trx: TenantDb, mergeId: string): Promise<void> {
  await trx.deleteFrom('guestAlias').where('mergeId', '=', mergeId).execute();
}

/** The profile a merged-away guest id lives in now (following later merges), or undefined. */
export async function findMergedGuestId(db: TenantDb, oldId: string): Promise<string | undefined> {
  let id = oldId;
  // A survivor may itself have been merged later: follow the chain (bounded, in case of a cycle).
  for (let hops = 0; hops < 20; hops++) {
    const alias = await db.selectFrom('guestAlias').select('survivorId').where('oldId', '=', id).executeTakeFirst();
    if (!alias) break;
    id = alias.survivorId;
  }
  if (id === oldId) return undefined;
  const exists = await db.selectFrom('guest').select('id').where('id', '=', id).executeTakeFirst();
  return exists?.id;
}

/** Reads one guest; a merged-away id is a 404 `guest_merged` naming the survivor (the UI follows it). */
export async function getGuestOrMerged(ctx: Ctx, id: string): Promise<GuestRow> {
  const row = await ctx.db.selectFrom('guest').selectAll().where('id', '=', id).executeTakeFirst();
  if (row) return row;
  const survivorId = await findMergedGuestId(ctx.db, id);
  if (!survivorId) throw notFound('Guest');
  throw new AppError('not_found', 'guest_merged', 'This profile was merged into another one', [
    { field: 'survivorId', message: survivorId },
  ]);
}
