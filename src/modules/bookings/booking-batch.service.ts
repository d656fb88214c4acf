import { sql } from 'kysely';
import type { Ctx } from '../../core/context.ts';
import { AppError, conflict, invalid } from '../../core/errors.ts';
import { newId } from '../../core/ids.ts';
import type { TenantDb } from '../../db/database.ts';
import { retryTransaction } from '../../db/retry.ts';
import type { BookingRow, BookingStatus, RoomTypeRow } from '../../db/schema.ts';
import { auditRow } from '../audit/index.ts';
import {
  DEFAULT_PHONE_COUNTRY,
  findMergedGuestId,
  guestBookingStatsSet,
  isInternational,
  loadPhoneCountries,
  lockGuestsForBooking,
  normalisePhone,
  phoneCountryOrder,
  type PhoneCountries,
} from '../guests/index.ts';
import { assertStayWithinLimits, nightsBetween } from '../properties/index.ts';
import type { CreateBookingInput, PersonDetails } from './booking.schemas.ts';
import { checkBatchCompanies } from './booking-company.ts';
import {
  bookingColumns,
  channelKey,
  nameRequired,
  type PeopleResolver,
  type PersonToResolve,
} from './booking.service.ts';

/** What a batch answers of a booking made (or found). */
export type BatchBooking = Pick<
  BookingRow,
  'id' | 'reference' | 'externalRef' | 'channel' | 'customerId' | 'blockedGuest'
>;

/** What became of one booking of a batch, in the order sent. */
export type BatchOutcome =
  { status: 'created' | 'existing'; booking: BatchBooking; guestIds: string[] } | { status: 'failed'; error: AppError };

type RoomType = RoomTypeRow & { currency: string };

/** Errors PostgreSQL resolves by running the transaction again: deadlock, serialisation, a racing insert. */
const RETRY_CODES = new Set(['40P01', '40001', '23505']);
const ATTEMPTS = 4;

/** Something changed between the first look and the locks: run the batch again. */
class RetryBatch extends Error {
  readonly code = '40001';
}

/**
 * Creates many bookings in one transaction (a channel manager's backlog, a PMS sync, an import):
 * each booking is what `createBooking` would make of it — idempotent on (source, channel, externalRef),
 * the room taken for every night or `sold_out`, the customer and stay guests resolved by the one
 * identity resolver (in the order sent: the same new person twice makes one profile) — but in a
 * fixed number of statements per batch instead of per booking. A booking that cannot be made
 * (sold out, unknown room type or guest, a taken reference, a person's invalid phone) fails alone
 * with its error; the others are made. A batch that meets a concurrent one (a deadlock, the same
 * external booking sent twice at once) is run again, so it never fails half-way.
 */
export async function createBookings(
  ctx: Ctx,
  inputs: CreateBookingInput[],
  resolvePeople: PeopleResolver,
): Promise<BatchOutcome[]> {
  return retryTransaction(
    (attempt) =>
      // The last attempt takes the nights first: it cannot be overtaken (but may wait longer).
      ctx.db.transaction().execute((trx) => createBookingsIn(ctx, trx, inputs, resolvePeople, attempt === ATTEMPTS)),
    { attempts: ATTEMPTS, codes: RETRY_CODES },
  );
}

/**
 * What an import adds to a booking of a batch (not part of the API's body): the status it had in
 * the other system (a cancelled booking stays cancelled) and whether it takes rooms (a past or
 * cancelled booking does not).
 */
export interface ImportedBookingExtras {
  status?: BookingStatus;
  takesRooms?: boolean;
}

/**
 * `createBookings` inside the caller's transaction (an import commits each batch with its
 * checkpoint): the nights are locked first, so the batch is never run again; `extras` per booking.
 */
export async function createBookingsInTransaction(
  ctx: Ctx,
  trx: TenantDb,
  inputs: CreateBookingInput[],
  resolvePeople: PeopleResolver,
  extras: (ImportedBookingExtras | undefined)[] = [],
): Promise<BatchOutcome[]> {
  return createBookingsIn(ctx, trx, inputs, resolvePeople, true, extras);
}

async function createBookingsIn(
  ctx: Ctx,
  trx: TenantDb,
  inputs: CreateBookingInput[],
  resolvePeople: PeopleResolver,
  nightsFirst: boolean,
  extras: (ImportedBookingExtras | undefined)[] = [],
): Promise<BatchOutcome[]> {
  const out: (BatchOutcome | undefined)[] = inputs.map(() => undefined);
  const fail = (i: number, error: AppError) => (out[i] = { status: 'failed', error });
  const repeatOf = new Map<number, number>();
  const pending = () =>
    inputs.map((input, i) => ({ input, i })).filter(({ i }) => out[i] === undefined && !repeatOf.has(i));

  // 1. Repeats: of an earlier booking of this batch, or of one already made.
  const firstOf = new Map<string, number>();
  inputs.forEach((b, i) => {
    if (!b.externalRef) return;
    const key = repeatKey(b.source, b.channel, b.externalRef);
    const first = firstOf.get(key);
    if (first === undefined) firstOf.set(key, i);
    else repeatOf.set(i, first);
  });
  const withRef = inputs.map((b, i) => ({ b, i })).filter(({ b, i }) => b.externalRef && !repeatOf.has(i));
  if (withRef.length) {
    // One index probe per reference (a join would be planned from the table's statistics, and a
    // booking table that grew since its last ANALYZE gets a scan of all its rows).
    const { rows } = await sql<BatchBooking & { source: string }>`
      select b.id, b.reference, b.external_ref, b.channel, b.customer_id, b.blocked_guest, b.source
        from unnest(${withRef.map(({ b }) => b.source)}::text[], ${withRef.map(({ b }) => channelKey(b.channel))}::text[],
                    ${withRef.map(({ b }) => b.externalRef)}::text[]) as r(source, channel, ref)
       cross join lateral (select * from booking b
                            where b.org_id = ${ctx.orgId} and b.source = r.source
                              and lower(coalesce(b.channel, '')) = r.channel and b.external_ref = r.ref limit 1) b`.execute(
      trx,
    );
    const found = new Map(rows.map((r) => [repeatKey(r.source, r.channel, r.externalRef), r]));
    for (const { b, i } of withRef) {
      const row = found.get(repeatKey(b.source, b.channel, b.externalRef));
      if (row) out[i] = { status: 'existing', booking: row, guestIds: [] };
    }
  }

  // 2. What can be checked without writing: names, phones, titles, references.
  await checkPeopleAndReferences(ctx, trx, pending(), fail);

  // 3. Room types (by id, or by name in the property).
  const roomTypes = await findRoomTypes(ctx, trx, pending(), fail);

  // 4. Guests named by id exist (a merged-away id books its survivor).
  const named = await findNamedGuests(trx, pending(), fail);
  await checkBatchCompanies(trx, pending(), fail);

  // 5. Nights: a first look without locks (locked on the last attempt); a stay that does not fit now
  //    is sold out.
  const stays = stayNights(
    pending().filter(({ i }) => extras[i]?.takesRooms !== false),
    roomTypes,
  );
  const firstLook = await bookedNights(ctx, trx, stays, nightsFirst);
  const firstBooked = new Map(firstLook);
  allocateNights(stays, firstLook, fail);

  // 6. The people: one resolver call for the whole batch.
  const todo = pending();
  const people: PersonToResolve[] = [];
  const slots: { i: number; field: string; at: number }[] = [];
  for (const { input, i } of todo) {
    for (const [field, ref] of partyRefs(input)) {
      if ('guestId' in ref) continue;
      slots.push({ i, field, at: people.length });
      people.push({
        person: ref,
        source: input.source,
        role: field === 'customer' ? 'customer' : 'stay',
        propertyId: roomTypes.get(i)?.propertyId ?? input.propertyId ?? null,
      });
    }
  }
  const resolved = await resolvePeople(ctx, trx, people, { deferTouch: true });
  const resolvedAt = new Map<string, string>();
  for (const s of slots) {
    const r = resolved[s.at]!;
    // Checked in step 2: a person who still cannot have a profile fails the batch, leaving nothing half-made.
    if ('error' in r) throw withField(r.error, `bookings.${s.i}.${s.field}`);
    resolvedAt.set(`${s.i}:${s.field}`, r.guestId);
  }
  const touched = [...resolvedAt.values()];

  // 6b. The locks, in the order a single booking takes them (people, then guests named by id, then
  //     nights) so a batch and a single booking never wait on each other in a circle. What changed
  //     since the first look (a concurrent booking took the last room, a named guest was merged)
  //     runs the batch again, which then fails just those bookings before making any profile.
  const stillNamed = await lockGuestsForBooking(trx, [...named.values()]);
  if ([...named.values()].some((id) => !stillNamed.has(id))) throw new RetryBatch();
  if (nightsFirst) await writeNights(ctx, trx, firstLook, firstBooked);
  else {
    const left = stays.filter((s) => out[s.i] === undefined);
    const booked = await bookedNights(ctx, trx, left, true, firstBooked);
    const before = new Map(booked);
    if (allocateNights(left, booked, fail)) throw new RetryBatch();
    await writeNights(ctx, trx, booked, before);
  }

  // 7. The bookings, their parties, audit entries and the guests' booking stats.
  const made = todo.map(({ input, i }) => {
    const party: string[] = [];
    for (const [field, ref] of partyRefs(input)) {
      const id = 'guestId' in ref ? named.get(ref.guestId)! : resolvedAt.get(`${i}:${field}`)!;
      if (!party.includes(id)) party.push(id);
    }
    return { input, i, party, roomType: roomTypes.get(i)!, status: extras[i]?.status ?? 'confirmed' };
  });
  if (made.length) {
    const rows = await insertBookingRows(ctx, trx, made);
    await writePartiesAndStats(ctx, trx, made, rows, touched);
    made.forEach((m, k) => (out[m.i] = { status: 'created', booking: rows[k]!, guestIds: m.party }));
  }

  // 8. A repeat inside the batch answers like its first.
  for (const [i, first] of repeatOf) {
    const o = out[first]!;
    out[i] = o.status === 'failed' ? o : { status: 'existing', booking: o.booking, guestIds: o.guestIds };
  }
  await fillGuestIds(trx, out as BatchOutcome[]);
  return out as BatchOutcome[];
}

/** The people of a booking with the field that names them: `customer`, `guests.0`, … */
function partyRefs(input: CreateBookingInput): [string, CreateBookingInput['customer']][] {
  return [['customer', input.customer], ...input.guests.map((g, k): [string, typeof g] => [`guests.${k}`, g])];
}

function withField(err: AppError, prefix: string): AppError {
  return new AppError(
    err.kind,
    err.code,
    err.message,
    err.details.map((d) => ({ ...d, field: d.field ? `${prefix}.${d.field}` : prefix })),
  );
}

async function checkPeopleAndReferences(
  ctx: Ctx,
  trx: TenantDb,
  items: { input: CreateBookingInput; i: number }[],
  fail: (i: number, e: AppError) => void,
): Promise<void> {
  const titleIds = new Set<string>();
  for (const { input } of items)
    for (const [, ref] of partyRefs(input)) if (!('guestId' in ref) && ref.titleId) titleIds.add(ref.titleId);
  const titles = titleIds.size
    ? new Set(
        (
          await trx
            .selectFrom('title')
            .select('id')
            .where('id', 'in', [...titleIds])
            .execute()
        ).map((t) => t.id),
      )
    : new Set<string>();
  const refs = items.map(({ input }) => input.reference).filter((r): r is string => Boolean(r));
  const taken = refs.length
    ? new Set(
        (await trx.selectFrom('booking').select('reference').where('reference', 'in', refs).execute()).map(
          (r) => r.reference,
        ),
      )
    : new Set<string>();
  const seenRefs = new Set<string>();
  // The organisation's countries, read once and only when a national number needs them (issue 14, 6a).
  const national = items.some(({ input }) =>
    partyRefs(input).some(([, ref]) => !('guestId' in ref) && ref.phone && !isInternational(ref.phone)),
  );
  const pc = national ? await loadPhoneCountries(trx) : undefined;
  for (const { input, i } of items) {
    const propertyId = input.propertyId ?? (input.roomTypeId ? pc?.roomTypes.get(input.roomTypeId) : undefined);
    const problem = partyRefs(input)
      .map(([field, ref]) => ('guestId' in ref ? undefined : personProblem(ref, field, pc, propertyId)))
      .find((p) => p !== undefined);
    if (problem) {
      fail(i, problem);
      continue;
    }
    const unknownTitle = partyRefs(input).find(
      ([, ref]) => !('guestId' in ref) && ref.titleId && !titles.has(ref.titleId),
    );
    if (unknownTitle) {
      fail(
        i,
        invalid('unknown_title', 'The title does not exist', [
          { field: `${unknownTitle[0]}.titleId`, message: 'no such title' },
        ]),
      );
      continue;
    }
    if (input.reference && (taken.has(input.reference) || seenRefs.has(input.reference))) {
      fail(
        i,
        conflict('reference_taken', 'Another booking has this reference', [
          { field: 'reference', message: 'already in use' },
        ]),
      );
      continue;
    }
    if (input.reference) seenRefs.add(input.reference);
  }
}

/** What stops a new profile being made of a person, as the guest insert would say it. */
function personProblem(
  ref: PersonDetails,
  field: string,
  pc: PhoneCountries | undefined,
  propertyId: string | undefined,
): AppError | undefined {
  if (!ref.firstName && !ref.lastName) return nameRequired(field);
  // The resolver reads the number the same way: the person's country, the property's, the organisation's.
  if (
    ref.phone &&
    !normalisePhone(ref.phone, pc ? phoneCountryOrder(pc, [ref.country], propertyId) : DEFAULT_PHONE_COUNTRY)
  )
    return invalid('invalid_phone', 'A phone number is not valid', [
      { field: `${field}.phone`, message: 'is not a valid phone number' },
    ]);
  return undefined;
}

async function findRoomTypes(
  ctx: Ctx,
  trx: TenantDb,
  items: { input: CreateBookingInput; i: number }[],
  fail: (i: number, e: AppError) => void,
): Promise<Map<number, RoomType>> {
  const out = new Map<number, RoomType>();
  const base = () =>
    trx
      .selectFrom('roomType')
      .innerJoin('property', 'property.id', 'roomType.propertyId')
      .selectAll('roomType')
      .select('property.currency');
  const ids = [...new Set(items.map(({ input }) => input.roomTypeId).filter((x): x is string => Boolean(x)))];
  const byId = new Map(
    ids.length ? (await base().where('roomType.id', 'in', ids).execute()).map((r) => [r.id, r] as const) : [],
  );
  const byName = items.filter(({ input }) => !input.roomTypeId);
  let onlyProperty: string | undefined;
  if (byName.some(({ input }) => !input.propertyId)) {
    const props = await trx.selectFrom('property').select('id').limit(2).execute();
    if (props.length === 1) onlyProperty = props[0]?.id;
  }
  const named = byName.length
    ? await base()
        .where('roomType.propertyId', 'in', [
          ...new Set(byName.map(({ input }) => input.propertyId ?? onlyProperty ?? '')),
        ])
        .execute()
    : [];
  for (const { input, i } of items) {
    if (input.roomTypeId) {
      const rt = byId.get(input.roomTypeId);
      if (!rt || (input.propertyId && rt.propertyId !== input.propertyId))
        fail(i, invalid('unknown_room_type', 'Unknown room type', [{ field: 'roomTypeId', message: 'not found' }]));
      else out.set(i, rt);
      continue;
    }
    const propertyId = input.propertyId ?? onlyProperty;
    if (!propertyId) {
      fail(
        i,
        invalid('property_required', 'Say which property (propertyId)', [
          { field: 'propertyId', message: 'required when there are several properties' },
        ]),
      );
      continue;
    }
    const wanted = (input.roomTypeName ?? '').toLowerCase();
    const rt = named.find((r) => r.propertyId === propertyId && r.name.toLowerCase() === wanted);
    if (!rt)
      fail(
        i,
        invalid('unknown_room_type', `Unknown room type "${input.roomTypeName}"`, [
          { field: 'roomTypeName', message: 'not found' },
        ]),
      );
    else out.set(i, rt);
  }
  return out;
}

/** Guests named by id → the profile that books (itself, or the survivor of a merge). */
async function findNamedGuests(
  trx: TenantDb,
  items: { input: CreateBookingInput; i: number }[],
  fail: (i: number, e: AppError) => void,
): Promise<Map<string, string>> {
  const ids = new Set<string>();
  for (const { input } of items) for (const [, ref] of partyRefs(input)) if ('guestId' in ref) ids.add(ref.guestId);
  const out = new Map<string, string>();
  if (!ids.size) return out;
  const found = await trx
    .selectFrom('guest')
    .select('id')
    .where('id', 'in', [...ids])
    .execute();
  for (const { id } of found) out.set(id, id);
  for (const id of ids) {
    if (out.has(id)) continue;
    const survivor = await findMergedGuestId(trx, id);
    if (survivor) out.set(id, survivor);
  }
  for (const { input, i } of items) {
    const missing = partyRefs(input).find(([, ref]) => 'guestId' in ref && !out.has(ref.guestId));
    if (missing)
      fail(i, invalid('unknown_guest', 'Unknown guest', [{ field: `${missing[0]}.guestId`, message: 'not found' }]));
  }
  return out;
}

interface Stay {
  i: number;
  rt: RoomType;
  nights: string[];
}

function stayNights(items: { input: CreateBookingInput; i: number }[], roomTypes: Map<number, RoomType>): Stay[] {
  return items.map(({ input, i }) => {
    assertStayWithinLimits(input.checkIn, input.checkOut);
    return { i, rt: roomTypes.get(i)!, nights: nightsBetween(input.checkIn, input.checkOut) };
  });
}

const nightKey = (rt: string, night: string) => `${rt} ${night}`;

/**
 * Rooms booked per (room type, night) for these stays. `lock`: the rows are locked (created empty
 * when new) in one (room type, night) order, as every booking takes them.
 */
async function bookedNights(
  ctx: Ctx,
  trx: TenantDb,
  stays: Stay[],
  lock: boolean,
  /** Rows known to exist (a first look): only the others are created. */
  known: Map<string, number> = new Map(),
): Promise<Map<string, number>> {
  const keys = [...new Set(stays.flatMap((s) => s.nights.map((n) => nightKey(s.rt.id, n))))].sort();
  if (!keys.length) return new Map();
  const rts = keys.map((k) => k.split(' ')[0]!);
  const nights = keys.map((k) => k.split(' ')[1]!);
  const missing = keys.filter((k) => !known.has(k));
  // Locking: the missing rows are created empty (nobody else sees them until commit), the others
  // are locked without being rewritten (FOR UPDATE, in key order).
  const { rows } = lock
    ? await sql<{ roomTypeId: string; night: string; booked: number }>`
        with created as (
          insert into room_night (org_id, room_type_id, night, booked)
          select ${ctx.orgId}, t.rt, t.night, 0
            from unnest(${missing.map((k) => k.split(' ')[0]!)}::text[], ${missing.map((k) => k.split(' ')[1]!)}::date[])
                 with ordinality as t(rt, night, n)
           order by t.n
          on conflict (org_id, room_type_id, night) do nothing
          returning room_type_id, night, booked
        )
        , locked as (
          select r.room_type_id, r.night, r.booked
            from unnest(${rts}::text[], ${nights}::date[]) as t(rt, night)
            join room_night r on r.org_id = ${ctx.orgId} and r.room_type_id = t.rt and r.night = t.night
           order by r.room_type_id, r.night
             for update of r
        )
        select room_type_id, night::text as night, booked from created
        union all
        select room_type_id, night::text, booked from locked`.execute(trx)
    : await sql<{ roomTypeId: string; night: string; booked: number }>`
        select r.room_type_id, r.night::text as night, r.booked
          from unnest(${rts}::text[], ${nights}::date[]) as t(rt, night)
          join room_night r on r.org_id = ${ctx.orgId} and r.room_type_id = t.rt and r.night = t.night`.execute(trx);
  // A row another booking created while this statement ran is neither created nor seen here:
  // counting it as empty would oversell, so the batch runs again (and sees it).
  if (lock && rows.length !== keys.length) throw new RetryBatch();
  return new Map(rows.map((r) => [nightKey(r.roomTypeId, r.night), r.booked]));
}

/**
 * Gives the rooms out in the order sent (counting into `booked`); a stay that does not fit is
 * sold out. Returns whether any stay was sold out.
 */
function allocateNights(stays: Stay[], booked: Map<string, number>, fail: (i: number, e: AppError) => void): boolean {
  let soldOut = false;
  for (const s of stays) {
    const full = s.nights.find((n) => (booked.get(nightKey(s.rt.id, n)) ?? 0) >= s.rt.roomCount);
    if (full !== undefined) {
      soldOut = true;
      fail(
        s.i,
        conflict('sold_out', `No ${s.rt.name} left on ${full}`, [{ field: 'checkIn', message: `sold out on ${full}` }]),
      );
      continue;
    }
    for (const n of s.nights) booked.set(nightKey(s.rt.id, n), (booked.get(nightKey(s.rt.id, n)) ?? 0) + 1);
  }
  return soldOut;
}

async function writeNights(
  ctx: Ctx,
  trx: TenantDb,
  booked: Map<string, number>,
  before: Map<string, number>,
): Promise<void> {
  const changed = [...booked].filter(([k, v]) => before.get(k) !== v);
  if (!changed.length) return;
  await sql`
    update room_night r set booked = v.booked
      from unnest(${changed.map(([k]) => k.split(' ')[0]!)}::text[], ${changed.map(([k]) => k.split(' ')[1]!)}::date[],
                  ${changed.map(([, v]) => v)}::int[]) as v(rt, night, booked)
     where r.org_id = ${ctx.orgId} and r.room_type_id = v.rt and r.night = v.night`.execute(trx);
}

/** The booking rows, in one statement whose parameters are column arrays (not a value per cell). */
async function insertBookingRows(
  ctx: Ctx,
  trx: TenantDb,
  made: { input: CreateBookingInput; party: string[]; roomType: RoomType; status: BookingStatus }[],
): Promise<BatchBooking[]> {
  const rows = made.map(({ input, party, roomType, status }) => ({
    id: newId('bkg'),
    ...bookingColumns(input, roomType),
    party: party.join(','),
    status,
  }));
  const col = <K extends keyof (typeof rows)[number]>(k: K) => rows.map((r) => r[k]);
  const { rows: inserted } = await sql<BatchBooking>`
    insert into booking (org_id, id, reference, property_id, room_type_id, customer_id, check_in, check_out, adults,
                         children, total, currency, source, external_ref, notes, contact_email, created_by_type,
                         created_by_id, blocked_guest, status, cancelled_at, channel, company_id, contact_id)
    select ${ctx.orgId}, x.id, x.reference, x.property_id, x.room_type_id, split_part(x.party, ',', 1), x.check_in,
           x.check_out, x.adults, x.children, x.total, x.currency, x.source, x.external_ref, x.notes, x.contact_email,
           ${ctx.actor.actorType}, ${ctx.actor.actorId},
           -- G-11: flagged at once when anyone in the party is blocked.
           exists (select 1 from guest g where g.org_id = ${ctx.orgId} and g.id = any(string_to_array(x.party, ','))
                      and g.blocked_at is not null),
           x.status, case when x.status = 'cancelled' then now() end, x.channel, x.company_id, x.contact_id
      from unnest(${col('id')}::text[], ${col('reference')}::text[], ${col('propertyId')}::text[],
                  ${col('roomTypeId')}::text[], ${col('party')}::text[], ${col('checkIn')}::date[],
                  ${col('checkOut')}::date[], ${col('adults')}::int[], ${col('children')}::int[],
                  ${col('total')}::numeric[], ${col('currency')}::text[], ${col('source')}::text[],
                  ${col('externalRef')}::text[], ${col('notes')}::text[], ${col('contactEmail')}::text[],
                  ${col('status')}::text[], ${col('channel')}::text[], ${col('companyId')}::text[], ${col('contactId')}::text[])
           as x(id, reference, property_id, room_type_id, party, check_in, check_out, adults, children, total,
                currency, source, external_ref, notes, contact_email, status, channel, company_id, contact_id)
    returning id, reference, external_ref, channel, customer_id, blocked_guest`.execute(trx);
  const byId = new Map(inserted.map((r) => [r.id, r]));
  return rows.map((r) => byId.get(r.id)!);
}

/**
 * One statement: the parties, the audit entries and the guests' booking stats (recomputed from
 * their bookings, these included; the profiles the resolver found get `updated_at` here).
 */
async function writePartiesAndStats(
  ctx: Ctx,
  trx: TenantDb,
  made: { party: string[] }[],
  rows: BatchBooking[],
  touched: string[],
): Promise<void> {
  const party = made.flatMap((m, k) =>
    m.party.map((guestId, position) => ({ bookingId: rows[k]!.id, guestId, position })),
  );
  const audits = rows.map((row) =>
    auditRow(
      ctx,
      'booking.created',
      { type: 'booking', id: row.id },
      { reference: row.reference, blockedGuest: row.blockedGuest, batch: true },
    ),
  );
  const stats = guestBookingStatsSet();
  await sql`
    with party as (
      insert into booking_guest (org_id, booking_id, guest_id, role, position)
      select ${ctx.orgId}, x.b, x.g, case when x.pos = 0 then 'customer' else 'stay' end, x.pos
        from unnest(${party.map((p) => p.bookingId)}::text[], ${party.map((p) => p.guestId)}::text[],
                    ${party.map((p) => p.position)}::int[]) as x(b, g, pos)
    ), audit as (
      insert into audit_log (org_id, id, actor_type, actor_id, action, entity_type, entity_id, data, request_id)
      select ${ctx.orgId}, x.id, ${ctx.actor.actorType}, ${ctx.actor.actorId}, 'booking.created', 'booking', x.entity,
             x.data::jsonb, ${ctx.requestId}
        from unnest(${audits.map((a) => a.id)}::text[], ${audits.map((a) => a.entityId)}::text[],
                    ${audits.map((a) => a.data)}::text[]) as x(id, entity, data)
    )
    update guest g
       set booking_count = ${stats.bookingCount}, revenue = ${stats.revenue}, last_activity_at = ${stats.lastActivityAt},
           group_ids = ${stats.groupIds},
           updated_at = case when g.id = any(${touched}::text[]) then greatest(g.updated_at, now()) else g.updated_at end
     where g.org_id = ${ctx.orgId} and g.id = any(${[...new Set(party.map((p) => p.guestId))]}::text[])`.execute(trx);
}

/** The party of the bookings that were already there, in position order. */
async function fillGuestIds(trx: TenantDb, out: BatchOutcome[]): Promise<void> {
  const need = out.filter(
    (o): o is Extract<BatchOutcome, { booking: BatchBooking }> => o.status === 'existing' && !o.guestIds.length,
  );
  if (!need.length) return;
  const ids = [...new Set(need.map((o) => o.booking.id))];
  const party = await trx
    .selectFrom('bookingGuest')
    .select(['bookingId', 'guestId'])
    .where('bookingId', 'in', ids)
    .orderBy('bookingId')
    .orderBy('position')
    .execute();
  const byBooking = new Map<string, string[]>();
  for (const p of party) byBooking.set(p.bookingId, [...(byBooking.get(p.bookingId) ?? []), p.guestId]);
  for (const o of need) o.guestIds = byBooking.get(o.booking.id) ?? [];
}

/** Two bookings of a batch are one when source, channel (without case) and external ref are. */
function repeatKey(source: string, channel: string | null | undefined, externalRef: string | null | undefined): string {
  return `${source}\u0000${channelKey(channel)}\u0000${externalRef ?? ''}`;
}
