import type { ImportField } from '../fields.ts';
import { foldHeader } from '../values/text.ts';
import { airbnbFormat, bookingComFormat } from './bookings.ts';
import { clientelaFormat } from './clientela.ts';
import { googleContactsFormat, mailchimpFormat, outlookContactsFormat } from './contacts.ts';
import type { FormatId, ImportFormat } from './format.ts';
import { GENERIC_ALIASES } from './generic.ts';
import {
  motopressBookingsFormat,
  prestashopExportFormat,
  prestashopImportFormat,
  woocommerceCustomersFormat,
} from './shops.ts';

/** Headers in no recognised format: generic English, Spanish and French spellings. */
export const genericFormat: ImportFormat = {
  id: 'generic',
  name: 'Spreadsheet (generic headers)',
  reference: 'src/modules/imports/reading/formats/generic.ts',
  dateOrder: 'dmy',
  surnameStyle: 'single',
  columns: {},
  signature: [],
};

/** Every recognised format, most specific first (ties go to the earlier one). */
export const IMPORT_FORMATS: readonly ImportFormat[] = [
  clientelaFormat,
  prestashopImportFormat,
  prestashopExportFormat,
  motopressBookingsFormat,
  woocommerceCustomersFormat,
  mailchimpFormat,
  googleContactsFormat,
  outlookContactsFormat,
  bookingComFormat,
  airbnbFormat,
];

/** The format with this id (the user picked another one than detection did). */
export function getImportFormat(id: FormatId): ImportFormat {
  return IMPORT_FORMATS.find((format) => format.id === id) ?? genericFormat;
}

/** A format detected from a header row, how sure detection is, and the pre-filled mapping. */
export interface DetectedFormat {
  format: ImportFormat;
  /** 0–1: the share of the file's columns the format knows, weighted by its signature headers. */
  confidence: number;
  /** Header → field, for every header of the file (the user may change any of them). */
  mapping: Record<string, ImportField>;
}

function foldedColumns(format: ImportFormat): Map<string, ImportField> {
  return new Map(Object.entries(format.columns).map(([header, field]) => [foldHeader(header), field]));
}

/** The field one header maps to in a format, falling back to the generic spellings, else `ignore`. */
function fieldFor(format: ImportFormat, columns: Map<string, ImportField>, header: string): ImportField | undefined {
  const folded = foldHeader(header);
  return (
    columns.get(folded) ?? format.patterns?.find(([pattern]) => pattern.test(folded))?.[1] ?? GENERIC_ALIASES[folded]
  );
}

/** Header → field for a file read as `format` (unknown headers are `ignore`). */
export function mappingFor(format: ImportFormat, headers: string[]): Record<string, ImportField> {
  const columns = foldedColumns(format);
  const mapping: Record<string, ImportField> = {};
  for (const header of headers) {
    if (header in mapping) continue;
    mapping[header] = fieldFor(format, columns, header) ?? 'ignore';
  }
  return mapping;
}

function scoreFormat(format: ImportFormat, headers: string[]): number {
  const folded = new Set(headers.map(foldHeader));
  const signatureHits = format.signature.filter((header) => folded.has(foldHeader(header))).length;
  if (signatureHits < Math.min(2, format.signature.length)) return 0;
  const columns = foldedColumns(format);
  const known = headers.filter((header) => {
    const key = foldHeader(header);
    return columns.has(key) || format.patterns?.some(([pattern]) => pattern.test(key));
  }).length;
  const coverage = headers.length === 0 ? 0 : known / headers.length;
  return 0.6 * coverage + 0.4 * Math.min(1, signatureHits / 3);
}

/**
 * Recognises a file's format from its header row and pre-fills the column mapping. When no
 * format's signature headers are present, the generic spellings are used and the confidence is
 * the share of columns they recognise, halved.
 */
export function detectFormat(headers: string[]): DetectedFormat {
  let best: { format: ImportFormat; score: number } = { format: genericFormat, score: 0 };
  for (const format of IMPORT_FORMATS) {
    const score = scoreFormat(format, headers);
    if (score > best.score) best = { format, score };
  }
  const mapping = mappingFor(best.format, headers);
  if (best.format === genericFormat) {
    const recognised = headers.filter((header) => mapping[header] !== 'ignore').length;
    best.score = headers.length === 0 ? 0 : (0.5 * recognised) / headers.length;
  }
  return { format: best.format, confidence: Math.round(best.score * 100) / 100, mapping };
}

/** A header → field mapping as one field per column position (duplicate headers share a field). */
export function columnFields(headers: string[], mapping: Record<string, ImportField>): ImportField[] {
  return headers.map((header) => mapping[header] ?? 'ignore');
}
