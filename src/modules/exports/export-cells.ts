import { sql } from 'kysely';
import type { Ctx } from '../../core/context.ts';
import { canReadPersonalData, filterConditions, searchCondition, type ResolvedFilters } from '../guests/index.ts';
import { cellsOf, type ExportLookups } from './export-record.ts';
import { keysetPages, readExportGuests } from './export-source.ts';
import type { ExportColumn } from './export.schemas.ts';

/** Guests per statement on the text path: its rows are small (text only), so fewer round trips. */
export const EXPORT_CELLS_PAGE_SIZE = 2000;

/** One guest's export columns as SQL gives them: text, lists already joined with ";" (export-record.ts). */
interface TextRow {
  id: string;
  titleId: string | null;
  firstName: string | null;
  lastName: string | null;
  secondLastName: string | null;
  emails: string;
  phones: string;
  birthDate: string | null;
  language: string | null;
  nationality: string | null;
  street: string | null;
  city: string | null;
  region: string | null;
  postcode: string | null;
  country: string | null;
  documentType: string | null;
  tags: string;
  groups: string;
  marketingConsent: boolean;
  notes: string | null;
}

/** The street's first line, and the rest of it on line 2 (as addressOf in export-record.ts). */
const streetLines = (street: string | null): [string, string] => {
  const s = street ?? '';
  if (!s.includes('\n')) return [s, ''];
  const lines = s.split(/\r?\n/);
  return [lines[0] ?? '', lines.slice(1).join(', ')];
};

/** Each column's cell from a text row: the same text exportCells gives for an unmasked guest. */
const COLUMNS: Record<ExportColumn, (r: TextRow, lookups: ExportLookups) => string> = {
  'Guest ID': (r) => r.id,
  Title: (r, l) => (r.titleId && l.titles.get(r.titleId)) ?? '',
  'First name': (r) => r.firstName ?? '',
  'Last name': (r) => [r.lastName, r.secondLastName].filter(Boolean).join(' '),
  'E-mails': (r) => r.emails,
  Phones: (r) => r.phones,
  'Birth date': (r) => r.birthDate ?? '',
  Language: (r) => r.language ?? '',
  Nationality: (r) => r.nationality ?? '',
  'Address line 1': (r) => streetLines(r.street)[0],
  'Address line 2': (r) => streetLines(r.street)[1],
  City: (r) => r.city ?? '',
  Region: (r) => r.region ?? '',
  Postcode: (r) => r.postcode ?? '',
  Country: (r) => r.country ?? '',
  'Document type': (r) => r.documentType ?? '',
  // SPEC P-5: the number only through the audited reveal call, never in bulk.
  'Document number': () => '',
  Company: () => '',
  Tags: (r) => r.tags,
  Groups: (r) => r.groups,
  Newsletter: (r) => (r.marketingConsent ? 'yes' : 'no'),
  Notes: (r) => r.notes ?? '',
};

/**
 * The export's rows as text, straight from SQL: lists aggregated there with ";", dates as text, the
 * primary (else first) address by a lateral join, no JSON and no presented guest in between. Only
 * for a principal who may read personal data (nothing is masked then); pages in id order.
 */
async function* readTextRows(
  ctx: Ctx,
  filters: ResolvedFilters,
  q: string | undefined,
  pageSize: number,
): AsyncGenerator<TextRow[]> {
  const search = q ? await searchCondition(ctx, q) : undefined;
  const fetchPage = async (after: string): Promise<TextRow[]> => {
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
      .limit(pageSize);
    // The lists only for the page's rows (a LIMITed derived table, as withGuestLists does).
    const rows = await ctx.db
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
      .select([
        'guest.id',
        'guest.titleId',
        'guest.firstName',
        'guest.lastName',
        'guest.secondLastName',
        sql<string>`coalesce((select string_agg(e.email, ';' order by e.position)
          from guest_email e where e.org_id = guest.org_id and e.guest_id = guest.id), guest.email, '')`.as('emails'),
        sql<string>`coalesce((select string_agg(p.e164, ';' order by p.position)
          from guest_phone p where p.org_id = guest.org_id and p.guest_id = guest.id), guest.phone, '')`.as('phones'),
        sql<string | null>`guest.birth_date::text`.as('birthDate'),
        'guest.language',
        'guest.nationality',
        'a.street',
        'a.city',
        'a.region',
        'a.postcode',
        sql<string | null>`coalesce(a.country, guest.country)`.as('country'),
        'guest.documentType',
        // One primary-key lookup per tag id; an id without a tag row is skipped (guestListColumns).
        sql<string>`coalesce((select string_agg(x.name, ';' order by x.i)
          from (select u.i, (select t.name from tag t where t.org_id = guest.org_id and t.id = u.id) as name
                  from unnest(guest.tag_ids) with ordinality u(id, i)) x), '')`.as('tags'),
        sql<string>`coalesce((select string_agg(g.name, ';' order by u.i)
          from unnest(guest.group_ids) with ordinality u(id, i)
          join guest_group g on g.org_id = guest.org_id and g.id = u.id), '')`.as('groups'),
        'guest.marketingConsent',
        sql<string | null>`(select string_agg(n.body, E'\n\n' order by n.created_at, n.id)
          from guest_note n where n.org_id = guest.org_id and n.guest_id = guest.id)`.as('notes'),
      ])
      .orderBy('guest.id')
      .execute();
    return rows;
  };
  yield* keysetPages(fetchPage, (r) => r.id, pageSize);
}

/**
 * The cells of the chosen columns, a page of guests at a time, for the table formats (CSV, XLSX).
 * An exporter who may read personal data gets them straight from SQL (readTextRows); one who may
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
  const cells = fields.map((f) => COLUMNS[f]);
  for await (const page of readTextRows(ctx, filters, q, pageSize ?? EXPORT_CELLS_PAGE_SIZE))
    yield page.map((r) => cells.map((cell) => cell(r, lookups)));
}
