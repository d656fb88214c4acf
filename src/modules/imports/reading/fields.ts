import { z } from 'zod';
/**
 * The Clientela fields a file column can be mapped onto. A column mapped to `ignore` is not read.
 * Several columns may feed one list field (`email`, `phone`, `tags`, `groups`, `notes`); for a
 * single-valued field the first non-empty column wins.
 */
export const IMPORT_FIELDS = [
  'ignore',
  'externalId',
  'title',
  'givenName',
  'middleName',
  'familyName',
  'fullName',
  'email',
  'phone',
  'birthDate',
  'language',
  'nationality',
  'addressLine1',
  'addressLine2',
  'city',
  'region',
  'postcode',
  'country',
  'documentType',
  'documentNumber',
  'company',
  'notes',
  'tags',
  'groups',
  'newsletter',
  'partnerOffers',
  'bookingReference',
  'bookingStatus',
  'bookingCreatedAt',
  'checkIn',
  'checkOut',
  'roomType',
  'adults',
  'children',
  'totalPrice',
  'stayGuestName',
] as const;

export type ImportField = (typeof IMPORT_FIELDS)[number];

/** Fields that collect every mapped column's values instead of keeping the first. */
export const LIST_FIELDS: ReadonlySet<ImportField> = new Set(['email', 'phone', 'tags', 'groups', 'notes']);

/** Fields that only make sense for a booking export (they fill the booking, not the person). */
export const BOOKING_FIELDS: ReadonlySet<ImportField> = new Set([
  'bookingReference',
  'bookingStatus',
  'bookingCreatedAt',
  'checkIn',
  'checkOut',
  'roomType',
  'adults',
  'children',
  'totalPrice',
  'stayGuestName',
]);

/** Whether a string names an import field (mappings sent by the user are checked with it). */
export function isImportField(value: string): value is ImportField {
  return (IMPORT_FIELDS as readonly string[]).includes(value);
}

/**
 * A column mapping as the user sends it (the `mapping` field of an import): header → field.
 * Bounded so hostile input stays a 400: at most 500 columns, headers up to 500 characters.
 */
export const ImportMapping = z
  .record(z.string().min(1).max(500), z.enum(IMPORT_FIELDS))
  .refine((mapping) => Object.keys(mapping).length <= 500, { message: 'At most 500 columns' });

export type ImportMapping = z.infer<typeof ImportMapping>;
