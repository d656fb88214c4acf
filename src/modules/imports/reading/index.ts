/**
 * Reading import files (issue 13, D-1 points 1–3): pure functions, no database. Open a CSV/XLSX
 * file as an async iterator of records, recognise its format from the headers, and read each
 * record into a normalised person (and booking) with per-field problems.
 */
export { type BookingGroup, groupBookingRecords } from './bookings.ts';
export { type DetectedEncoding, type TextEncoding, detectEncoding } from './decode.ts';
export { detectDelimiter } from './csv.ts';
export {
  BOOKING_FIELDS,
  IMPORT_FIELDS,
  type ImportField,
  ImportMapping,
  LIST_FIELDS,
  isImportField,
} from './fields.ts';
export type { FormatId, ImportFormat } from './formats/format.ts';
export { CLIENTELA_COLUMNS } from './formats/clientela.ts';
export {
  type DetectedFormat,
  IMPORT_FORMATS,
  columnFields,
  detectFormat,
  genericFormat,
  getImportFormat,
  mappingFor,
} from './formats/registry.ts';
export { type OpenFileOptions, openTableFile } from './open-file.ts';
export {
  type FieldProblem,
  type ImportedBooking,
  type ImportedPerson,
  type ProblemCode,
  type ReadOptions,
  type ReadRecord,
  readRecord,
} from './record.ts';
export { type ByteSource, bufferSource, fileSource } from './source.ts';
export {
  type Delimiter,
  type FileKind,
  type OpenedTable,
  type TableRecord,
  type TableRow,
  type UnreadableRecord,
  UnreadableFileError,
  isUnreadable,
} from './table.ts';
export { type ImportedConsent, parseYesNo } from './values/consent.ts';
export { type DateOrder, type DateResult, excelSerialToDate, parseDate } from './values/dates.ts';
export { normaliseEmail } from './values/email.ts';
export { type SplitName, type SurnameStyle, splitFullName } from './values/names.ts';
export { normalisePhone } from './values/phone.ts';
export { readCountry, readLanguage } from './values/places.ts';
