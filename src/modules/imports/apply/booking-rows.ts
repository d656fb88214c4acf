import { sql } from 'kysely';
import type { Ctx } from '../../../core/context.ts';
import { AppError } from '../../../core/errors.ts';
import { newId } from '../../../core/ids.ts';
import type { TenantDb } from '../../../db/database.ts';
import type { BookingStatus } from '../../../db/schema.ts';
import { type CreateBookingInput, type ImportedBookingExtras } from '../../bookings/index.ts';
import { assertStayWithinLimits } from '../../properties/index.ts';
import type { ImportedBooking } from '../reading/index.ts';

/** The room type of a booking whose file names none. */
export const UNNAMED_ROOM_TYPE = 'Imported';

/** A booking of the file, its rooms (rows) folded into one. */
export interface FileBooking {
  reference: string;
  checkIn?: string | undefined;
  checkOut?: string | undefined;
  status: BookingStatus;
  roomType: string;
  adults: number;
  children: number;
  total?: number | undefined;
}

/** The status a booking had in the other system, in Clientela's words. */
export function bookingStatusOf(text: string | undefined, checkOut: string | undefined, today: string): BookingStatus {
  const t = (text ?? '').toLowerCase();
  if (/cancel|annul/.test(t)) return 'cancelled';
  if (/no[\s_-]?show/.test(t)) return 'no_show';
  if (checkOut && checkOut <= today) return 'checked_out';
  return 'confirmed';
}

/** "€1,234.50", "300 EUR", "1.234,50" → 1234.5; undefined when there is no amount. */
export function parseAmount(text: string | undefined): number | undefined {
  if (!text) return undefined;
  let s = text.replace(/[^\d.,-]/g, '');
  if (!/\d/.test(s)) return undefined;
  const comma = s.lastIndexOf(',');
  const dot = s.lastIndexOf('.');
  // The last separator followed by one or two digits is the decimal one.
  const decimal = Math.max(comma, dot);
  if (decimal >= 0 && s.length - decimal - 1 <= 2) {
    s = `${s.slice(0, decimal).replace(/[.,]/g, '')}.${s.slice(decimal + 1)}`;
  } else s = s.replace(/[.,]/g, '');
  const n = Number(s);
  return Number.isFinite(n) && n >= 0 && n <= 10_000_000 ? Math.round(n * 100) / 100 : undefined;
}

/** The rows of one booking as one booking: the first row's dates and room type, guests and amounts summed. */
export function fileBookingOf(rows: ImportedBooking[], today: string): FileBooking {
  const first = rows[0]!;
  const rooms = rows.flatMap((r) => r.rooms);
  const amounts = rows.map((r) => parseAmount(r.totalPrice));
  const checkIn = rows.map((r) => r.checkIn).find(Boolean);
  const checkOut = rows.map((r) => r.checkOut).find(Boolean);
  return {
    reference: first.reference,
    checkIn,
    checkOut,
    status: bookingStatusOf(rows.map((r) => r.status).find(Boolean), checkOut, today),
    roomType:
      rooms
        .map((r) => r.roomType)
        .find(Boolean)
        ?.slice(0, 200) ?? UNNAMED_ROOM_TYPE,
    adults: Math.min(50, rooms.reduce((n, r) => n + (r.adults ?? 0), 0) || 1),
    children: Math.min(
      50,
      rooms.reduce((n, r) => n + (r.children ?? 0), 0),
    ),
    total: amounts.some((a) => a !== undefined) ? amounts.reduce<number>((n, a) => n + (a ?? 0), 0) : undefined,
  };
}

/** Why a booking of the file cannot be made (no dates, a stay outside the limits), or undefined. */
export function bookingProblem(b: FileBooking): { code: string; message: string } | undefined {
  if (!b.checkIn || !b.checkOut)
    return { code: 'booking_dates_missing', message: 'The booking has no check-in or check-out date; not imported.' };
  if (b.checkOut <= b.checkIn)
    return { code: 'booking_dates_invalid', message: 'The check-out is not after the check-in; booking not imported.' };
  try {
    assertStayWithinLimits(b.checkIn, b.checkOut);
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    return { code: 'booking_stay_out_of_limits', message: `${err.message}; booking not imported.` };
  }
  return undefined;
}

/** The property booking exports go to: the one asked for, else the organisation's first. */
export async function findImportProperty(
  trx: TenantDb,
  propertyId: string | undefined,
): Promise<{ id: string } | undefined> {
  let q = trx.selectFrom('property').select('id');
  q = propertyId ? q.where('id', '=', propertyId) : q.orderBy('createdAt').orderBy('id').limit(1);
  return q.executeTakeFirst();
}

/**
 * The property's room types by (lower-cased) name; the names it lacks are created inactive, with
 * no rooms and no price (the hotelier sets them up later). Returns the names created.
 */
export async function ensureRoomTypes(
  ctx: Ctx,
  trx: TenantDb,
  propertyId: string,
  names: string[],
): Promise<{ byName: Map<string, { id: string; active: boolean; roomCount: number }>; created: string[] }> {
  const list = async () =>
    new Map(
      (
        await trx
          .selectFrom('roomType')
          .select(['id', 'name', 'active', 'roomCount'])
          .where('propertyId', '=', propertyId)
          .execute()
      ).map((r) => [r.name.toLowerCase(), r]),
    );
  let byName = await list();
  const missing = [...new Map(names.map((n) => [n.toLowerCase(), n])).entries()]
    .filter(([k]) => !byName.has(k))
    .map(([, n]) => n);
  if (!missing.length) return { byName, created: [] };
  const { rows } = await sql<{ name: string }>`
    insert into room_type (org_id, id, property_id, name, capacity, nightly_price, room_count, active)
    select ${ctx.orgId}, x.id, ${propertyId}, x.name, 2, 0, 0, false
      from unnest(${missing.map(() => newId('rmt'))}::text[], ${missing}::text[]) as x(id, name)
    on conflict (org_id, property_id, lower(name)) do nothing
    returning name`.execute(trx);
  byName = await list();
  return { byName, created: rows.map((r) => r.name) };
}

/** The booking to create, with what the import adds (its status, whether it takes rooms). */
export function bookingInput(
  b: FileBooking & { checkIn: string; checkOut: string },
  parties: { propertyId: string; customerId: string; stayIds: string[]; contactEmail?: string | undefined },
  importId: string,
  takesRooms: boolean,
): { input: CreateBookingInput; extras: ImportedBookingExtras } {
  return {
    input: {
      externalRef: b.reference.slice(0, 100),
      source: 'import',
      propertyId: parties.propertyId,
      checkIn: b.checkIn,
      checkOut: b.checkOut,
      roomTypeName: b.roomType,
      adults: b.adults,
      children: b.children,
      ...(b.total !== undefined ? { total: b.total } : {}),
      notes: `Imported (${importId})`,
      customer: { guestId: parties.customerId },
      ...(parties.contactEmail ? { contactEmail: parties.contactEmail } : {}),
      guests: parties.stayIds.slice(0, 20).map((guestId) => ({ guestId })),
    },
    extras: { status: b.status, takesRooms },
  };
}
