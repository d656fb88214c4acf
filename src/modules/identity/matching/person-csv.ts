import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import type { PersonRecord } from './batch-resolver.ts';
import { type PersonField, mapHeaders, rowToPerson } from './headers.ts';

/** A CSV of people that cannot be read: the message says which file and what is missing. */
export class PersonCsvError extends Error {}

export interface PersonCsv {
  headers: string[];
  columns: Map<PersonField, number>;
  rows: string[][];
}

/** Parses a CSV of people (UTF-8, BOM or not, spaces after commas as in FEBRL) and maps its headers. */
export function parsePersonCsv(text: string, source = 'input'): PersonCsv {
  let rows: string[][];
  try {
    // Line endings are unified first: files glued together from two exports mix CRLF and LF.
    const parsed: unknown = parse(text.replace(/\r\n?/g, '\n'), {
      bom: true,
      trim: true,
      skip_empty_lines: true,
      relax_column_count: true,
    });
    rows = parsed as string[][];
  } catch (err) {
    throw new PersonCsvError(`${source}: not a readable CSV (${err instanceof Error ? err.message : String(err)})`);
  }
  const headers = rows.shift();
  if (!headers) throw new PersonCsvError(`${source}: the file is empty (a header row is needed)`);
  const columns = mapHeaders(headers);
  if (!columns.has('id'))
    throw new PersonCsvError(`${source}: no record id column (expected one of record_id, rec_id, id, unique_id)`);
  if (!columns.has('firstName') && !columns.has('lastName') && !columns.has('email') && !columns.has('phone'))
    throw new PersonCsvError(
      `${source}: no name, e-mail or phone column (expected e.g. first_name/given_name/nombre, last_name/surname/apellidos, email, phone)`,
    );
  return { headers, columns, rows };
}

/** Reads a CSV file of people into records; rows without an id are refused with their line number. */
export function readPersonCsv(file: string, options: { useDocuments?: boolean } = {}): PersonRecord[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new PersonCsvError(`${file}: no such file or not readable`);
  }
  const csv = parsePersonCsv(text, file);
  const seen = new Set<string>();
  return csv.rows.map((row, i) => {
    const record = rowToPerson(row, csv.columns, options);
    if (!record.id) throw new PersonCsvError(`${file}: line ${i + 2} has no record id`);
    if (seen.has(record.id)) throw new PersonCsvError(`${file}: line ${i + 2} repeats record id ${record.id}`);
    seen.add(record.id);
    return record;
  });
}
