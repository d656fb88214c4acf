import type { Ctx } from '../../core/context.ts';
import { conflict, notFound } from '../../core/errors.ts';
import { restoreGuestBookings, type BookingMoves } from '../bookings/index.ts';
import { restoreCompanyContacts, type CompanyContactMoves } from '../companies/index.ts';
import { recordAudit } from '../audit/index.ts';
import {
  findActorName,
  findMergedGuestId,
  lockGuests,
  presentGuests,
  recordGuestChanges,
  refreshGuestBookingStats,
  removeGuestAliases,
  restoreGuestNotesAndHistory,
  restoreGuestSnapshot,
  undoMergeOnSurvivor,
  type GuestSnapshot,
} from '../guests/index.ts';
import { restoreIdentityRecords, type IdentityMoves } from '../identity/index.ts';
import { restoreCustomerAccounts } from '../accounts/index.ts';
import { refreshMarketingConsent, restoreGuestConsents } from '../consent/index.ts';
import { restoreGuestEmails } from '../email/index.ts';
// The file itself, not communication/index.ts (which reaches the HTTP layer): no import cycle at start-up.
import { restoreGuestThreads } from '../communication/thread-merge.ts';
import { getMerge } from './merge-read.service.ts';

/** Everything a merge moved or changed, as stored on the merge record. */
export interface MergeMoves {
  bookings: BookingMoves;
  identity: IdentityMoves;
  accounts: { id: string; guestId: string }[];
  /** Mail log entries (absent on merges recorded before they moved). */
  emails?: { id: string; guestId: string }[];
  /** Customer-service threads (absent on merges recorded before threads existed). */
  threads?: { id: string; guestId: string }[];
  notes: { id: string; guestId: string }[];
  history: { id: string; guestId: string }[];
  /** Consent records per merged profile (absent on merges recorded before the ledger). */
  consents?: { guestId: string; ids: string[] }[];
  /** Company contact links and bookings' contacts (absent on merges recorded before companies). */
  companies?: CompanyContactMoves;
  survivor: {
    before: Record<string, unknown>;
    after: Record<string, unknown>;
    addedEmails: string[];
    addedPhones: string[];
    addedAddressIds: string[];
    addedTagIds: string[];
    addedGroupIds: string[];
  };
}

const json = (v: unknown) => JSON.stringify(v ?? null);
const DERIVED = new Set(['email', 'phone', 'phoneDisplay', 'tagIds', 'groupIds']);

/**
 * The survivor's columns after an undo: a column the merge changed goes back to its old value
 * unless someone changed it since (a later edit wins); tags and groups lose exactly what the
 * merge added.
 */
function survivorColumnsAfterUndo(current: Record<string, unknown>, s: MergeMoves['survivor']) {
  const out: Record<string, unknown> = {};
  for (const [key, before] of Object.entries(s.before)) {
    if (DERIVED.has(key)) continue;
    if (json(current[key]) === json(s.after[key])) out[key] = before;
  }
  out.tagIds = ((current.tagIds as string[]) ?? []).filter((t) => !s.addedTagIds.includes(t));
  out.groupIds = ((current.groupIds as string[]) ?? []).filter((g) => !s.addedGroupIds.includes(g));
  return out;
}

/**
 * Undoes a merge (SPEC I-5) in one transaction: the merged-away profiles come back with their
 * ids and what was theirs (bookings, notes, history, identity records, account, lists); what
 * arrived at the survivor after the merge stays with it. A second undo is a 409.
 */
export async function undoMerge(ctx: Ctx, mergeId: string) {
  const at = new Date();
  const { survivorId, mergedIds } = await ctx.db.transaction().execute(async (trx) => {
    const merge = await trx
      .selectFrom('guestMerge')
      .selectAll()
      .where('id', '=', mergeId)
      .forUpdate()
      .executeTakeFirst();
    if (!merge) throw notFound('Merge');
    if (merge.undoneAt) throw conflict('merge_already_undone', 'This merge has already been undone');
    // P-1: an erased guest cannot be un-merged back (the merge log no longer holds them).
    if (merge.erasedAt)
      throw conflict('merge_erased', 'A guest of this merge has been erased: it can no longer be undone');
    const [current] = await lockGuests(trx, [merge.survivorId]);
    if (!current) {
      const laterSurvivor = await findMergedGuestId(trx, merge.survivorId);
      throw laterSurvivor
        ? conflict('survivor_merged', 'The surviving profile was merged again since; undo that merge first', [
            { field: 'survivorId', message: laterSurvivor },
          ])
        : conflict('survivor_deleted', 'The surviving profile has been deleted; this merge cannot be undone');
    }
    const snapshot = merge.snapshot as { survivor: GuestSnapshot; merged: GuestSnapshot[] };
    const moves = merge.moves as unknown as MergeMoves;
    const columns = survivorColumnsAfterUndo(
      JSON.parse(JSON.stringify(current)) as Record<string, unknown>,
      moves.survivor,
    );
    // The survivor gives back first: an account (user_id is unique) must leave it before its owner returns.
    await undoMergeOnSurvivor(
      trx,
      merge.survivorId,
      columns,
      {
        emails: moves.survivor.addedEmails,
        phones: moves.survivor.addedPhones,
        addressIds: moves.survivor.addedAddressIds,
      },
      at,
    );
    for (const snap of snapshot.merged) await restoreGuestSnapshot(trx, ctx.orgId, snap);
    await restoreGuestBookings(trx, ctx.orgId, moves.bookings, merge.survivorId);
    await restoreCompanyContacts(trx, ctx.orgId, moves.companies, merge.survivorId);
    await restoreIdentityRecords(trx, ctx.orgId, moves.identity, merge.survivorId);
    await restoreCustomerAccounts(trx, moves.accounts, merge.survivorId);
    await restoreGuestEmails(trx, moves.emails ?? [], merge.survivorId);
    await restoreGuestThreads(trx, moves.threads ?? [], merge.survivorId);
    await restoreGuestNotesAndHistory(trx, merge.survivorId, { notes: moves.notes, history: moves.history });
    // Each profile gets its own consent records back, and its flag from them.
    await restoreGuestConsents(trx, moves.consents ?? [], merge.survivorId);
    await refreshMarketingConsent(trx, [merge.survivorId, ...merge.mergedIds]);
    await refreshGuestBookingStats(trx, [merge.survivorId, ...merge.mergedIds]);
    // The stats refresh stamps "now" as last activity: put back the restored profiles' own, and
    // the survivor's unless it moved on since the merge.
    for (const snap of snapshot.merged)
      await trx
        .updateTable('guest')
        .set({ lastActivityAt: snap.row.lastActivityAt as string })
        .where('id', '=', snap.row.id)
        .execute();
    const lastActivityAt =
      json(current.lastActivityAt) === json(moves.survivor.after.lastActivityAt)
        ? (moves.survivor.before.lastActivityAt ?? moves.survivor.after.lastActivityAt)
        : current.lastActivityAt;
    await trx
      .updateTable('guest')
      .set({ lastActivityAt: lastActivityAt as string })
      .where('id', '=', merge.survivorId)
      .execute();
    await removeGuestAliases(trx, mergeId);
    await trx
      .updateTable('guestMerge')
      .set({
        undoneAt: at,
        undoneByType: ctx.actor.actorType,
        undoneById: ctx.actor.actorId,
        undoneByName: await findActorName(ctx, trx),
      })
      .where('id', '=', mergeId)
      .execute();
    await recordGuestChanges(
      ctx,
      trx,
      merge.survivorId,
      [{ field: 'unmerged', oldValue: { mergeId, mergedIds: merge.mergedIds }, newValue: null }],
      at,
    );
    await recordAudit(
      ctx,
      'guest.unmerged',
      { type: 'guest', id: merge.survivorId },
      { mergeId, restoredIds: merge.mergedIds },
      trx,
    );
    return { survivorId: merge.survivorId, mergedIds: merge.mergedIds };
  });
  const ids = [survivorId, ...mergedIds];
  const rows = await ctx.db.selectFrom('guest').selectAll().where('id', 'in', ids).execute();
  const guests = await presentGuests(
    ctx,
    ids.flatMap((id) => rows.filter((r) => r.id === id)),
  );
  return { merge: await getMerge(ctx, mergeId), guests };
}
