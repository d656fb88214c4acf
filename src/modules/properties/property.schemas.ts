import { z } from 'zod';
import { refineStay } from './stay-limits.ts';

export const CountryCode = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 code');
export const CurrencyCode = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code');
export const IsoDate = z.iso.date('must be a date YYYY-MM-DD');

export const PropertySchema = z.object({
  id: z.string(),
  name: z.string(),
  timezone: z.string(),
  currency: z.string(),
  country: z.string().nullable(),
  createdAt: z.string(),
});
export const CreatePropertyBody = z.strictObject({
  name: z.string().trim().min(1).max(200),
  timezone: z.string().trim().min(1).max(64).default('Europe/Madrid'),
  currency: CurrencyCode.default('EUR'),
  country: CountryCode.optional(),
});
export const UpdatePropertyBody = CreatePropertyBody.partial();

export const RoomTypeSchema = z.object({
  id: z.string(),
  propertyId: z.string(),
  name: z.string(),
  capacity: z.number().int(),
  nightlyPrice: z.number(),
  roomCount: z.number().int(),
  active: z.boolean(),
});
export const CreateRoomTypeBody = z.strictObject({
  name: z.string().trim().min(1).max(200),
  capacity: z.number().int().min(1).max(50),
  nightlyPrice: z.number().min(0).max(1_000_000),
  roomCount: z.number().int().min(0).max(10_000),
  active: z.boolean().default(true),
});
export const UpdateRoomTypeBody = CreateRoomTypeBody.partial();

export const AvailabilityQuery = z
  .strictObject({ from: IsoDate, to: IsoDate })
  // The window only: the service allows up to 366 nights whatever the longest stay.
  .superRefine(refineStay({ checkIn: 'from', checkOut: 'to' }, { maxNights: 366 }));
export const AvailabilityResponse = z.object({
  from: z.string(),
  to: z.string(),
  roomTypes: z.array(
    z.object({
      roomTypeId: z.string(),
      name: z.string(),
      roomCount: z.number().int(),
      nights: z.array(z.object({ night: z.string(), available: z.number().int() })),
      availableForStay: z.number().int(),
    }),
  ),
});
