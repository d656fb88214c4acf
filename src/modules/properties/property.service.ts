import { sql } from 'kysely';
import type { Ctx } from '../../core/context.ts';
import { conflict, fromDatabaseError, invalid, notFound } from '../../core/errors.ts';
import { assertStayWithinLimits, nightCount } from './stay-limits.ts';
import { newId } from '../../core/ids.ts';
import type { RoomTypeRow } from '../../db/schema.ts';
import { recordAudit } from '../audit/index.ts';
import { nightsBetween } from './nights.ts';

type PropertyInput = { name: string; timezone: string; currency: string; country?: string | undefined };
type RoomTypeInput = { name: string; capacity: number; nightlyPrice: number; roomCount: number; active: boolean };

/** Lists the organisation's properties. */
export async function listProperties(ctx: Ctx) {
  return ctx.db.selectFrom('property').selectAll().orderBy('createdAt').execute();
}

/** A property by id, or 404. */
export async function getProperty(ctx: Ctx, id: string) {
  const row = await ctx.db.selectFrom('property').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('Property');
  return row;
}

/** Creates a property. */
export async function createProperty(ctx: Ctx, input: PropertyInput) {
  return ctx.db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('property')
      .values({ orgId: ctx.orgId, id: newId('prp'), ...input, country: input.country ?? null })
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(ctx, 'property.created', { type: 'property', id: row.id }, {}, trx);
    return row;
  });
}

/** Updates a property. */
export async function updateProperty(ctx: Ctx, id: string, patch: Partial<PropertyInput>) {
  const row = await ctx.db.updateTable('property').set(patch).where('id', '=', id).returningAll().executeTakeFirst();
  if (!row) throw notFound('Property');
  return row;
}

/** Room types of a property. */
export async function listRoomTypes(ctx: Ctx, propertyId: string): Promise<RoomTypeRow[]> {
  await getProperty(ctx, propertyId);
  return ctx.db.selectFrom('roomType').selectAll().where('propertyId', '=', propertyId).orderBy('name').execute();
}

/** Creates a room type; names are unique within a property. */
export async function createRoomType(ctx: Ctx, propertyId: string, input: RoomTypeInput): Promise<RoomTypeRow> {
  await getProperty(ctx, propertyId);
  try {
    return await ctx.db
      .insertInto('roomType')
      .values({ orgId: ctx.orgId, id: newId('rmt'), propertyId, ...input })
      .returningAll()
      .executeTakeFirstOrThrow();
  } catch (err) {
    throw nameTaken(err);
  }
}

/** Updates a room type (fewer rooms than already sold is allowed; new sales check the new count). */
export async function updateRoomType(ctx: Ctx, id: string, patch: Partial<RoomTypeInput>): Promise<RoomTypeRow> {
  try {
    const row = await ctx.db
      .updateTable('roomType')
      .set({ ...patch, updatedAt: new Date() })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirst();
    if (!row) throw notFound('Room type');
    return row;
  } catch (err) {
    throw nameTaken(err);
  }
}

/**
 * Deletes a room type that no booking uses (409 `room_type_in_use` otherwise: deactivate it
 * instead, so it is no longer sold but the bookings keep it). Its night counters and the cart
 * items waiting for it go with it.
 */
export async function deleteRoomType(ctx: Ctx, id: string): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom('roomType')
      .select(['id', 'name'])
      .where('id', '=', id)
      .forUpdate()
      .executeTakeFirst();
    if (!row) throw notFound('Room type');
    const used = await trx.selectFrom('booking').select('id').where('roomTypeId', '=', id).limit(1).executeTakeFirst();
    if (used)
      throw conflict('room_type_in_use', 'Bookings use this room type: deactivate it instead', [
        { field: 'id', message: 'used by bookings' },
      ]);
    await trx.deleteFrom('roomType').where('id', '=', id).execute();
    await recordAudit(ctx, 'room_type.deleted', { type: 'room_type', id }, { name: row.name }, trx);
  });
}

/** Rooms left per room type and night over [from, to). */
export async function getAvailability(ctx: Ctx, propertyId: string, from: string, to: string) {
  if (to <= from)
    throw invalid('invalid_range', 'to must be after from', [{ field: 'to', message: 'must be after from' }]);
  if (nightCount(from, to) > 366)
    throw invalid('range_too_long', 'Ask for at most 366 nights', [
      { field: 'to', message: 'at most 366 nights after from' },
    ]);
  const nights = nightsBetween(from, to);
  const types = await listRoomTypes(ctx, propertyId);
  const booked = await ctx.db
    .selectFrom('roomNight')
    .select(['roomTypeId', 'night', 'booked'])
    .where('roomTypeId', 'in', types.length ? types.map((t) => t.id) : [''])
    .where('night', '>=', from)
    .where('night', '<', to)
    .execute();
  const key = (t: string, n: string) => `${t}|${n}`;
  const sold = new Map(booked.map((b) => [key(b.roomTypeId, b.night), b.booked]));
  return {
    from,
    to,
    roomTypes: types
      .filter((t) => t.active)
      .map((t) => {
        const perNight = nights.map((night) => ({
          night,
          available: Math.max(0, t.roomCount - (sold.get(key(t.id, night)) ?? 0)),
        }));
        return {
          roomTypeId: t.id,
          name: t.name,
          roomCount: t.roomCount,
          nights: perNight,
          availableForStay: Math.min(...perNight.map((n) => n.available)),
        };
      }),
  };
}

/**
 * Takes one room of `roomTypeId` for every night of the stay, or throws 409 `sold_out`. The
 * conditional upsert locks each night's row, so concurrent checkouts for the last room serialise
 * and only one gets it. All nights in one statement, locked in date order (like one per night);
 * a night already full returns no row, and the error aborts the caller's transaction.
 */
export async function reserveNights(
  trx: Ctx['db'],
  orgId: string,
  roomType: RoomTypeRow,
  checkIn: string,
  checkOut: string,
): Promise<void> {
  // Every entry point writes its nights here: the limits hold even where a schema missed them.
  assertStayWithinLimits(checkIn, checkOut);
  const nights = nightsBetween(checkIn, checkOut);
  const r = await sql<{ night: string }>`
    insert into room_night (org_id, room_type_id, night, booked)
    select ${orgId}, ${roomType.id}, t.night, 1
      from unnest(${nights}::date[]) with ordinality as t(night, n)
     where ${roomType.roomCount}::int > 0
     order by t.n
    on conflict (org_id, room_type_id, night) do update set booked = room_night.booked + 1
      where room_night.booked < ${roomType.roomCount}::int
    returning night::text as night`.execute(trx);
  const taken = new Set(r.rows.map((row) => row.night));
  const full = nights.find((night) => !taken.has(night));
  if (full !== undefined) {
    throw conflict('sold_out', `No ${roomType.name} left on ${full}`, [
      { field: 'checkIn', message: `sold out on ${full}` },
    ]);
  }
}

/** Gives the nights of a cancelled stay back. */
export async function releaseNights(
  trx: Ctx['db'],
  roomTypeId: string,
  checkIn: string,
  checkOut: string,
): Promise<void> {
  await trx
    .updateTable('roomNight')
    .set((eb) => ({ booked: eb('booked', '-', 1) }))
    .where('roomTypeId', '=', roomTypeId)
    .where('night', '>=', checkIn)
    .where('night', '<', checkOut)
    .where('booked', '>', 0)
    .execute();
}

function nameTaken(err: unknown): unknown {
  const mapped = fromDatabaseError(err);
  if (mapped !== err && (err as { code?: string }).code === '23505') {
    return conflict('room_type_name_taken', 'A room type with this name already exists in the property', [
      { field: 'name', message: 'already in use' },
    ]);
  }
  return err;
}
