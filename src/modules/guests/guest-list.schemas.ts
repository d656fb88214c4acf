import { z } from 'zod';
import { GuestSchema } from './guest.schemas.ts';
import { CountryCode, DateOnly, GuestSourceSchema, LanguageCode } from './guest.schemas.ts';

/**
 * The guest list's filters (G-4). One schema for the query string of `GET /guests` and for the
 * `filters` of a saved segment (JSON), so it accepts "true"/true and "3"/3 alike.
 */
const Bool = z.union([z.boolean(), z.enum(['true', 'false']).transform((v) => v === 'true')]);
const Count = z.coerce.number().int().min(0).max(1_000_000);
const TagNames = z
  .union([z.string(), z.array(z.string())])
  .transform((v) => (Array.isArray(v) ? v : [v]).map((t) => t.trim()).filter((t) => t.length > 0))
  .pipe(z.array(z.string().max(100)).max(20));

export const GuestFilters = z.strictObject({
  q: z.string().trim().max(200).optional(),
  language: LanguageCode.optional(),
  marketingConsent: Bool.optional(),
  firstContactFrom: DateOnly.optional(),
  firstContactTo: DateOnly.optional(),
  lastActivityFrom: DateOnly.optional(),
  lastActivityTo: DateOnly.optional(),
  tag: TagNames.optional(),
  tagMode: z.enum(['any', 'all']).optional(),
  groupId: z.string().min(1).max(64).optional(),
  country: CountryCode.optional(),
  hasAccount: Bool.optional(),
  minBookings: Count.optional(),
  maxBookings: Count.optional(),
  source: GuestSourceSchema.optional(),
  /** The company's contacts and the customers and travellers of its bookings. */
  companyId: z.string().min(1).max(64).optional(),
});
export type GuestFilterInput = z.infer<typeof GuestFilters>;

export const GUEST_SORTS = [
  'name',
  '-name',
  'firstContactAt',
  '-firstContactAt',
  'lastActivityAt',
  '-lastActivityAt',
  'bookingCount',
  '-bookingCount',
] as const;
export type GuestSort = (typeof GUEST_SORTS)[number];

export const ListGuestsQuery = GuestFilters.extend({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(500).optional(),
  sort: z.enum(GUEST_SORTS).optional(),
  segmentId: z.string().min(1).max(64).optional(),
});
export type ListGuestsInput = z.infer<typeof ListGuestsQuery>;

export const GuestListResponse = z.object({
  items: z.array(GuestSchema),
  nextCursor: z.string().nullable(),
  total: z.number().int(),
});

/** Saved filters as the API returns them (parsed values). */
export const SegmentFiltersOut = z.object({
  q: z.string().optional(),
  language: z.string().optional(),
  marketingConsent: z.boolean().optional(),
  firstContactFrom: z.string().optional(),
  firstContactTo: z.string().optional(),
  lastActivityFrom: z.string().optional(),
  lastActivityTo: z.string().optional(),
  tag: z.array(z.string()).optional(),
  tagMode: z.enum(['any', 'all']).optional(),
  groupId: z.string().optional(),
  country: z.string().optional(),
  hasAccount: z.boolean().optional(),
  minBookings: z.number().int().optional(),
  maxBookings: z.number().int().optional(),
  source: GuestSourceSchema.optional(),
  companyId: z.string().optional(),
});

export const SegmentSchema = z.object({
  id: z.string(),
  name: z.string(),
  filters: SegmentFiltersOut,
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Segment = z.infer<typeof SegmentSchema>;
export const SegmentBody = z.strictObject({ name: z.string().trim().min(1).max(100), filters: GuestFilters });
export const SegmentPatchBody = z.strictObject({
  name: z.string().trim().min(1).max(100).optional(),
  filters: GuestFilters.optional(),
});
