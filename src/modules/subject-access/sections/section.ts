import type { Ctx } from '../../../core/context.ts';
import type { CustomerAccountRow, GuestRow } from '../../../db/schema.ts';
import type { DocumentSectionsValue } from '../document.schemas.ts';

/** A guest profile as staff export it: the row, its e-mail addresses (lower case) and its customer accounts. */
export interface GuestSubject {
  guest: GuestRow;
  emails: string[];
  accountIds: string[];
}

/** A customer account exporting its own data: only the account row, never the profile it may be linked to. */
export interface AccountSubject {
  account: CustomerAccountRow;
}

export type SectionName = keyof DocumentSectionsValue;
export type SectionValue<K extends SectionName> = NonNullable<DocumentSectionsValue[K]>;

/** One section of the document: a small function from the subject to the section's value. */
export type Section<S, K extends SectionName> = (ctx: Ctx, subject: S) => Promise<SectionValue<K>>;

export const iso = (d: Date) => d.toISOString();
export const isoOrNull = (d: Date | null) => (d ? d.toISOString() : null);
