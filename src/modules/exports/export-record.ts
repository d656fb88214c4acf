import type { Guest } from '../guests/index.ts';
import type { ExportColumn } from './export.schemas.ts';

/** One guest as the export reads it: the presented (possibly masked) guest plus what the list does not show. */
export interface ExportGuest {
  guest: Guest;
  secondLastName: string | null;
  groupNames: string[];
  /** The guest's notes, oldest first (null when none, or when the export is masked). */
  notes: string | null;
}

/** Lookups made once per export. */
export interface ExportLookups {
  /** Title id → its label (the organisation's default language, else the first label). */
  titles: Map<string, string>;
}

/** The list separator of Clientela's format (the importer splits on it). */
const LIST = ';';

/** A primary (else the first) address: street on its first line, the rest of the street on line 2. */
function addressOf(g: Guest) {
  const a = g.addresses.find((x) => x.primary) ?? g.addresses[0];
  const lines = (a?.street ?? '').split(/\r?\n/);
  return {
    line1: lines[0] ?? '',
    line2: lines.slice(1).join(', '),
    city: a?.city ?? '',
    region: a?.region ?? '',
    postcode: a?.postcode ?? '',
    country: a?.country ?? g.country ?? '',
  };
}

/** The e-mails, primary first (the list's order), as one list. */
export const emailsOf = (g: Guest): string[] =>
  g.emails.length ? g.emails.map((e) => e.email) : g.email ? [g.email] : [];
/** The phones in E.164 (masked when the export is), as one list. */
export const phonesOf = (g: Guest): string[] =>
  g.phones.length ? g.phones.map((p) => p.e164) : g.phone ? [g.phone] : [];

/**
 * The cells of one guest in Clientela's export format (src/modules/imports/reading/formats/clientela.ts):
 * lists joined with ";", ISO dates, Newsletter yes/no. The document number stays empty: SPEC P-5
 * shows it only through the audited reveal call, never in bulk.
 */
export function exportCells(x: ExportGuest, lookups: ExportLookups): Record<ExportColumn, string> {
  const g = x.guest;
  const address = addressOf(g);
  return {
    'Guest ID': g.id,
    Title: (g.titleId && lookups.titles.get(g.titleId)) ?? '',
    'First name': g.firstName ?? '',
    'Last name': [g.lastName, x.secondLastName].filter(Boolean).join(' '),
    'E-mails': emailsOf(g).join(LIST),
    Phones: phonesOf(g).join(LIST),
    'Birth date': g.birthDate ?? '',
    Language: g.language ?? '',
    Nationality: g.nationality ?? '',
    'Address line 1': address.line1,
    'Address line 2': address.line2,
    City: address.city,
    Region: address.region,
    Postcode: address.postcode,
    Country: address.country,
    'Document type': g.document?.type ?? '',
    'Document number': '',
    Company: '',
    Tags: g.tags.join(LIST),
    Groups: x.groupNames.join(LIST),
    Newsletter: g.marketingConsent ? 'yes' : 'no',
    Notes: x.notes ?? '',
  };
}

/** The cells of the chosen columns, in their order. */
export const cellsOf = (x: ExportGuest, lookups: ExportLookups, fields: readonly ExportColumn[]): string[] => {
  const all = exportCells(x, lookups);
  return fields.map((f) => all[f]);
};
