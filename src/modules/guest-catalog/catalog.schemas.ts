import { z } from 'zod';
import { CatalogLanguage } from './catalog-names.ts';

/** Schemas of the guest catalogs: titles (G-6), tags (G-5) and groups (G-7). */

const label = z.string().trim().min(1).max(30);
export const TitleLabels = z.object({ en: z.string(), es: z.string(), fr: z.string() });
export const TitleSchema = z
  .object({ id: z.string(), labels: TitleLabels, position: z.number().int() })
  .meta({ id: 'Title' });
export type Title = z.infer<typeof TitleSchema>;
export const CreateTitleBody = z.strictObject({
  labels: z.strictObject({ en: label, es: label.optional(), fr: label.optional() }),
  position: z.number().int().min(0).max(10_000).optional(),
});
export const UpdateTitleBody = z.strictObject({
  labels: z.strictObject({ en: label.optional(), es: label.optional(), fr: label.optional() }).optional(),
  position: z.number().int().min(0).max(10_000).optional(),
});

const tagName = z.string().trim().min(1).max(50);
const color = z
  .string()
  .regex(/^#[0-9a-fA-F]{6}$/, 'must be a colour like #1c7ed6')
  .transform((c) => c.toLowerCase());
export const TagSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    /** The name in the language asked for (`?lang=`), else `name`. Filters and bulk actions use `name`. */
    label: z.string(),
    names: z.object({ en: z.string(), es: z.string(), fr: z.string() }),
    predefined: z.boolean(),
    color: z.string().nullable(),
    guestCount: z.number().int(),
  })
  .meta({ id: 'Tag' });
export type Tag = z.infer<typeof TagSchema>;
export const CreateTagBody = z.strictObject({ name: tagName, color: color.nullable().optional() });
export const UpdateTagBody = z.strictObject({ name: tagName.optional(), color: color.nullable().optional() });

export const PriceDisplaySchema = z.enum(['everyone', 'logged_in', 'validated', 'on_request']);
const discount = z.number().min(0).max(100).multipleOf(0.01);
export const GroupSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    /** The name in the language asked for (`?lang=`), else `name`. */
    label: z.string(),
    names: z.object({ en: z.string(), es: z.string(), fr: z.string() }),
    discountPercent: z.number(),
    priceDisplay: PriceDisplaySchema,
    systemKind: z.enum(['visitor', 'guest', 'customer']).nullable(),
    memberCount: z.number().int(),
  })
  .meta({ id: 'Group' });
export type Group = z.infer<typeof GroupSchema>;
export const CreateGroupBody = z.strictObject({
  name: z.string().trim().min(1).max(100),
  discountPercent: discount.optional(),
  priceDisplay: PriceDisplaySchema.optional(),
});
export const UpdateGroupBody = CreateGroupBody.partial();

export const TitleListResponse = z.object({ items: z.array(TitleSchema) });
export const TagListResponse = z.object({ items: z.array(TagSchema) });
export const GroupListResponse = z.object({ items: z.array(GroupSchema) });

/** `?lang=en|es|fr`: the language of each entry's `label` (all names are in `names`). */
export const CatalogListQuery = z.strictObject({ lang: CatalogLanguage.optional() });
