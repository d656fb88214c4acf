import { Readable } from 'node:stream';
import { type CsvError, type Info, parse } from 'csv-parse';
import { parse as parseSync } from 'csv-parse/sync';
import { decodeSource, detectEncoding, type TextEncoding } from './decode.ts';
import { type ByteSource, readHead } from './source.ts';
import { type Delimiter, type OpenedTable, type TableRow, fitCells, trimTrailingEmptyHeaders } from './table.ts';
import iconv from 'iconv-lite';

const DELIMITERS: Delimiter[] = [',', ';', '\t'];
const SAMPLE_BYTES = 64 * 1024;
const SAMPLE_RECORDS = 20;
const MAX_RECORD_BYTES = 1024 * 1024;

function countLineBreaks(text: string): number {
  return text.match(/\n/g)?.length ?? 0;
}

/**
 * CRLF and lone CR become LF before parsing: Excel ends records with CRLF but writes line breaks
 * inside quoted values as LF, and one kind of line end keeps csv-parse's line numbers true.
 */
export async function* unifyLineEnds(chunks: AsyncIterable<string>): AsyncIterable<string> {
  let pendingCr = false;
  for await (const chunk of chunks) {
    let text: string = (pendingCr ? '\r' : '') + String(chunk);
    pendingCr = text.endsWith('\r');
    if (pendingCr) text = text.slice(0, -1);
    yield text.replace(/\r\n?/g, '\n');
  }
  if (pendingCr) yield '\n';
}

/** Whether one record's text parses with strict quoting (every quote inside a value doubled). */
function isWellQuoted(raw: string, delimiter: Delimiter): boolean {
  try {
    parseSync(raw, { delimiter, relax_column_count: true });
    return true;
  } catch {
    return false;
  }
}

function skipMessage(error: { code?: string; message?: string } | undefined): string {
  const code: string | undefined = error?.code;
  if (code === 'CSV_MAX_RECORD_SIZE' || code === 'CSV_QUOTE_NOT_CLOSED') {
    return 'A quote is opened and never closed: the rest of the file could not be read.';
  }
  if (code === 'INVALID_OPENING_QUOTE' || code === 'CSV_INVALID_CLOSING_QUOTE') {
    return 'A quote (") inside a value is not doubled: this record could not be read.';
  }
  return error?.message ?? 'This record could not be read.';
}

/**
 * Picks the delimiter under which the first records split into the most columns, the same number
 * on every line (parsed with csv-parse itself, so quoted separators do not count).
 */
export function detectDelimiter(sample: string): Delimiter {
  // Drop the last, possibly cut, line of the sample.
  const cut = sample.lastIndexOf('\n');
  const text = cut > 0 ? sample.slice(0, cut) : sample;
  let best: { delimiter: Delimiter; score: number } = { delimiter: ',', score: -1 };
  for (const delimiter of DELIMITERS) {
    let records: string[][];
    try {
      const parsed: unknown = parseSync(text, {
        delimiter,
        relax_quotes: true,
        relax_column_count: true,
        skip_empty_lines: true,
        skip_records_with_error: true,
        to: SAMPLE_RECORDS,
      });
      records = parsed as string[][];
    } catch {
      continue;
    }
    const widths = records.map((record) => record.length);
    const first = widths[0] ?? 0;
    if (first < 2) continue;
    const consistent = widths.filter((width) => width === first).length / widths.length;
    const score = first * consistent;
    if (score > best.score) best = { delimiter, score };
  }
  return best.delimiter;
}

interface ParsedRecord {
  record: string[];
  info: Info;
  raw?: string;
}

/**
 * Opens a CSV file: encoding and delimiter detected, the header row read, then the data records
 * streamed. A malformed record (an unescaped quote, a quote never closed) becomes an
 * `UnreadableRecord` with its record and line numbers; the records after it are still read.
 */
export async function openCsv(
  source: ByteSource,
  options: { encoding?: TextEncoding; delimiter?: Delimiter } = {},
): Promise<OpenedTable> {
  const encoding = options.encoding ?? (await detectEncoding(source)).encoding;
  const head = await readHead(source, SAMPLE_BYTES);
  const sample = iconv.decode(head, encoding, { stripBOM: true });
  const delimiter = options.delimiter ?? detectDelimiter(sample);

  interface Skipped {
    /** Records emitted before this one (the header included). */
    after: number;
    message: string;
    raw: string;
  }
  const skipped: Skipped[] = [];
  const parser = Readable.from(unifyLineEnds(decodeSource(source, encoding))).pipe(
    parse({
      delimiter,
      // Relaxed quotes keep the parser in step after a stray quote (strict parsing swallows the
      // rest of the file); each record with a quote is then checked strictly on its own.
      relax_quotes: true,
      relax_column_count: true,
      skip_empty_lines: true,
      skip_records_with_error: true,
      // A quote never closed would otherwise buffer the rest of the file as one field.
      max_record_size: MAX_RECORD_BYTES,
      info: true,
      raw: true,
      on_skip: (error: CsvError | undefined, raw: string | undefined) => {
        skipped.push({ after: Number(error?.records ?? 0), message: skipMessage(error), raw: raw ?? '' });
        return undefined;
      },
    }),
  );
  const iterator = (parser as AsyncIterable<ParsedRecord>)[Symbol.asyncIterator]();

  const first = await iterator.next();
  const headers = first.done ? [] : trimTrailingEmptyHeaders(first.value.record);
  let nextLine = first.done ? 1 : 1 + countLineBreaks(first.value.raw ?? '');

  async function* rows(): AsyncIterable<TableRow> {
    let recordNumber = 0;
    function* drainSkipped(before: number): Iterable<TableRow> {
      while (skipped.length > 0 && skipped[0]!.after < before) {
        const { message, raw } = skipped.shift()!;
        recordNumber += 1;
        const line = nextLine + (/^\n*/.exec(raw)?.[0].length ?? 0);
        nextLine += countLineBreaks(raw);
        yield {
          record: recordNumber,
          line,
          raw: raw.replace(/^\n+|\n$/g, ''),
          error: { code: 'unreadable_record', message },
        };
      }
    }
    for (;;) {
      const next = await iterator.next();
      if (next.done) {
        yield* drainSkipped(Number.POSITIVE_INFINITY);
        break;
      }
      const { record, info, raw = '' } = next.value;
      yield* drainSkipped(info.records);
      recordNumber += 1;
      // Skipped empty lines are part of the next record's raw text.
      const line = nextLine + (/^\n*/.exec(raw)?.[0].length ?? 0);
      nextLine += countLineBreaks(raw);
      if (raw.includes('"') && !isWellQuoted(raw, delimiter)) {
        yield {
          record: recordNumber,
          line,
          raw: raw.replace(/^\n+|\n$/g, ''),
          error: { code: 'unreadable_record', message: skipMessage({ code: 'CSV_INVALID_CLOSING_QUOTE' }) },
        };
        continue;
      }
      yield { record: recordNumber, line, cells: fitCells(record, headers.length) };
    }
  }

  return { kind: 'csv', encoding, delimiter, headers, rows: rows() };
}
