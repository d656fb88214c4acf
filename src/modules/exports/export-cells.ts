import { sql, type Expression, type ExpressionBuilder, type Kysely, type RawBuilder, type SqlBool } from 'kysely';
import type { Ctx } from '../../core/context.ts';
import { csvSafeRecord } from '../../core/csv-safe.ts';
import { canCopyOut, copyOutValues, type CopySink } from '../../db/copy-out.ts';
import type { DB } from '../../db/schema.ts';
import { canReadPersonalData, filterConditions, searchCondition, type ResolvedFilters } from '../guests/index.ts';
import { cellsOf, type ExportLookups } from './export-record.ts';
import { keysetPages, readExportGuests } from './export-source.ts';
import type { ExportColumn } from './export.schemas.ts';

/** Guests per statement on the text path: its rows are small (text only), so fewer round trips. */
export const EXPORT_CELLS_PAGE_SIZE = 2000;

type Text = RawBuilder<string>;
type Search = ((eb: ExpressionBuilder<DB, 'guest'>) => Expression<SqlBool>) | undefined;

/**
 * Each column's cell as SQL text over the page `guest` and its address `a`: the same text
 * exportCells (export-record.ts) gives for an unmasked guest, '' when empty. `titles` is the
 * lookups' title map as a jsonb parameter.
 */
const COLUMNS: Record<ExportColumn, (titles: Text) => Text> = {
  'Guest ID': () => sql`guest.id`,
  Title: (titles) => sql`coalesce(${titles} ->> nullif(guest.title_id, ''), '')`,
  'First name': () => sql`coalesce(guest.first_name, '')`,
  'Last name': () => sql`concat_ws(' ', nullif(guest.last_name, ''), nullif(guest.second_last_name, ''))`,
  'E-mails': () => sql`coalesce((select string_agg(e.email, ';' order by e.position)
    from guest_email e where e.org_id = guest.org_id and e.guest_id = guest.id), guest.email, '')`,
  Phones: () => sql`coalesce((select string_agg(p.e164, ';' order by p.position)
    from guest_phone p where p.org_id = guest.org_id and p.guest_id = guest.id), guest.phone, '')`,
  'Birth date': () => sql`coalesce(guest.birth_date::text, '')`,
  Language: () => sql`coalesce(guest.language, '')`,
  Nationality: () => sql`coalesce(guest.nationality, '')`,
  // The street's first line, its other lines joined with ", " (addressOf splits on /\r?\n/).
  'Address line 1': () => sql`(regexp_split_to_array(coalesce(a.street, ''), E'\\r?\\n'))[1]`,
  'Address line 2': () => sql`array_to_string((regexp_split_to_array(coalesce(a.street, ''), E'\\r?\\n'))[2:], ', ')`,
  City: () => sql`coalesce(a.city, '')`,
  Region: () => sql`coalesce(a.region, '')`,
  Postcode: () => sql`coalesce(a.postcode, '')`,
  Country: () => sql`coalesce(a.country, guest.country, '')`,
  'Document type': () => sql`coalesce(guest.document_type, '')`,
  // SPEC P-5: the number only through the audited reveal call, never in bulk.
  'Document number': () => sql`''`,
  Company: () => sql`''`,
  // One primary-key lookup per tag id; an id without a tag row is skipped (guestListColumns).
  Tags: () => sql`coalesce((select string_agg(x.name, ';' order by x.i)
    from (select u.i, (select t.name from tag t where t.org_id = guest.org_id and t.id = u.id) as name
            from unnest(guest.tag_ids) with ordinality u(id, i)) x), '')`,
  Groups: () => sql`coalesce((select string_agg(g.name, ';' order by u.i)
    from unnest(guest.group_ids) with ordinality u(id, i)
    join guest_group g on g.org_id = guest.org_id and g.id = u.id), '')`,
  Newsletter: () => sql`case when guest.marketing_consent then 'yes' else 'no' end`,
  Notes: () => sql`coalesce((select string_agg(n.body, E'\\n\\n' order by n.created_at, n.id)
    from guest_note n where n.org_id = guest.org_id and n.guest_id = guest.id), '')`,
};

/**
 * One CSV cell in SQL, as csvSafeRecord (src/core/csv-safe.ts) writes it: a `'` before a formula
 * start, then quoted, quotes doubled, when it holds a quote, a comma or a line break.
 */
function csvCell(v: Text): Text {
  const guarded = sql`case when ${v} ~ E'^[-=+@\\t\\r]' then '''' || ${v} else ${v} end`;
  return sql`case when ${v} ~ E'[",\\r\\n]' then '"' || replace(${guarded}, '"', '""') || '"' else ${guarded} end`;
}

/**
 * A page of the export's cells as text, straight from SQL: lists aggregated there with ";", dates as
 * text, the primary (else first) address by a lateral join — no JSON and no presented guest in
 * between. Only for a principal who may read personal data (nothing is masked then). Columns
 * c0…cN in the fields' order; ordered by id.
 */
function textPage(
  ctx: Ctx,
  filters: ResolvedFilters,
  search: Search,
  fields: readonly ExportColumn[],
  lookups: ExportLookups,
  after: string,
  /** null: every guest after `after` (one COPY statement, copyExportCsv). */
  pageSize: number | null,
) {
  const page = ctx.db
    .selectFrom('guest')
    .select([
      'guest.orgId',
      'guest.id',
      'guest.tagIds',
      'guest.groupIds',
      'guest.titleId',
      'guest.firstName',
      'guest.lastName',
      'guest.secondLastName',
      'guest.email',
      'guest.phone',
      'guest.birthDate',
      'guest.language',
      'guest.nationality',
      'guest.country',
      'guest.documentType',
      'guest.marketingConsent',
    ])
    .where((eb) => eb.and([...filterConditions(eb, filters), ...(search ? [search(eb)] : [])]))
    .where('guest.id', '>', after)
    .orderBy('guest.id')
    .$if(pageSize !== null, (qb) => qb.limit(pageSize!));
  const titles = sql<string>`${JSON.stringify(Object.fromEntries(lookups.titles))}::jsonb`;
  // The lists only for the page's rows (a LIMITed derived table, as withGuestLists does).
  return ctx.db
    .selectFrom(page.as('guest'))
    .leftJoinLateral(
      (eb) =>
        eb
          .selectFrom('guestAddress as a')
          .select(['a.street', 'a.city', 'a.region', 'a.postcode', 'a.country'])
          .whereRef('a.orgId', '=', 'guest.orgId')
          .whereRef('a.guestId', '=', 'guest.id')
          .orderBy('a.isPrimary', 'desc')
          .orderBy('a.position')
          .limit(1)
          .as('a'),
      (join) => join.onTrue(),
    )
    .select(['guest.id', ...fields.map((f, i) => COLUMNS[f](titles).as(`c${i}`))])
    .orderBy('guest.id');
}

/** Pages of the chosen columns' cells from SQL (textPage), for XLSX. */
async function* readTextCells(
  ctx: Ctx,
  filters: ResolvedFilters,
  search: Search,
  fields: readonly ExportColumn[],
  lookups: ExportLookups,
  pageSize: number,
): AsyncGenerator<string[][]> {
  const fetchPage = async (after: string) => {
    const rows = await textPage(ctx, filters, search, fields, lookups, after, pageSize).execute();
    return rows.map((r) => {
      const row = r as Record<string, string>;
      return { id: r.id, cells: fields.map((_, i) => row[`c${i}`] ?? '') };
    });
  };
  for await (const page of keysetPages(fetchPage, (r) => r.id, pageSize)) yield page.map((r) => r.cells);
}

/**
 * Pages of CSV records (each with its CRLF) built by the database from textPage's cells, guarded
 * and quoted as csvSafeRecord does: Node only writes one string per guest.
 */
async function* readTextCsv(
  ctx: Ctx,
  filters: ResolvedFilters,
  search: Search,
  fields: readonly ExportColumn[],
  lookups: ExportLookups,
  pageSize: number,
): AsyncGenerator<string[]> {
  const fetchPage = (after: string) => csvRecords(ctx, filters, search, fields, lookups, after, pageSize).execute();
  for await (const page of keysetPages(fetchPage, (r) => r.id, pageSize)) yield page.map((r) => r.line);
}

/** The statement of textPage's guests as CSV records (`line`, with its CRLF), in id order. */
function csvRecords(
  ctx: Ctx,
  filters: ResolvedFilters,
  search: Search,
  fields: readonly ExportColumn[],
  lookups: ExportLookups,
  after: string,
  pageSize: number | null,
) {
  const record = sql.join(
    fields.map((_, i) => csvCell(sql.ref(`x.c${i}`))),
    sql` || ',' || `,
  );
  return ctx.db
    .selectFrom(textPage(ctx, filters, search, fields, lookups, after, pageSize).as('x'))
    .select(['x.id', sql<string>`${record} || E'\\r\\n'`.as('line')])
    .orderBy('x.id');
}

/**
 * The export's CSV records straight from the database to `sink` with one streamed `COPY … TO
 * STDOUT` (PostgreSQL, an exporter who may read personal data): the records never become
 * JavaScript rows or strings, so memory stays flat at any size (issue 13: 1,000,000 guests). The
 * records are exactly readExportCsv's. Answers the guests written.
 */
export async function copyExportCsv(
  ctx: Ctx,
  system: Kysely<DB>,
  filters: ResolvedFilters,
  q: string | undefined,
  fields: readonly ExportColumn[],
  lookups: ExportLookups,
  sink: CopySink,
  onProgress?: (rows: number) => void,
): Promise<number> {
  const search = q ? await searchCondition(ctx, q) : undefined;
  const records = ctx.db
    .selectFrom(csvRecords(ctx, filters, search, fields, lookups, '', null).as('r'))
    .select('r.line')
    .orderBy('r.id');
  return (await copyOutValues(system, records.compile(), sink, onProgress)).rows;
}

/** True when this export can be streamed with COPY (copyExportCsv). */
export const canCopyExportCsv = (ctx: Ctx, system: Kysely<DB>) => canReadPersonalData(ctx) && canCopyOut(system);

/**
 * The cells of the chosen columns, a page of guests at a time, for XLSX (and the test of the CSV
 * path). An exporter who may read personal data gets them straight from SQL (textPage); one who may
 * not, through the guest list's presenter (readExportGuests), so the masks are exactly the list's.
 * Both give the same text for the same guest (export-cells.test.ts).
 */
export async function* readExportCells(
  ctx: Ctx,
  filters: ResolvedFilters,
  q: string | undefined,
  fields: readonly ExportColumn[],
  lookups: ExportLookups,
  pageSize?: number,
): AsyncGenerator<string[][]> {
  if (!canReadPersonalData(ctx)) {
    for await (const page of readExportGuests(ctx, filters, q, pageSize))
      yield page.map((g) => cellsOf(g, lookups, fields));
    return;
  }
  const search = q ? await searchCondition(ctx, q) : undefined;
  yield* readTextCells(ctx, filters, search, fields, lookups, pageSize ?? EXPORT_CELLS_PAGE_SIZE);
}

/**
 * The export's CSV records (csvSafeRecord with CRLF), a page at a time: from the database when the
 * exporter may read personal data (readTextCsv), else the presenter's masked cells written in Node.
 */
export async function* readExportCsv(
  ctx: Ctx,
  filters: ResolvedFilters,
  q: string | undefined,
  fields: readonly ExportColumn[],
  lookups: ExportLookups,
  pageSize?: number,
): AsyncGenerator<string[]> {
  if (!canReadPersonalData(ctx)) {
    for await (const page of readExportCells(ctx, filters, q, fields, lookups, pageSize))
      yield page.map((cells) => csvSafeRecord(cells, '\r\n'));
    return;
  }
  const search = q ? await searchCondition(ctx, q) : undefined;
  yield* readTextCsv(ctx, filters, search, fields, lookups, pageSize ?? EXPORT_CELLS_PAGE_SIZE);
}
