import { z } from 'zod';
import { ContactRole, CompanySchema } from './company.schemas.ts';

/** Company dedupe and merge (issue 15 point 1). */

const CompanyId = z.string().min(1).max(64);

export const DUPLICATE_REASONS = ['same_name', 'similar_name', 'same_city', 'same_country', 'no_location'] as const;

export const CompanyDuplicateSchema = z
  .object({
    id: z.string(),
    /** Name similarity in [0, 1] once case, accents, punctuation and legal forms are gone. */
    score: z.number(),
    reasons: z.array(z.enum(DUPLICATE_REASONS)),
    status: z.enum(['open', 'merged', 'dismissed']),
    createdAt: z.string(),
    decidedAt: z.string().nullable(),
    /** The two companies, side by side (the older first). */
    companies: z.array(CompanySchema),
  })
  .meta({ id: 'CompanyDuplicate' });
export type CompanyDuplicate = z.infer<typeof CompanyDuplicateSchema>;

export const ListCompanyDuplicatesQuery = z.strictObject({
  status: z.enum(['open', 'merged', 'dismissed']).default('open'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(300).optional(),
});
export type ListCompanyDuplicatesInput = z.infer<typeof ListCompanyDuplicatesQuery>;

export const CompanyDuplicateList = z.object({
  items: z.array(CompanyDuplicateSchema),
  nextCursor: z.string().nullable(),
});

export const PairParams = z.strictObject({ pairId: z.string().min(1).max(64) });

export const RescanResult = z.object({ companies: z.number().int(), open: z.number().int() });

/** The fields whose value is chosen from one company or the other; tags are unioned. */
export const COMPANY_MERGE_FIELDS = [
  'name',
  'legalName',
  'taxId',
  'country',
  'language',
  'billingAddress',
  'groupId',
  'discount',
  'rateCode',
  'paymentTerms',
  'notes',
] as const;
export type CompanyMergeField = (typeof COMPANY_MERGE_FIELDS)[number];

/** `{ field: companyId }`: whose value the merged company keeps (default: the survivor's, unless empty). */
const FieldChoices = z.strictObject(Object.fromEntries(COMPANY_MERGE_FIELDS.map((f) => [f, CompanyId.optional()])));
export type CompanyMergeChoices = Partial<Record<CompanyMergeField, string>>;

export const CompanyMergeBody = z.strictObject({ otherId: CompanyId, fields: FieldChoices.optional() });
export const CompanyMergePreviewQuery = z.strictObject({ otherId: CompanyId, ...FieldChoices.shape });

export const CompanyMergePreviewResponse = z.object({
  survivorId: z.string(),
  otherId: z.string(),
  companies: z.array(CompanySchema),
  fields: z.array(
    z.object({
      field: z.enum(COMPANY_MERGE_FIELDS),
      values: z.array(z.object({ companyId: z.string(), value: z.unknown() })),
      chosenCompanyId: z.string(),
      conflict: z.boolean(),
    }),
  ),
  result: CompanySchema,
  /** The other company's contacts as they join the survivor. */
  contacts: z.array(
    z.object({
      guestId: z.string(),
      name: z.string(),
      roles: z.array(ContactRole),
      /** Their purchasing role is dropped: the survivor's purchasing contact keeps it. */
      losesPurchasing: z.boolean(),
    }),
  ),
  moves: z.object({
    contacts: z.number().int(),
    bookings: z.number().int(),
    historyEntries: z.number().int(),
    droppedTags: z.array(z.string()),
  }),
});
export type CompanyMergePreview = z.infer<typeof CompanyMergePreviewResponse>;

export const CompanyMergeResponse = z.object({ company: CompanySchema, mergedId: z.string() });
