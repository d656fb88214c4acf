import fc from 'fast-check';
import { stringify } from 'csv-stringify/sync';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { type TableRow, bufferSource, openTableFile } from '../index.ts';
import { CLIENTELA_COLUMNS } from './clientela.ts';
import { detectFormat, getImportFormat, mappingFor } from './registry.ts';

describe('format detection', () => {
  it('matches headers whatever their case, accents, spaces and asterisks', () => {
    const detected = detectFormat([
      'customer id',
      'TITLES ID (MR = 1, MS = 2, ELSE 0)',
      'Email *',
      'Password *',
      'Last name',
      'First name',
      'Newsletter (0/1)',
      'Opt-in (0/1)',
    ]);
    expect(detected.format.id).toBe('prestashop-import');
    expect(detected.mapping).toMatchObject({
      'Email *': 'email',
      'Last name': 'familyName',
      'First name': 'givenName',
    });
  });

  it('recognises the headers the Clientela exporter writes, every column mapped', () => {
    const headers = Object.keys(CLIENTELA_COLUMNS);
    const detected = detectFormat(headers);
    expect(detected).toMatchObject({ format: { id: 'clientela' }, confidence: 1 });
    expect(Object.values(detected.mapping)).not.toContain('ignore');
  });

  it('falls back to generic headers with a low confidence, and ignores what it does not know', () => {
    const detected = detectFormat(['Nombre', 'Apellidos', 'Correo', 'Habitación favorita']);
    expect(detected.format.id).toBe('generic');
    expect(detected.confidence).toBeLessThan(0.5);
    expect(detected.mapping).toEqual({
      Nombre: 'givenName',
      Apellidos: 'familyName',
      Correo: 'email',
      'Habitación favorita': 'ignore',
    });
  });

  it('gives an empty header row no format and no mapping', () => {
    expect(detectFormat([])).toMatchObject({ format: { id: 'generic' }, confidence: 0, mapping: {} });
  });

  it('maps a file as another format when the user picks it', () => {
    expect(mappingFor(getImportFormat('airbnb'), ['Guest name', 'Contact'])).toEqual({
      'Guest name': 'fullName',
      Contact: 'phone',
    });
  });
});

describe('CSV reading round trip (property)', () => {
  const cell = fc.string({
    unit: fc.constantFrom('a', 'é', 'Ñ', '€', ' ', ',', ';', '"', '\n', 'x', '1'),
    maxLength: 12,
  });
  const table = fc.integer({ min: 1, max: 5 }).chain((width) =>
    fc.record({
      headers: fc.uniqueArray(fc.stringMatching(/^[A-Z][a-z]{1,8}$/), { minLength: width, maxLength: width }),
      rows: fc.array(fc.array(cell, { minLength: width, maxLength: width }), { minLength: 1, maxLength: 8 }),
    }),
  );

  it('reads back every cell of a CSV written by csv-stringify, in any delimiter, encoding and line end', async () => {
    await fc.assert(
      fc.asyncProperty(
        table,
        fc.constantFrom(',', ';', '\t'),
        fc.constantFrom('utf-8', 'utf-16le', 'windows-1252'),
        fc.constantFrom('\n', '\r\n'),
        async ({ headers, rows }, delimiter, encoding, eol) => {
          // Records with no visible content are skipped as empty lines by design.
          fc.pre(rows.every((row) => row.join('').trim() !== ''));
          fc.pre(headers.length > 1);
          const text0 = stringify([headers, ...rows], { delimiter, record_delimiter: eol });
          // Windows-1252 bytes of two non-ASCII letters in a row ("Ñ€") can also be valid UTF-8:
          // detection then reads UTF-8 (see "encodings" in open-file.test.ts; the user can override).
          fc.pre(encoding !== 'windows-1252' || !/[^\p{ASCII}]{2}/u.test(text0));
          const text = stringify([headers, ...rows], {
            delimiter,
            record_delimiter: eol,
            quoted_match: /[\r\n]|^\s|\s$/,
          });
          const bytes = iconv.encode(text, encoding, { addBOM: encoding === 'utf-16le' });
          const opened = await openTableFile(bufferSource(bytes), { delimiter });
          expect(opened.headers).toEqual(headers);
          const read: TableRow[] = [];
          for await (const row of opened.rows) read.push(row);
          // Line ends inside values come back as LF (Excel writes them so).
          expect(read.map((row) => ('cells' in row ? row.cells : row))).toEqual(
            rows.map((row) => row.map((value) => value.replace(/\r\n?/g, '\n'))),
          );
        },
      ),
      { numRuns: 150 },
    );
  });
});
