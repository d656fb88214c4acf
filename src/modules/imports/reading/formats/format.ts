import type { ImportField } from '../fields.ts';
import type { DateOrder } from '../values/dates.ts';
import type { SurnameStyle } from '../values/names.ts';

/** The systems whose files are recognised by their headers. */
export type FormatId =
  | 'clientela'
  | 'prestashop-import'
  | 'prestashop-export'
  | 'woocommerce-customers'
  | 'motopress-bookings'
  | 'mailchimp'
  | 'google-contacts'
  | 'outlook-contacts'
  | 'booking-com'
  | 'airbnb'
  | 'generic';

/** A recognised file format: the exact headers its vendor writes and how its values are written. */
export interface ImportFormat {
  id: FormatId;
  /** Shown to the user ("PrestaShop / QloApps customer export"). */
  name: string;
  /** Where the headers were taken from. */
  reference: string;
  /** How ambiguous numeric dates are written in this system's files. */
  dateOrder: DateOrder;
  /** Whether full names in this system's files usually carry two family names. */
  surnameStyle: SurnameStyle;
  /** One row per booking (or per room of a booking): the rows feed bookings as well as guests. */
  bookings?: boolean;
  /** Header → field, headers exactly as the vendor writes them (matching is accent-, case- and punctuation-blind). */
  columns: Record<string, ImportField>;
  /** Numbered columns ("E-mail 2 - Value"), matched against the folded header. */
  patterns?: Array<[RegExp, ImportField]>;
  /** Headers that, all or most present, identify the format (a subset of `columns`). */
  signature: string[];
}
