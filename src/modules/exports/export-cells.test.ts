import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../../../test/support/app.ts';
import { engineName } from '../../../test/support/db.ts';
import type { Ctx } from '../../core/context.ts';
import { csvSafeRecord, stringifyCsvSafe } from '../../core/csv-safe.ts';
import { GuestFilters, resolveFilters } from '../guests/index.ts';
import { PassThrough } from 'node:stream';
import { canCopyOut, inlineParameters } from '../../db/copy-out.ts';
import { copyExportCsv, readExportCells, readExportCsv } from './export-cells.ts';
import { cellsOf, type ExportLookups } from './export-record.ts';
import { readExportGuests } from './export-source.ts';
import { EXPORT_COLUMNS, type ExportColumn } from './export.schemas.ts';

/**
 * The export's text path (lists aggregated in SQL, no presented guest) writes exactly what the
 * presenter path writes, for awkward guests; a masked export still goes through the presenter.
 */
describe(`export cells from SQL text = through the presenter (${engineName})`, () => {
  let t: TestApp;
  let s: Session;
  let ctx: Ctx;
  let lookups: ExportLookups;

  const post = async (url: string, payload: Record<string, unknown>) => {
    const res = await t.app.inject({ method: 'POST', url, headers: s.headers, payload });
    expect(res.statusCode, res.body).toBeLessThan(300);
    return res.json<{ id: string }>().id;
  };
  const collect = async <T>(pages: AsyncIterable<T[]>) => {
    const all: T[] = [];
    for await (const page of pages) all.push(...page);
    return all;
  };
  const both = async (filters: Record<string, unknown>, pageSize?: number) => {
    const input = GuestFilters.parse(filters);
    const resolved = await resolveFilters(ctx, input);
    const q = input.q?.trim() || undefined;
    const presented = await collect(readExportGuests(ctx, resolved, q, pageSize));
    return {
      before: presented.map((g) => cellsOf(g, lookups, EXPORT_COLUMNS)),
      after: await collect(readExportCells(ctx, resolved, q, EXPORT_COLUMNS, lookups, pageSize)),
      csv: (await collect(readExportCsv(ctx, resolved, q, EXPORT_COLUMNS, lookups, pageSize))).join(''),
    };
  };

  beforeAll(async () => {
    t = await createTestApp();
    s = await t.login();
    ctx = {
      db: t.database.forOrg(t.orgId),
      orgId: t.orgId,
      actor: { actorType: 'system', actorId: null },
      requestId: null,
      permissions: 'system',
    };
    const titles = await ctx.db.selectFrom('title').select(['id', 'labels']).execute();
    lookups = { titles: new Map(titles.map((x) => [x.id, x.labels.en ?? ''])) };
    const tag1 = await post('/api/v1/tags', { name: 'Cells VIP' });
    await post('/api/v1/tags', { name: 'Cells; "odd", tag' });
    const g1 = await post('/api/v1/groups', { name: 'Golf, "Club"' });
    const g2 = await post('/api/v1/groups', { name: 'Spa' });
    const maria = await post('/api/v1/guests', {
      titleId: titles[0]?.id ?? null,
      firstName: 'María José',
      lastName: 'García',
      secondLastName: 'de la Rosa',
      emails: [{ email: 'maria@example.es' }, { email: 'mj.garcia@example.org', primary: true }],
      phones: [{ number: '+34 612 345 678' }, { number: '+33 6 12 34 56 78' }],
      language: 'es',
      nationality: 'ES',
      country: 'ES',
      addresses: [
        { street: 'Calle Mayor 1', city: 'Sevilla', country: 'ES' },
        {
          street: 'Rue "Haute", 3\r\nBâtiment B\nPorte 2',
          city: 'Lyon',
          region: '=Rhône',
          postcode: '69001',
          primary: true,
        },
      ],
      birthDate: '1980-02-29',
      marketingConsent: true,
      tags: ['Cells; "odd", tag', 'Cells VIP'],
      groupIds: [g2, g1],
      document: { type: 'passport', number: 'X1234567', issuingCountry: 'ES', expiry: '2030-01-01' },
    });
    await post(`/api/v1/guests/${maria}/notes`, { body: 'First, "quoted"\nnote' });
    await post(`/api/v1/guests/${maria}/notes`, { body: '+second note' });
    const plain = await post('/api/v1/guests', { firstName: '-Jean', lastName: '', country: 'FR' });
    await post(`/api/v1/guests/${plain}/notes`, { body: '@mention\nline two\r\nthree' });
    // A contact column with no list rows (older data): the list falls back to it.
    await t.database.system
      .updateTable('guest')
      .set({ email: 'legacy@example.com', phone: '+34600000000' })
      .where('id', '=', plain)
      .execute();
    await post('/api/v1/guests', {
      firstName: 'Ana',
      lastName: 'Nocountry',
      secondLastName: '',
      country: 'PT',
      addresses: [{ street: 'Rua 1', city: 'Porto' }, { street: 'Second' }],
      tags: ['Cells VIP'],
    });
    // A tag id without its tag row is skipped, as the list skips it.
    await t.database.system
      .updateTable('guest')
      .set({ tagIds: ['tag_gone', tag1] })
      .where('id', '=', maria)
      .execute();
    for (let i = 0; i < 5; i++) await post('/api/v1/guests', { firstName: `Filler ${i}`, lastName: 'Guest' });
  });
  afterAll(() => t.close());

  it('gives the same cells and the same CSV bytes for every guest, across page boundaries', async () => {
    for (const pageSize of [2, 3, 1000]) {
      const { before, after, csv } = await both({}, pageSize);
      expect(before.length).toBe(8);
      expect(after).toEqual(before);
      // Every cell with a line break quoted (RFC 4180; csv-stringify only quotes its record delimiter once one is set).
      const windows = { record_delimiter: 'windows' as const, quote_record_delimiter: true };
      expect(csv).toBe(stringifyCsvSafe(before, windows));
      expect(after.map((r) => csvSafeRecord(r, '\r\n')).join('')).toBe(csv);
    }
    const maria = (await both({ q: 'García' })).after[0];
    expect(maria).toContain('maria@example.es;mj.garcia@example.org');
    expect(maria).toContain('Rue "Haute", 3');
    expect(maria).toContain('Bâtiment B, Porte 2');
    expect(maria).toContain('Spa;Golf, "Club";Visitor');
    expect(maria).toContain('Cells VIP');
  });

  it('gives the same cells with a filter and a search', async () => {
    const byTag = await both({ tag: 'Cells VIP' });
    expect(byTag.before.length).toBe(2);
    expect(byTag.after).toEqual(byTag.before);
    const bySearch = await both({ q: 'Filler' }, 2);
    expect(bySearch.before.length).toBe(5);
    expect(bySearch.after).toEqual(bySearch.before);
    expect(bySearch.csv).toBe(bySearch.after.map((r) => csvSafeRecord(r, '\r\n')).join(''));
    const some = ['Notes', 'Guest ID', 'Address line 2', 'Title'] as const;
    const input = await resolveFilters(ctx, GuestFilters.parse({}));
    const cells = await collect(readExportCells(ctx, input, undefined, some, lookups));
    expect(cells).toEqual((await both({})).before.map((r) => some.map((f) => r[EXPORT_COLUMNS.indexOf(f)])));
    const csv = (await collect(readExportCsv(ctx, input, undefined, some, lookups))).join('');
    expect(csv).toBe(cells.map((r) => csvSafeRecord(r, '\r\n')).join(''));
  });

  it('streams with COPY on PostgreSQL exactly the records the pages give, filters and search included', async () => {
    const system = t.database.system;
    expect(canCopyOut(system)).toBe(engineName === 'postgres');
    if (!canCopyOut(system)) return;
    const copied = async (filters: Record<string, unknown>, fields: readonly ExportColumn[] = EXPORT_COLUMNS) => {
      const input = GuestFilters.parse(filters);
      const resolved = await resolveFilters(ctx, input);
      const q = input.q?.trim() || undefined;
      const chunks: Buffer[] = [];
      const sink = Object.assign(new PassThrough(), {});
      sink.on('data', (c: Buffer) => chunks.push(c));
      const rows = await copyExportCsv(ctx, system, resolved, q, fields, lookups, sink);
      const paged = (await collect(readExportCsv(ctx, resolved, q, fields, lookups, 3))).join('');
      return { rows, text: Buffer.concat(chunks).toString('utf8'), paged };
    };
    for (const filters of [{}, { tag: 'Cells VIP' }, { q: 'Filler' }, { q: "García'; drop table guest; --" }]) {
      const { rows, text, paged } = await copied(filters);
      expect(text).toBe(paged);
      expect(rows).toBe(paged.split(/\r\n(?=gst_|$)/).filter(Boolean).length);
    }
    const some = ['Notes', 'Guest ID', 'Address line 2', 'Title'] as const;
    const { text, paged } = await copied({}, some);
    expect(text).toBe(paged);
    expect(text).toContain('Bâtiment B, Porte 2');
    // Parameters that need quoting in a literal read back as the values themselves.
    const values = ["O'Hara \\x E'", ['a"b', 'c\\', "d'"], 3, null];
    const inlined = inlineParameters({
      sql: 'select $1::text as a, $2::text[] as b, $3::int as c, $4::text as d',
      parameters: values,
    } as never);
    const back = await sql.raw<{ a: string; b: string[]; c: number; d: null }>(inlined).execute(system);
    expect(back.rows[0]).toEqual({ a: values[0], b: values[1], c: 3, d: null });
    expect(() => inlineParameters({ sql: 'select $1', parameters: ['a\0b'] } as never)).toThrow(/NUL/);
  });

  it('masks through the presenter when the exporter may not read personal data', async () => {
    const masked: Ctx = { ...ctx, permissions: [] };
    const resolved = await resolveFilters(masked, GuestFilters.parse({}));
    const rows = await collect(readExportCells(masked, resolved, undefined, EXPORT_COLUMNS, lookups));
    const presented = await collect(readExportGuests(masked, resolved, undefined));
    expect(rows).toEqual(presented.map((g) => cellsOf(g, lookups, EXPORT_COLUMNS)));
    const text = rows.flat().join('\n');
    expect(text).toContain('m•••@example.es');
    expect(text).not.toContain('maria@example.es');
    expect(text).not.toContain('1980-02-29');
    expect(text).not.toContain('Bâtiment');
    const csv = (await collect(readExportCsv(masked, resolved, undefined, EXPORT_COLUMNS, lookups))).join('');
    expect(csv).toBe(rows.map((r) => csvSafeRecord(r, '\r\n')).join(''));
  });
});

describe('csvSafeRecord', () => {
  it('writes what stringifyCsvSafe writes, a cell with any line break quoted', () => {
    const cells = [
      '',
      'a',
      'a,b',
      'say "hi"',
      'x\ny',
      'x\r\ny',
      '\r',
      '=1+1',
      '-2',
      '+34',
      '@x',
      '\tx',
      '"',
      ',',
      ' =x',
    ];
    const rows = [cells, [...cells].reverse(), ['only'], cells.map((c) => `${c}${c}`)];
    expect(rows.map((r) => csvSafeRecord(r, '\r\n')).join('')).toBe(
      stringifyCsvSafe(rows, { record_delimiter: 'windows', quote_record_delimiter: true }),
    );
    expect(rows.map((r) => csvSafeRecord(r)).join('')).toBe(stringifyCsvSafe(rows));
  });
});
