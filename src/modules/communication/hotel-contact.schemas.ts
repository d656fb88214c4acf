import { z } from 'zod';
import { GuestEmail } from '../guests/index.ts';

/** Plain one-line text: trimmed, no control characters (a name, a subject). */
export const LineText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    // eslint-disable-next-line no-control-regex
    .regex(/^[^\u0000-\u001f\u007f]*$/, 'must be one line without control characters');

/** Free text over several lines: no control characters except tab and line breaks. */
export const BodyText = (max: number) =>
  z
    .string()
    .max(max)
    // eslint-disable-next-line no-control-regex
    .regex(/^[^\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]*$/, 'must not contain control characters')
    .refine((v) => v.trim().length > 0, 'required');

const ContactName = LineText(100).min(1);

/** A contact's name: one for every language, or per language (`en` required, `es`/`fr` default to it). */
export const ContactNames = z.union([
  ContactName,
  z.strictObject({ en: ContactName, es: ContactName.optional(), fr: ContactName.optional() }),
]);

const StaffIds = z.array(z.string().min(1).max(64)).max(200);

export const CreateHotelContactBody = z.strictObject({
  name: ContactNames,
  description: LineText(500).default(''),
  /** Where new-thread notifications for this contact go (the hotel's address, not a guest's). */
  email: GuestEmail,
  propertyId: z.string().min(1).max(64).nullable().optional(),
  /** The staff who see this contact's threads (owners and managers see every thread). */
  staffIds: StaffIds.default([]),
  position: z.number().int().min(0).max(10_000).default(0),
});
export type CreateHotelContactInput = z.infer<typeof CreateHotelContactBody>;

export const UpdateHotelContactBody = z.strictObject({
  name: ContactNames.optional(),
  description: LineText(500).optional(),
  email: GuestEmail.optional(),
  propertyId: z.string().min(1).max(64).nullable().optional(),
  staffIds: StaffIds.optional(),
  position: z.number().int().min(0).max(10_000).optional(),
});
export type UpdateHotelContactInput = z.infer<typeof UpdateHotelContactBody>;

export const HotelContactSchema = z.object({
  id: z.string(),
  /** The name in the language asked (`lang`, default English). */
  name: z.string(),
  names: z.object({ en: z.string(), es: z.string(), fr: z.string() }),
  description: z.string(),
  email: z.string(),
  propertyId: z.string().nullable(),
  staffIds: z.array(z.string()),
  position: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type HotelContact = z.infer<typeof HotelContactSchema>;

export const ContactLanguageQuery = z.strictObject({ lang: z.enum(['en', 'es', 'fr']).default('en') });

export const HotelContactList = z.object({ items: z.array(HotelContactSchema) });

/** What the public contact form shows of a contact (no staff, no notification address). */
export const PublicHotelContactSchema = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  propertyId: z.string().nullable(),
});
