import { randomBytes } from 'node:crypto';
import type { Ctx } from '../../core/context.ts';
import { notFound } from '../../core/errors.ts';
import type { TenantDb } from '../../db/database.ts';
import { enqueueJob } from '../../jobs/queue.ts';
import { recordAudit } from '../audit/index.ts';
// A leaf file of the guests module (no imports back): guests/index.ts imports this module for deleteGuest.
import { findUpcomingBookings, guestHasUpcomingBookings } from '../guests/guest-delete.ts';
import { collectErasureSubject } from './erasure-subject.ts';
import { tablePlaces, PERSONAL_DATA_PLACES } from './registry.ts';
import { buildScrubber } from './scrub.ts';
import { VACUUM_JOB } from './vacuum.job.ts';

export interface ErasureResult {
  /** The opaque id the audit entry `guest.erased` is kept under (no link to the erased profile). */
  erasureId: string;
  /** Past bookings kept for the hotel's figures, without the person. */
  bookingsKept: number;
  /** Rows deleted or changed per place of the registry. */
  places: Record<string, number>;
}

export interface EraseOptions {
  /** Why (for the audit entry): `staff`, `self` (customer area), `retention`. */
  reason?: string;
}

/**
 * Erases a guest (P-1, P-2) in one transaction: refused with 409 guest_has_upcoming_bookings while
 * they are on an upcoming or in-house booking; otherwise walks the personal-data registry and
 * leaves one audit entry under an opaque id. A `privacy.vacuum` job follows the commit.
 */
export async function eraseGuest(ctx: Ctx, guestId: string, options: EraseOptions = {}): Promise<ErasureResult> {
  return ctx.db.transaction().execute((trx) => eraseGuestIn(trx, ctx, guestId, options));
}

/** `eraseGuest` inside a transaction the caller already holds (replace-guest, retention). */
export async function eraseGuestIn(
  trx: TenantDb,
  ctx: Ctx,
  guestId: string,
  options: EraseOptions = {},
): Promise<ErasureResult> {
  const row = await trx.selectFrom('guest').select('id').where('id', '=', guestId).forUpdate().executeTakeFirst();
  if (!row) throw notFound('Guest');
  const upcoming = await findUpcomingBookings(trx, guestId);
  if (upcoming.length) throw guestHasUpcomingBookings(upcoming);

  const subject = await collectErasureSubject(trx, ctx.orgId, guestId);
  const run = {
    trx,
    ctx,
    subject,
    linked: buildScrubber(subject.terms, 'linked'),
    org: buildScrubber(subject.terms, 'org'),
  };
  const places: Record<string, number> = {};
  for (const place of PERSONAL_DATA_PLACES) {
    if (!place.run) continue;
    places[place.kind === 'table' ? place.table : place.name] = await place.run(run);
  }
  const bookingsKept = new Set([...subject.customerBookingIds, ...subject.partyBookingIds]).size;
  const erasureId = `ers_${randomBytes(12).toString('base64url')}`;
  // The one trace: that a guest was erased, by whom and when — no name, no guest id.
  await recordAudit(
    ctx,
    'guest.erased',
    { type: 'erasure', id: erasureId },
    { bookingsKept, reason: options.reason ?? 'staff', places },
    trx,
  );
  // One VACUUM of every registry table waits at a time: erasures in a burst (a retention batch, a
  // busy desk) share it instead of queuing one each (bench/erasure.ts: a VACUUM of a large guest table
  // costs more than the erasure itself).
  const tables = [...new Set(tablePlaces().map((p) => p.table))];
  await enqueueJob(trx, VACUUM_JOB, { tables }, { dedupeKey: 'all-registry-tables' });
  return { erasureId, bookingsKept, places };
}
