import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ImportMapping,
  type TableRow,
  UnreadableFileError,
  bufferSource,
  columnFields,
  detectDelimiter,
  detectFormat,
  fileSource,
  isUnreadable,
  openTableFile,
  readRecord,
} from './index.ts';

async function readAll(
  bytes: Uint8Array,
): Promise<{ headers: string[]; encoding?: string; delimiter?: string; rows: TableRow[] }> {
  const table = await openTableFile(bufferSource(bytes));
  const rows: TableRow[] = [];
  for await (const row of table.rows) rows.push(row);
  return { headers: table.headers, encoding: table.encoding, delimiter: table.delimiter, rows };
}

const SAMPLE = 'Prénom;Nom;Ville\r\nZoë;Œuvray;Besançon\r\nJosé;Muñoz;A Coruña\r\n';

describe('encodings', () => {
  it.each([
    ['UTF-8 without BOM', Buffer.from(SAMPLE, 'utf8'), 'utf-8'],
    ['UTF-8 with BOM', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(SAMPLE, 'utf8')]), 'utf-8'],
    ['UTF-16 LE with BOM', iconv.encode(SAMPLE, 'utf-16le', { addBOM: true }), 'utf-16le'],
    ['UTF-16 BE with BOM', iconv.encode(SAMPLE, 'utf-16be', { addBOM: true }), 'utf-16be'],
    ['Windows-1252', iconv.encode(SAMPLE, 'windows-1252'), 'windows-1252'],
  ])('reads %s', async (_name, bytes, encoding) => {
    const file = await readAll(bytes);
    expect(file.encoding).toBe(encoding);
    expect(file.headers).toEqual(['Prénom', 'Nom', 'Ville']);
    expect(file.rows).toEqual([
      { record: 1, line: 2, cells: ['Zoë', 'Œuvray', 'Besançon'] },
      { record: 2, line: 3, cells: ['José', 'Muñoz', 'A Coruña'] },
    ]);
  });

  it('decodes the Windows-1252 letters Latin-1 lacks (€, œ, curly quotes), which Node 20 TextDecoder gets wrong', async () => {
    const bytes = Buffer.from([...Buffer.from('Notes\n'), 0x93, 0x80, 0x20, 0x9c, 0x94, 0x0a]);
    const file = await readAll(bytes);
    expect(file.encoding).toBe('windows-1252');
    expect(file.rows[0]).toMatchObject({ cells: ['“€ œ”'] });
  });

  it('reads as UTF-8 a Windows-1252 file whose bytes are also valid UTF-8, and reads it right when the encoding is given', async () => {
    // "Ñ€" in Windows-1252 is D1 80, which is also the UTF-8 of "р" (Cyrillic): no detector can tell.
    const bytes = iconv.encode('Name\nÑ€\n', 'windows-1252');
    expect((await readAll(bytes)).encoding).toBe('utf-8');
    const table = await openTableFile(bufferSource(bytes), { encoding: 'windows-1252' });
    const rows: TableRow[] = [];
    for await (const row of table.rows) rows.push(row);
    expect(rows).toEqual([{ record: 1, line: 2, cells: ['Ñ€'] }]);
  });

  it('takes a file invalid as UTF-8 only at its end as Windows-1252 (the whole file is checked)', async () => {
    const text = `Name\n${'Ana\n'.repeat(50_000)}`;
    const bytes = Buffer.concat([Buffer.from(text), Buffer.from([0x4a, 0x6f, 0x73, 0xe9, 0x0a])]);
    const table = await openTableFile(bufferSource(bytes));
    expect(table.encoding).toBe('windows-1252');
    let last: TableRow | undefined;
    for await (const row of table.rows) last = row;
    expect(last).toMatchObject({ record: 50_001, line: 50_002, cells: ['José'] });
  });
});

describe('delimiters and records', () => {
  it.each([
    [',', 'a,b,c\n1,2,3\n'],
    [';', 'a;b;c\n"1,5";2;3\n'],
    ['\t', 'a\tb\tc\n1\t2,5\t3\n'],
  ])('detects "%s"', (delimiter, text) => {
    expect(detectDelimiter(text)).toBe(delimiter);
  });

  it('reads LF and CRLF alike, multi-line quoted fields, and a trailing delimiter on every line', async () => {
    const text = 'Name;Notes;\r\nAna;"line one\nline two";\r\n\r\nLuis;"say ""hi""";\r\nEva;;\n';
    const file = await readAll(Buffer.from(text));
    expect(file.headers).toEqual(['Name', 'Notes']);
    expect(file.rows).toEqual([
      { record: 1, line: 2, cells: ['Ana', 'line one\nline two'] },
      { record: 2, line: 5, cells: ['Luis', 'say "hi"'] },
      { record: 3, line: 6, cells: ['Eva', ''] },
    ]);
  });

  it('reports a record with an unescaped quote with its record and line numbers, and reads the records after it', async () => {
    const text =
      'Name,Email\nAna,ana@example.com\nBad,"quoted"wrong@example.com\nTom "T" Smith,tom@example.com\nEva,eva@example.com\n';
    const file = await readAll(Buffer.from(text));
    expect(file.rows).toEqual([
      { record: 1, line: 2, cells: ['Ana', 'ana@example.com'] },
      expect.objectContaining({
        record: 2,
        line: 3,
        raw: 'Bad,"quoted"wrong@example.com',
        error: expect.objectContaining({ code: 'unreadable_record' }),
      }),
      expect.objectContaining({ record: 3, line: 4, raw: 'Tom "T" Smith,tom@example.com' }),
      { record: 4, line: 5, cells: ['Eva', 'eva@example.com'] },
    ]);
  });

  it('reports a quote never closed as one unreadable record (not a crash)', async () => {
    const text = 'Name,Email\nAna,ana@example.com\nBad,"never closed\nEva,eva@example.com\n';
    const file = await readAll(Buffer.from(text));
    expect(file.rows[0]).toEqual({ record: 1, line: 2, cells: ['Ana', 'ana@example.com'] });
    expect(file.rows[1]).toMatchObject({ record: 2, line: 3, error: { code: 'unreadable_record' } });
    expect(file.rows).toHaveLength(2);
  });

  it('fits short and long records to the header (missing cells empty, extra cells dropped)', async () => {
    const file = await readAll(Buffer.from('a,b,c\n1\n1,2,3,4\n'));
    expect(file.rows).toEqual([
      { record: 1, line: 2, cells: ['1', '', ''] },
      { record: 2, line: 3, cells: ['1', '2', '3'] },
    ]);
  });

  it('reads an empty file as no headers and no records', async () => {
    expect(await readAll(Buffer.alloc(0))).toMatchObject({ headers: [], rows: [] });
  });
});

describe('large files', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'clientela-import-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('streams a CSV of 200,000 records from disk one record at a time', async () => {
    const path = join(dir, 'big.csv');
    const out = createWriteStream(path);
    out.write('First name;Last name;Email\n');
    for (let i = 1; i <= 200_000; i += 1) {
      if (!out.write(`Guest${i};Núñez;guest${i}@example.com\n`)) await once(out, 'drain');
    }
    out.end();
    await once(out, 'finish');
    const table = await openTableFile(fileSource(path));
    let count = 0;
    let last: TableRow | undefined;
    for await (const row of table.rows) {
      count += 1;
      last = row;
    }
    expect(count).toBe(200_000);
    expect(last).toEqual({
      record: 200_000,
      line: 200_001,
      cells: ['Guest200000', 'Núñez', 'guest200000@example.com'],
    });
  });

  it('streams an XLSX sheet written by a streaming writer', async () => {
    const path = join(dir, 'big.xlsx');
    const writer = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useSharedStrings: false });
    const sheet = writer.addWorksheet('Guests');
    sheet.addRow(['Name', 'Phone', 'Arrival']).commit();
    for (let i = 1; i <= 20_000; i += 1)
      sheet.addRow([`Guest ${i}`, 34600000000 + i, new Date(Date.UTC(2026, 0, 1 + (i % 300)))]).commit();
    sheet.commit();
    await writer.commit();
    const table = await openTableFile(fileSource(path));
    expect(table.kind).toBe('xlsx');
    expect(table.headers).toEqual(['Name', 'Phone', 'Arrival']);
    let count = 0;
    let first: TableRow | undefined;
    for await (const row of table.rows) {
      count += 1;
      first ??= row;
    }
    expect(count).toBe(20_000);
    expect(first).toEqual({ record: 1, line: 2, cells: ['Guest 1', '34600000001', '2026-01-02'] });
  });
});

describe('hostile input', () => {
  it('refuses a corrupt XLSX with an UnreadableFileError, not a crash', async () => {
    const bytes = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(200, 7)]);
    await expect(openTableFile(bufferSource(bytes))).rejects.toBeInstanceOf(UnreadableFileError);
  });

  it('keeps NUL bytes out of the values and reports a record larger than 1 MiB as unreadable', async () => {
    const huge = `"${'x'.repeat(1_200_000)}`;
    const text = `Name,Notes\nAn\u0000a,ok\nBig,${huge}\n`;
    const table = await openTableFile(bufferSource(Buffer.from(text)));
    const rows: TableRow[] = [];
    for await (const row of table.rows) rows.push(row);
    expect(rows[0]).toMatchObject({ record: 1, cells: ['An\u0000a', 'ok'] });
    const fields = columnFields(table.headers, detectFormat(table.headers).mapping);
    const first = rows[0];
    if (!first || isUnreadable(first)) throw new Error('first record unreadable');
    expect(
      readRecord(first, table.headers, fields, { format: detectFormat(table.headers).format }).person.givenName,
    ).toBe('Ana');
    expect(rows[1]).toMatchObject({ record: 2, error: { code: 'unreadable_record' } });
  });

  it('validates a user mapping: known fields only, bounded headers', () => {
    expect(ImportMapping.safeParse({ Nombre: 'givenName', Correo: 'email' }).success).toBe(true);
    expect(ImportMapping.safeParse({ Nombre: 'password' }).success).toBe(false);
    expect(ImportMapping.safeParse({ ['x'.repeat(501)]: 'email' }).success).toBe(false);
  });
});
