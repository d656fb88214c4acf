import { sql } from 'kysely';
import type { Ctx } from '../../core/context.ts';
import { AppError, conflict, invalid, notFound } from '../../core/errors.ts';
import { decodeCursor, encodeCursor } from '../../core/cursor.ts';
import { newId } from '../../core/ids.ts';
import type { TenantDb } from '../../db/database.ts';
import { retryTransaction } from '../../db/retry.ts';
import type { BookingRow, RoomTypeRow } from '../../db/schema.ts';
import { auditRow, recordAudit } from '../audit/index.ts';
import { assertAmountFits, nightsBetween, releaseNights, reserveNights } from '../properties/index.ts';
import { newBookingReference } from './booking-reference.ts';
import { checkBookingCompany } from './booking-company.ts';
import type { NewProfileDetails } from '../guests/index.ts';
import type { CreateBookingInput, PersonDetails, UpdateBookingInput } from './booking.schemas.ts';
import type { KnownBookingDetails } from './booking.presenter.ts';
import { findMergedGuestId, guestBookingStatsSet, refreshGuestBookingStats } from '../guests/index.ts';

const DEADLOCK = new Set(['40P01']);

/** Finds or creates the profile for a person on a booking (the identity resolver, I-1/I-2). */
export type PersonResolver = (
  ctx: Ctx,
  trx: TenantDb,
  person: PersonDetails,
  meta: {
    source: string;
    role: 'customer' | 'stay' | 'additional';
    /**
     * The caller moves the profile's last activity and `updated_at` itself later in the same
     * transaction (createBooking's stats update): a match that adds nothing need not write the row.
     */
    deferTouch?: boolean;
    /** The property the person books or registers at: its country reads their national phone number. */
    propertyId?: string | null;
  },
) => Promise<string>;

/** One person to resolve in a batch (a booking's customer or stay guest, an import row). */
export interface PersonToResolve {
  person: PersonDetails;
  /** More for the profile, when the person gets a new one (an import); not used to match. */
  profile?: NewProfileDetails;
  source: string;
  role: 'customer' | 'stay' | 'additional';
  /** The property of the booking: its country reads a national phone number after the person's own. */
  propertyId?: string | null;
}

/** Where a person of a batch landed, or why they could not (their new profile is not valid). */
export type ResolvedPerson = { guestId: string; created: boolean } | { error: AppError };

/**
 * The identity resolver for many people at once, in the caller's transaction (the same rules as
 * `PersonResolver`, in the order given); `deferTouch` as there.
 */
export type PeopleResolver = (
  ctx: Ctx,
  trx: TenantDb,
  people: PersonToResolve[],
  /**
   * `enrich: false`: a matched profile is left as it is (an import applies its own rules to it).
   * `newProfileHistory: false`: new profiles get no history rows here (an import writes one
   * "created" row per profile once its records are folded in, decision 0017).
   */
  options?: { deferTouch?: boolean; enrich?: boolean; newProfileHistory?: boolean },
) => Promise<ResolvedPerson[]>;

export interface CreateBookingResult {
  booking: BookingRow;
  created: boolean;
  /** What presenting a new booking needs, read while writing it (absent for a repeat). */
  known?: KnownBookingDetails;
}

/**
 * Creates a booking (staff, site, import or a connected tool): idempotent on
 * (source, channel, externalRef); takes a room for every night or fails with `sold_out`; resolves the
 * customer and the stay guests to profiles; keeps the guests' booking counts right.
 */
export async function createBooking(
  ctx: Ctx,
  input: CreateBookingInput,
  resolvePerson: PersonResolver,
  /** Run inside the caller's transaction (e.g. a site checkout of several rooms) instead of a new one. */
  options: { trx?: TenantDb } = {},
): Promise<CreateBookingResult> {
  const inTransaction = async <T>(fn: (trx: TenantDb) => Promise<T>): Promise<T> => {
    if (options.trx) return fn(options.trx);
    // A deadlock with a concurrent batch (which takes many locks) is resolved by running again.
    return retryTransaction(() => ctx.db.transaction().execute(fn), { attempts: 3, codes: DEADLOCK });
  };
  try {
    return await inTransaction(async (trx): Promise<CreateBookingResult> => {
      // The room type and, in the same query, a booking already made with this external ref.
      const picked = await pickRoomType(ctx, trx, input);
      if ('existing' in picked) return { booking: picked.existing, created: false };
      const roomType = picked.roomType;
      await checkBookingCompany(trx, input.companyId, input.contactId);
      /** Profiles found or created by the resolver (not named by id): touched by the stats update. */
      const touched: string[] = [];
      const resolve = (ref: CreateBookingInput['customer'], field: string, role: 'customer' | 'stay') =>
        resolveRef(ctx, trx, ref, field, role, input.source, resolvePerson, touched, roomType.propertyId);
      const customerId = await resolve(input.customer, 'customer', 'customer');
      const guestIds: string[] = [];
      for (const [i, g] of input.guests.entries()) {
        const id = await resolve(g, `guests.${i}`, 'stay');
        if (id !== customerId && !guestIds.includes(id)) guestIds.push(id);
      }
      await reserveNights(trx, ctx.orgId, roomType, input.checkIn, input.checkOut);
      const partyIds = [customerId, ...guestIds];
      const row = await trx
        .insertInto('booking')
        .values({
          orgId: ctx.orgId,
          id: newId('bkg'),
          ...bookingColumns(input, roomType),
          customerId,
          createdByType: ctx.actor.actorType,
          createdById: ctx.actor.actorId,
          // G-11: flagged at once when anyone in the party is blocked (checked in this statement).
          blockedGuest: sql<boolean>`exists (select 1 from guest where org_id = ${ctx.orgId} and id = any(${partyIds}::text[]) and blocked_at is not null)`,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      // One statement: the party, the audit entry and the guests' booking stats (recomputed from
      // their bookings, this one included; the profiles resolved above get their last activity
      // and updated_at here, see `deferTouch`).
      const names = await trx
        .with('party', (db) =>
          db.insertInto('bookingGuest').values(
            partyIds.map((guestId, position) => ({
              orgId: ctx.orgId,
              bookingId: row.id,
              guestId,
              role: position === 0 ? ('customer' as const) : ('stay' as const),
              position,
            })),
          ),
        )
        .with('audit', (db) =>
          db
            .insertInto('auditLog')
            .values(
              auditRow(
                ctx,
                'booking.created',
                { type: 'booking', id: row.id },
                { reference: row.reference, blockedGuest: row.blockedGuest },
              ),
            ),
        )
        .updateTable('guest as g')
        .set({
          ...guestBookingStatsSet(),
          updatedAt: sql<Date>`case when g.id = any(${touched}::text[]) then greatest(g.updated_at, now()) else g.updated_at end`,
        })
        .where('g.id', 'in', partyIds)
        .returning(['g.id', 'g.firstName', 'g.lastName'])
        .execute();
      const nameOf = new Map(names.map((n) => [n.id, n]));
      const known: KnownBookingDetails = {
        roomTypeName: roomType.name,
        guests: partyIds.map((guestId, position) => ({
          bookingId: row.id,
          guestId,
          role: position === 0 ? ('customer' as const) : ('stay' as const),
          position,
          firstName: nameOf.get(guestId)?.firstName ?? '',
          lastName: nameOf.get(guestId)?.lastName ?? '',
        })),
      };
      return { booking: row, created: true, known };
    });
  } catch (err) {
    // Two deliveries of the same external booking at once: the loser returns the winner's.
    if (input.externalRef && !options.trx && (err as { code?: string }).code === '23505') {
      const existing = await findByExternalRef(ctx.db, input.source, input.channel, input.externalRef);
      if (existing) return { booking: existing, created: false };
    }
    if ((err as { code?: string; constraint?: string }).code === '23505') {
      throw conflict('reference_taken', 'Another booking has this reference', [
        { field: 'reference', message: 'already in use' },
      ]);
    }
    throw err;
  }
}

/** The columns of a new booking that come from its input and room type (the price: nights × rate). */
export function bookingColumns(input: CreateBookingInput, roomType: RoomTypeRow & { currency: string }) {
  const nights = nightsBetween(input.checkIn, input.checkOut).length;
  const total = input.total ?? Math.round(roomType.nightlyPrice * nights * 100) / 100;
  assertAmountFits(total, 'total');
  return {
    reference: input.reference ?? newBookingReference(),
    propertyId: roomType.propertyId,
    roomTypeId: roomType.id,
    checkIn: input.checkIn,
    checkOut: input.checkOut,
    adults: input.adults,
    children: input.children,
    total,
    currency: input.currency ?? roomType.currency,
    source: input.source,
    externalRef: input.externalRef ?? null,
    channel: input.channel ?? null,
    notes: input.notes ?? null,
    // The e-mail the booking was made with: given, else the customer's when given by details.
    contactEmail: input.contactEmail ?? ('email' in input.customer ? input.customer.email : undefined) ?? null,
    companyId: input.companyId ?? null,
    contactId: input.contactId ?? null,
  };
}

/** A person on a booking needs a first or last name (`field` names the person: `customer`, `guests.0`). */
export function nameRequired(field: string): AppError {
  return invalid('validation_failed', 'A first or last name is required', [
    { field: `${field}.lastName`, message: 'required' },
  ]);
}

/** A booking by id, or 404. */
export async function getBooking(ctx: Ctx, id: string, db: TenantDb = ctx.db): Promise<BookingRow> {
  const row = await db.selectFrom('booking').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('Booking');
  return row;
}

/** Edits dates, room type, party, status, total or notes; moves the nights when the stay changes. */
export async function updateBooking(ctx: Ctx, id: string, patch: UpdateBookingInput): Promise<BookingRow> {
  return ctx.db.transaction().execute(async (trx) => {
    const current = await trx.selectFrom('booking').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
    if (!current) throw notFound('Booking');
    const checkIn = patch.checkIn ?? current.checkIn;
    const checkOut = patch.checkOut ?? current.checkOut;
    if (checkOut <= checkIn)
      throw invalid('validation_failed', 'checkOut must be after checkIn', [
        { field: 'checkOut', message: 'must be after checkIn' },
      ]);
    if (patch.companyId !== undefined || patch.contactId !== undefined) {
      // A new company without a contact named clears the old company's contact.
      const companyId = patch.companyId !== undefined ? patch.companyId : current.companyId;
      const contactId =
        patch.contactId !== undefined
          ? patch.contactId
          : patch.companyId !== undefined && patch.companyId !== current.companyId
            ? null
            : current.contactId;
      await checkBookingCompany(trx, companyId, contactId);
      patch = { ...patch, companyId, contactId };
    }
    const wasHolding = current.status !== 'cancelled';
    const holds = (patch.status ?? current.status) !== 'cancelled';
    const stayChanged =
      checkIn !== current.checkIn ||
      checkOut !== current.checkOut ||
      (patch.roomTypeId ?? current.roomTypeId) !== current.roomTypeId;
    if (wasHolding && (!holds || stayChanged))
      await releaseNights(trx, current.roomTypeId, current.checkIn, current.checkOut);
    if (holds && (!wasHolding || stayChanged)) {
      const roomType = await trx
        .selectFrom('roomType')
        .selectAll()
        .where('id', '=', patch.roomTypeId ?? current.roomTypeId)
        .executeTakeFirst();
      if (!roomType)
        throw invalid('unknown_room_type', 'Unknown room type', [{ field: 'roomTypeId', message: 'not found' }]);
      await reserveNights(trx, ctx.orgId, roomType, checkIn, checkOut);
    }
    const row = await trx
      .updateTable('booking')
      .set({
        ...patch,
        checkIn,
        checkOut,
        updatedAt: new Date(),
        cancelledAt: !holds && wasHolding ? new Date() : holds ? null : current.cancelledAt,
      })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    const guestIds = (await trx.selectFrom('bookingGuest').select('guestId').where('bookingId', '=', id).execute()).map(
      (g) => g.guestId,
    );
    await refreshGuestBookingStats(trx, guestIds);
    await recordAudit(
      ctx,
      holds ? 'booking.updated' : 'booking.cancelled',
      { type: 'booking', id },
      { fields: Object.keys(patch) },
      trx,
    );
    return row;
  });
}

/** Cancels a booking and gives its nights back. */
export function cancelBooking(ctx: Ctx, id: string): Promise<BookingRow> {
  return updateBooking(ctx, id, { status: 'cancelled' });
}

/**
 * Lists bookings newest check-in first, by guest (as customer or stay guest), property, status,
 * stay dates, check-in range, source, flag (blocked guest) or reference prefix.
 */
export async function listBookings(
  ctx: Ctx,
  query: {
    guestId?: string | undefined;
    propertyId?: string | undefined;
    status?: string | undefined;
    from?: string | undefined;
    to?: string | undefined;
    q?: string | undefined;
    source?: string | undefined;
    channel?: string | undefined;
    checkInFrom?: string | undefined;
    checkInTo?: string | undefined;
    flagged?: 'true' | 'false' | undefined;
    companyId?: string | undefined;
    limit: number;
    cursor?: string | undefined;
  },
): Promise<{ rows: BookingRow[]; nextCursor: string | null }> {
  let q = ctx.db.selectFrom('booking').selectAll();
  if (query.guestId) {
    const guestId = query.guestId;
    q = q.where((eb) =>
      eb('id', 'in', eb.selectFrom('bookingGuest').select('bookingId').where('guestId', '=', guestId)),
    );
  }
  if (query.propertyId) q = q.where('propertyId', '=', query.propertyId);
  if (query.status) q = q.where('status', '=', query.status as BookingRow['status']);
  if (query.from) q = q.where('checkOut', '>', query.from);
  if (query.to) q = q.where('checkIn', '<', query.to);
  if (query.source) q = q.where('source', '=', query.source);
  if (query.channel) q = q.where(sql<boolean>`lower(channel) = ${query.channel.toLowerCase()}`);
  if (query.checkInFrom) q = q.where('checkIn', '>=', query.checkInFrom);
  if (query.checkInTo) q = q.where('checkIn', '<=', query.checkInTo);
  if (query.flagged) q = q.where('blockedGuest', '=', query.flagged === 'true');
  if (query.companyId) q = q.where('companyId', '=', query.companyId);
  if (query.q)
    q = q.where(sql<boolean>`lower(reference) like ${`${query.q.toLowerCase().replace(/[%_\\]/g, '\\$&')}%`}`);
  if (query.cursor) {
    const [checkIn, id] = decodeCursor(query.cursor, 'bookings', ['date', 'string']);
    q = q.where((eb) => eb.or([eb('checkIn', '<', checkIn), eb.and([eb('checkIn', '=', checkIn), eb('id', '<', id)])]));
  }
  const rows = await q
    .orderBy('checkIn', 'desc')
    .orderBy('id', 'desc')
    .limit(query.limit + 1)
    .execute();
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    rows: page,
    nextCursor: rows.length > query.limit && last ? encodeCursor('bookings', [last.checkIn, last.id]) : null,
  };
}

/** How a channel takes part in idempotency (booking_channel_external_ref_key): without case, none = ''. */
export function channelKey(channel: string | null | undefined): string {
  return (channel ?? '').toLowerCase();
}

async function findByExternalRef(
  db: TenantDb,
  source: string,
  channel: string | undefined,
  externalRef: string,
): Promise<BookingRow | undefined> {
  return db
    .selectFrom('booking')
    .selectAll()
    .where('source', '=', source)
    .where(sql<boolean>`lower(coalesce(channel, '')) = ${channelKey(channel)}`)
    .where('externalRef', '=', externalRef)
    .executeTakeFirst();
}

/**
 * The room type of a new booking with its property's currency, or the booking already created
 * with the same (source, channel, externalRef) — idempotency checked in the same query.
 */
async function pickRoomType(
  ctx: Ctx,
  trx: TenantDb,
  input: CreateBookingInput,
): Promise<{ roomType: RoomTypeRow & { currency: string } } | { existing: BookingRow }> {
  const externalRef = input.externalRef;
  const existing = async () =>
    externalRef ? findByExternalRef(trx, input.source, input.channel, externalRef) : undefined;
  /** A repeat delivery answers with the first booking, even when its room type is gone since. */
  const fail = async (error: AppError) => {
    const found = await existing();
    if (found) return { existing: found };
    throw error;
  };
  const withCurrency = trx
    .selectFrom('roomType')
    .innerJoin('property', 'property.id', 'roomType.propertyId')
    .selectAll('roomType')
    .select([
      'property.currency',
      externalRef
        ? sql<string | null>`(select b.id from booking b where b.org_id = ${ctx.orgId} and b.source = ${input.source}
                 and lower(coalesce(b.channel, '')) = ${channelKey(input.channel)} and b.external_ref = ${externalRef})`.as(
            'existingId',
          )
        : sql<string | null>`null::text`.as('existingId'),
    ]);
  const found = async (rt: (RoomTypeRow & { currency: string; existingId: string | null }) | undefined) => {
    if (!rt?.existingId) return undefined;
    return { existing: await getBooking(ctx, rt.existingId, trx) };
  };
  if (input.roomTypeId) {
    const rt = await withCurrency.where('roomType.id', '=', input.roomTypeId).executeTakeFirst();
    const repeat = await found(rt);
    if (repeat) return repeat;
    if (!rt || (input.propertyId && rt.propertyId !== input.propertyId)) {
      return fail(invalid('unknown_room_type', 'Unknown room type', [{ field: 'roomTypeId', message: 'not found' }]));
    }
    return { roomType: rt };
  }
  let propertyId = input.propertyId;
  if (!propertyId) {
    const props = await trx.selectFrom('property').select('id').limit(2).execute();
    if (props.length !== 1)
      return fail(
        invalid('property_required', 'Say which property (propertyId)', [
          { field: 'propertyId', message: 'required when there are several properties' },
        ]),
      );
    propertyId = props[0]?.id;
  }
  const rt = await withCurrency
    .where('roomType.propertyId', '=', propertyId ?? '')
    .where(sql<boolean>`lower(room_type.name) = ${(input.roomTypeName ?? '').toLowerCase()}`)
    .executeTakeFirst();
  const repeat = await found(rt);
  if (repeat) return repeat;
  if (!rt)
    return fail(
      invalid('unknown_room_type', `Unknown room type "${input.roomTypeName}"`, [
        { field: 'roomTypeName', message: 'not found' },
      ]),
    );
  return { roomType: rt };
}

async function resolveRef(
  ctx: Ctx,
  trx: TenantDb,
  ref: CreateBookingInput['customer'],
  field: string,
  role: 'customer' | 'stay',
  source: string,
  resolvePerson: PersonResolver,
  touched: string[],
  propertyId: string,
): Promise<string> {
  if ('guestId' in ref) {
    // Locked like a resolved profile: two bookings of this guest at the same moment would each
    // recount the guest's bookings without the other's and one would be lost from bookingCount.
    const lock = (id: string) =>
      trx.selectFrom('guest').select('id').where('id', '=', id).forNoKeyUpdate().executeTakeFirst();
    const g = await lock(ref.guestId);
    // A merged-away profile's id books its survivor (SPEC I-5).
    const merged = g ? undefined : await findMergedGuestId(trx, ref.guestId);
    const id = g?.id ?? (merged ? (await lock(merged))?.id : undefined);
    if (!id) throw invalid('unknown_guest', 'Unknown guest', [{ field: `${field}.guestId`, message: 'not found' }]);
    return id;
  }
  if (!ref.firstName && !ref.lastName) throw nameRequired(field);
  try {
    const id = await resolvePerson(ctx, trx, ref, { source, role, deferTouch: true, propertyId });
    touched.push(id);
    return id;
  } catch (err) {
    if (err instanceof AppError && err.kind === 'invalid') {
      throw new AppError(
        err.kind,
        err.code,
        err.message,
        err.details.map((d) => ({ ...d, field: d.field ? `${field}.${d.field}` : field })),
      );
    }
    throw err;
  }
}
