import type { TenantDb } from '../../db/database.ts';

interface Pair {
  guestA: string;
  guestB: string;
  kind: 'candidate' | 'related';
  score: number;
  rule: string;
  reasons: string[];
  status: 'open' | 'dismissed' | 'merged';
  createdAt: string;
  updatedAt: string;
}

/** What a merge changed in identity records, so an undo can give it back. */
export interface IdentityMoves {
  /** Resolver decisions re-pointed to the survivor (id → former guest). */
  decisions: { id: string; guestId: string }[];
  /** Every duplicate pair that involved a merged-away guest, as it was. */
  pairs: Pair[];
  /** Pairs created for the survivor from a merged-away guest's pairs with a third profile. */
  added: { guestA: string; guestB: string }[];
}

/**
 * Moves identity records of `fromIds` to `toId` (SPEC I-5 merge), in the caller's transaction:
 * resolver decisions follow the profile; a pair with a third profile becomes a pair of the
 * survivor (a dismissal stays a dismissal); pairs among the merged profiles are resolved by the
 * merge itself and go away with the merged-away rows.
 */
export async function moveIdentityRecords(
  trx: TenantDb,
  orgId: string,
  fromIds: string[],
  toId: string,
): Promise<IdentityMoves> {
  const decisions = await trx
    .selectFrom('identityDecision')
    .select(['id', 'guestId'])
    .where('guestId', 'in', fromIds)
    .execute();
  if (decisions.length)
    await trx.updateTable('identityDecision').set({ guestId: toId }).where('guestId', 'in', fromIds).execute();
  const rows = await trx
    .selectFrom('duplicateCandidate')
    .selectAll()
    .where((eb) => eb.or([eb('guestA', 'in', fromIds), eb('guestB', 'in', fromIds)]))
    .orderBy('score', 'desc')
    .execute();
  const pairs: Pair[] = rows.map(({ orgId: _o, ...r }) => ({
    ...r,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  }));
  await trx
    .deleteFrom('duplicateCandidate')
    .where((eb) => eb.or([eb('guestA', 'in', fromIds), eb('guestB', 'in', fromIds)]))
    .execute();
  const merged = new Set([...fromIds, toId]);
  const added: IdentityMoves['added'] = [];
  for (const p of pairs) {
    const other = fromIds.includes(p.guestA) ? p.guestB : p.guestA;
    if (merged.has(other)) continue;
    const [guestA, guestB] = [toId, other].sort() as [string, string];
    if (added.some((a) => a.guestA === guestA && a.guestB === guestB)) continue;
    const inserted = await trx
      .insertInto('duplicateCandidate')
      .values({ ...p, orgId, guestA, guestB, reasons: JSON.stringify(p.reasons), updatedAt: new Date() })
      .onConflict((oc) => oc.doNothing())
      .returning('guestA')
      .executeTakeFirst();
    if (inserted) added.push({ guestA, guestB });
  }
  return { decisions, pairs, added };
}

/** Undoes `moveIdentityRecords` once the merged-away guests exist again. */
export async function restoreIdentityRecords(
  trx: TenantDb,
  orgId: string,
  moves: IdentityMoves,
  toId: string,
): Promise<void> {
  for (const a of moves.added)
    await trx.deleteFrom('duplicateCandidate').where('guestA', '=', a.guestA).where('guestB', '=', a.guestB).execute();
  if (moves.pairs.length)
    await trx
      .insertInto('duplicateCandidate')
      .values(moves.pairs.map((p) => ({ ...p, orgId, reasons: JSON.stringify(p.reasons) })))
      .onConflict((oc) => oc.doNothing())
      .execute();
  const byGuest = new Map<string, string[]>();
  for (const d of moves.decisions) byGuest.set(d.guestId, [...(byGuest.get(d.guestId) ?? []), d.id]);
  for (const [guestId, ids] of byGuest)
    await trx
      .updateTable('identityDecision')
      .set({ guestId })
      .where('guestId', '=', toId)
      .where('id', 'in', ids)
      .execute();
}
