import { z } from 'zod';
import { CountryCode, GuestEmail, LanguageCode } from '../guests/index.ts';
import { CurrencyCode, IsoDate, refineStay } from '../properties/index.ts';

export const BOOKING_STATUSES = ['confirmed', 'in_house', 'checked_out', 'cancelled', 'no_show'] as const;
export const BOOKING_SOURCES = [
  'site',
  'staff',
  'import',
  'api',
  'channel_manager',
  'pms',
  'ota',
  'phone',
  'walk_in',
  'email',
] as const;

/** A person on a booking as a connected tool or the staff form sends it; an email is not required. */
export const PersonDetails = z.strictObject({
  titleId: z.string().max(64).optional(),
  firstName: z.string().trim().max(100).default(''),
  lastName: z.string().trim().max(100).default(''),
  secondLastName: z.string().trim().max(100).optional(),
  email: GuestEmail.optional(),
  phone: z.string().trim().min(3).max(40).optional(),
  language: LanguageCode.optional(),
  /** The guest's country; also how a national phone number is read (default: ES). */
  country: CountryCode.optional(),
  birthDate: IsoDate.optional(),
  marketingConsent: z.boolean().optional(),
});
export type PersonDetails = z.infer<typeof PersonDetails>;

/**
 * The channel a connected tool's booking came from (`booking.com`, `expedia`; free text, issue 14
 * point 6b): trimmed, inner spaces collapsed, no control characters; compared without case.
 */
export const BookingChannel = z
  .string()
  .transform((v) => v.replace(/\s+/g, ' ').trim())
  .pipe(
    z
      .string()
      .min(1)
      .max(60)
      // eslint-disable-next-line no-control-regex
      .regex(/^[^\u0000-\u001f\u007f]*$/, 'must not contain control characters'),
  );

export const CustomerRef = z.union([z.strictObject({ guestId: z.string().min(1).max(64) }), PersonDetails]);

export const CreateBookingBody = z
  .strictObject({
    reference: z.string().trim().min(3).max(40).optional(),
    externalRef: z.string().trim().min(1).max(100).optional(),
    source: z.enum(BOOKING_SOURCES).default('api'),
    /** The OTA or channel it came from; idempotency is per (source, channel, externalRef). */
    channel: BookingChannel.optional(),
    propertyId: z.string().max(64).optional(),
    checkIn: IsoDate,
    checkOut: IsoDate,
    roomTypeId: z.string().max(64).optional(),
    roomTypeName: z.string().trim().max(200).optional(),
    adults: z.number().int().min(0).max(50).default(1),
    children: z.number().int().min(0).max(50).default(0),
    total: z.number().min(0, 'must not be negative').max(10_000_000).optional(),
    currency: CurrencyCode.optional(),
    notes: z.string().max(10_000).optional(),
    customer: CustomerRef,
    /** The e-mail the booking is made with (defaults to the customer's e-mail when given by details). */
    contactEmail: GuestEmail.optional(),
    guests: z.array(CustomerRef).max(20).default([]),
    /** The company the booking is for (issue 15) and, optionally, its contact who made it. */
    companyId: z.string().min(1).max(64).optional(),
    contactId: z.string().min(1).max(64).optional(),
  })
  .refine((b) => b.checkOut > b.checkIn, { path: ['checkOut'], message: 'must be after checkIn' })
  .superRefine(refineStay())
  .refine((b) => b.roomTypeId || b.roomTypeName, {
    path: ['roomTypeId'],
    message: 'roomTypeId or roomTypeName is required',
  });
export type CreateBookingInput = z.infer<typeof CreateBookingBody>;

/** At most this many bookings in one batch request. */
export const MAX_BATCH_BOOKINGS = 500;

export const BookingBatchBody = z.strictObject({
  bookings: z.array(CreateBookingBody).min(1).max(MAX_BATCH_BOOKINGS),
});

export const BookingBatchResult = z.object({
  created: z.number().int(),
  existing: z.number().int(),
  failed: z.number().int(),
  /** One per booking sent, in the same order. */
  results: z.array(
    z.object({
      index: z.number().int(),
      /** created; existing (a repeat of source + externalRef: the first booking); failed (see error). */
      status: z.enum(['created', 'existing', 'failed']),
      booking: z
        .object({
          id: z.string(),
          reference: z.string(),
          externalRef: z.string().nullable(),
          channel: z.string().nullable(),
          /** Null once the customer was deleted (their past bookings are kept without them). */
          customerId: z.string().nullable(),
          guestIds: z.array(z.string()),
          blockedGuest: z.boolean(),
        })
        .nullable(),
      error: z
        .object({
          code: z.string(),
          message: z.string(),
          details: z.array(
            z.object({ field: z.string().optional(), message: z.string(), code: z.string().optional() }),
          ),
        })
        .nullable(),
    }),
  ),
});

export const UpdateBookingBody = z
  .strictObject({
    checkIn: IsoDate.optional(),
    checkOut: IsoDate.optional(),
    roomTypeId: z.string().max(64).optional(),
    adults: z.number().int().min(0).max(50).optional(),
    children: z.number().int().min(0).max(50).optional(),
    status: z.enum(BOOKING_STATUSES).optional(),
    total: z.number().min(0, 'must not be negative').max(10_000_000).optional(),
    notes: z.string().max(10_000).nullable().optional(),
    /** Attach the booking to a company afterwards (null detaches it); contactId must be one of its contacts. */
    companyId: z.string().min(1).max(64).nullable().optional(),
    contactId: z.string().min(1).max(64).nullable().optional(),
  })
  // Each date given within the window (the length, with the stored other date, is checked by the service).
  .superRefine(refineStay());
export type UpdateBookingInput = z.infer<typeof UpdateBookingBody>;

const GuestRef = z.object({ guestId: z.string(), role: z.enum(['customer', 'stay', 'additional']), name: z.string() });

export const BookingSchema = z.object({
  id: z.string(),
  reference: z.string(),
  propertyId: z.string(),
  roomTypeId: z.string(),
  roomTypeName: z.string(),
  /** Null once the customer was deleted: the booking is kept, shown with the name `*****`. */
  customerId: z.string().nullable(),
  /** The customer's name as on the profile now. */
  customerName: z.string(),
  guests: z.array(GuestRef),
  checkIn: z.string(),
  checkOut: z.string(),
  nights: z.number().int(),
  adults: z.number().int(),
  children: z.number().int(),
  status: z.enum(BOOKING_STATUSES),
  total: z.number(),
  currency: z.string(),
  source: z.string(),
  /** The channel it came from (`booking.com`, `expedia`), null when not given. */
  channel: z.string().nullable(),
  externalRef: z.string().nullable(),
  notes: z.string().nullable(),
  /** Who created it; `name` is the staff member's name (null for the API, the site or an import). */
  createdBy: z.object({ type: z.string(), id: z.string().nullable(), name: z.string().nullable() }),
  blockedGuest: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
  cancelledAt: z.string().nullable(),
  /** The company the booking is for and its contact who made it (issue 15), or null. */
  companyId: z.string().nullable(),
  contactId: z.string().nullable(),
});
export type Booking = z.infer<typeof BookingSchema>;

export const ListBookingsQuery = z.strictObject({
  guestId: z.string().max(64).optional(),
  propertyId: z.string().max(64).optional(),
  status: z.enum(BOOKING_STATUSES).optional(),
  from: IsoDate.optional(),
  to: IsoDate.optional(),
  q: z.string().trim().max(100).optional(),
  source: z.enum(BOOKING_SOURCES).optional(),
  /** Only bookings from this channel (compared without case). */
  channel: z.string().trim().min(1).max(60).optional(),
  /** Check-in on or after this date. */
  checkInFrom: IsoDate.optional(),
  /** Check-in on or before this date. */
  checkInTo: IsoDate.optional(),
  /** true: only bookings flagged because a guest on them is blocked (G-11); false: only the others. */
  flagged: z.enum(['true', 'false']).optional(),
  companyId: z.string().max(64).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional(),
});
