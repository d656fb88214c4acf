import type { Ctx } from '../../core/context.ts';
import { AppError, invalid, notFound } from '../../core/errors.ts';
import { newId } from '../../core/ids.ts';
import type { TenantDb } from '../../db/database.ts';
import type { GuestRow } from '../../db/schema.ts';
import { sql } from 'kysely';
import { insertJsonRows } from '../../db/json-rows.ts';
import { auditRow } from '../audit/index.ts';
import { appendConsents, marketingChange } from '../consent/index.ts';
import { hasTitle } from '../guest-catalog/index.ts';
import { actorNameQuery, diffFields, guestHistoryRows, recordGuestChanges } from './guest-history.service.ts';
import {
  MAX_TAGS,
  buildGuestLists,
  guestListRows,
  loadGuestLists,
  writeGuestLists,
  type GuestLists,
} from './guest-profile-lists.ts';
import { GuestProblems } from './guest-problems.ts';
import { changesSystemGroup, findSystemGroupIds, refreshGuestSystemGroups } from './guest-system-groups.ts';
import { eraseGuest } from '../privacy/index.ts';
import type { CreateGuestInput, NewProfileDetails, UpdateGuestInput } from './guest.schemas.ts';
import { nextDocumentNumber } from './guest-document.ts';

const EMPTY_LISTS: GuestLists = { emails: [], phones: [], addresses: [], tags: [], tagIds: [], groupIds: [] };
const nullIfBlank = (s: string | null | undefined) => (s?.trim() ? s.trim() : null);
const pick = <T>(value: T | undefined, current: T): T => (value === undefined ? current : value);

/** The profile's scalar fields under their API names, as history records them. */
function scalarsOf(row: Partial<GuestRow>) {
  const hasDocument = row.documentType || row.documentNumber || row.documentCountry || row.documentExpiry;
  return {
    titleId: row.titleId ?? null,
    firstName: row.firstName ?? '',
    lastName: row.lastName ?? '',
    secondLastName: row.secondLastName ?? null,
    nativeName: row.nativeName ?? null,
    language: row.language ?? null,
    nationality: row.nationality ?? null,
    country: row.country ?? null,
    birthDate: row.birthDate ?? null,
    document: hasDocument
      ? {
          type: row.documentType ?? null,
          number: row.documentNumber ?? null,
          issuingCountry: row.documentCountry ?? null,
          expiry: row.documentExpiry ?? null,
        }
      : null,
    marketingConsent: row.marketingConsent ?? false,
    source: row.source ?? null,
    username: row.username ?? null,
  };
}

function snapshot(row: Partial<GuestRow>, lists: GuestLists): Record<string, unknown> {
  const { tagIds: _ids, ...rest } = lists;
  return { ...scalarsOf(row), ...rest };
}

/** Applies a create/PATCH body to the current row; returns the columns to store. */
function nextColumns(
  body: CreateGuestInput | UpdateGuestInput,
  cur: Partial<GuestRow>,
  lists: GuestLists,
  before: GuestLists,
) {
  const doc = body.document === undefined ? undefined : body.document;
  const primaryAddressCountry = (l: GuestLists) => l.addresses.find((a) => a.primary)?.country ?? null;
  let country = pick(body.country, cur.country ?? null);
  // A hotelier expects the country of residence to follow the primary address unless set by hand.
  const followsAddress = !cur.country || cur.country === primaryAddressCountry(before);
  if (body.country === undefined && body.addresses !== undefined && followsAddress) {
    country = primaryAddressCountry(lists) ?? country;
  }
  const email = lists.emails.find((e) => e.primary);
  const phone = lists.phones.find((p) => p.primary);
  return {
    titleId: pick(body.titleId, cur.titleId ?? null),
    firstName: pick(body.firstName, cur.firstName ?? ''),
    lastName: pick(body.lastName, cur.lastName ?? ''),
    secondLastName: body.secondLastName === undefined ? (cur.secondLastName ?? null) : nullIfBlank(body.secondLastName),
    nativeName: body.nativeName === undefined ? (cur.nativeName ?? null) : nullIfBlank(body.nativeName),
    language: pick(body.language, cur.language ?? null),
    nationality: pick(body.nationality, cur.nationality ?? null),
    country,
    birthDate: pick(body.birthDate, cur.birthDate ?? null),
    documentType: doc === undefined ? (cur.documentType ?? null) : nullIfBlank(doc?.type),
    ...nextDocumentNumber(doc === undefined ? undefined : (doc?.number ?? null), {
      documentNumber: cur.documentNumber ?? null,
      documentNumberIndex: cur.documentNumberIndex ?? null,
    }),
    documentCountry: doc === undefined ? (cur.documentCountry ?? null) : (doc?.issuingCountry ?? null),
    documentExpiry: doc === undefined ? (cur.documentExpiry ?? null) : (doc?.expiry ?? null),
    marketingConsent: pick(body.marketingConsent, cur.marketingConsent ?? false),
    source: pick(body.source, cur.source ?? 'manual'),
    username: 'username' in body && body.username !== undefined ? body.username : (cur.username ?? null),
    email: email?.email ?? null,
    phone: phone?.e164 ?? null,
    phoneDisplay: phone?.display ?? null,
    tagIds: lists.tagIds,
    groupIds: lists.groupIds,
  };
}

async function checkColumns(db: TenantDb, cols: ReturnType<typeof nextColumns>, problems: GuestProblems) {
  if (!cols.firstName.trim() && !cols.lastName.trim()) {
    problems.add('name_required', 'firstName', 'a first or last name is required');
  }
  if (cols.titleId && !(await hasTitle(db, cols.titleId))) problems.add('unknown_title', 'titleId', 'no such title');
}

/**
 * Checks the default groups (Visitor/Guest/Customer) in a new group list: at most one (else a
 * problem). True when the list changes the default group: staff chose it by hand.
 */
async function checkSystemGroups(db: TenantDb, before: string[], after: string[], problems: GuestProblems) {
  const system = await findSystemGroupIds(db);
  if (after.filter((g) => system.has(g)).length > 1)
    problems.add('too_many_default_groups', 'groupIds', 'a guest is in one default group at most');
  return changesSystemGroup(system, before, after);
}

/** Reads one guest; 404 when it does not exist in this organisation. */
export async function getGuest(ctx: Ctx, id: string, db: TenantDb = ctx.db): Promise<GuestRow> {
  const row = await db.selectFrom('guest').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('Guest');
  return row;
}

/** Creates a guest profile with its lists and history, in one transaction; nothing is saved if any field is invalid. */
export async function createGuest(ctx: Ctx, body: CreateGuestInput): Promise<GuestRow> {
  const { id } = await ctx.db.transaction().execute((trx) => insertGuest(ctx, trx, body));
  return getGuest(ctx, id);
}

/**
 * Inserts a guest inside the caller's transaction (the identity resolver and imports create
 * profiles within their own transaction); throws `invalid` with every problem before writing.
 */
export async function insertGuest(ctx: Ctx, trx: TenantDb, body: CreateGuestInput): Promise<{ id: string }> {
  const prepared = await prepareGuestInsert(ctx, trx, body);
  await writeGuestInserts(ctx, trx, [prepared]);
  return { id: prepared.id };
}

/**
 * Inserts many guests in one statement (a batch of bookings, an import), with the ids given or
 * new ones: each body is checked
 * like `insertGuest`; the guests whose body has problems are not written and get their error in
 * place of an id. Nothing else is affected by one bad body.
 */
export async function insertGuests(
  ctx: Ctx,
  trx: TenantDb,
  guests: { id?: string; body: CreateGuestInput & Pick<NewProfileDetails, 'tagIds'> }[],
  /** `history: false`: no history rows (the caller writes them: an import, decision 0017). */
  options: { history?: boolean } = {},
): Promise<({ id: string } | { error: AppError })[]> {
  const out: ({ id: string } | { error: AppError })[] = [];
  const good: PreparedGuest[] = [];
  for (const { id, body } of guests) {
    try {
      const prepared = await prepareGuestInsert(ctx, trx, body, id);
      good.push(prepared);
      out.push({ id: prepared.id });
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      out.push({ error: err });
    }
  }
  await writeGuestInserts(ctx, trx, good, options.history !== false);
  return out;
}

type PreparedGuest = Awaited<ReturnType<typeof prepareGuestInsert>>;

/** Checks a new guest's body and builds its rows (throws `invalid` with every problem). */
async function prepareGuestInsert(
  ctx: Ctx,
  trx: TenantDb,
  body: CreateGuestInput & Pick<NewProfileDetails, 'tagIds'>,
  id = newId('gst'),
) {
  const now = new Date();
  const problems = new GuestProblems();
  const source = body.source ?? (ctx.actor.actorType === 'api_key' ? 'api' : 'manual');
  const lists = await buildGuestLists(trx, body, EMPTY_LISTS, problems);
  // Tags given by id (an import, which writes the history of its new profiles itself).
  if (body.tagIds && body.tags === undefined) lists.tagIds = body.tagIds.slice(0, MAX_TAGS);
  const cols = { ...nextColumns({ ...body, source }, {}, lists, EMPTY_LISTS) };
  await checkColumns(trx, cols, problems);
  // A default group chosen on creation is a choice by hand (otherwise the insert trigger assigns one).
  const systemGroupManual = lists.groupIds.length > 0 && (await checkSystemGroups(trx, [], lists.groupIds, problems));
  problems.throwIfAny();
  const isSet = (v: unknown) => v !== null && v !== '' && v !== false && !(Array.isArray(v) && v.length === 0);
  const fields = diffFields({}, snapshot(cols, lists)).filter((c) => isSet(c.newValue) && c.field !== 'source');
  return {
    id,
    source,
    now,
    fields,
    rows: guestListRows(ctx.orgId, id, lists, () => newId('adr')),
    guest: {
      orgId: ctx.orgId,
      id,
      ...cols,
      systemGroupManual,
      firstContactAt: now,
      lastActivityAt: now,
      createdAt: now,
      updatedAt: now,
    },
  };
}

/**
 * One statement for all: the lists, history and audit entries ride as CTEs on the guest insert
 * (their foreign keys are checked at the end of the statement, when the guest rows exist).
 */
async function writeGuestInserts(ctx: Ctx, trx: TenantDb, guests: PreparedGuest[], withHistory = true): Promise<void> {
  if (!guests.length) return;
  const actorName = actorNameQuery(ctx, trx);
  const history = withHistory
    ? guests.flatMap((g) =>
        guestHistoryRows(
          ctx,
          g.id,
          [{ field: 'created', oldValue: null, newValue: { source: g.source } }, ...g.fields],
          g.now,
          null,
        ),
      )
    : [];
  const audits = guests.map((g) => auditRow(ctx, 'guest.created', { type: 'guest', id: g.id }, { source: g.source }));
  const lists = [
    ['guest_email', guests.flatMap((g) => g.rows.emails)],
    ['guest_phone', guests.flatMap((g) => g.rows.phones)],
    ['guest_address', guests.flatMap((g) => g.rows.addresses)],
  ] as const;
  // Only the lists that have entries; each rides as a CTE on the guest insert (their foreign keys
  // are checked at the end of the statement, when the guest rows exist).
  const ctes = [
    ...(history.length
      ? [
          sql`history as (${insertJsonRows('guest_history', history, {
            jsonb: ['oldValue', 'newValue'],
            computed: actorName ? { actorName: sql`(${actorName})` } : {},
          })})`,
        ]
      : []),
    sql`audit as (${insertJsonRows('audit_log', audits, { jsonb: ['data'] })})`,
    ...lists
      .filter(([, rows]) => rows.length)
      .map(([table, rows]) => sql`${sql.raw(table)} as (${insertJsonRows(table, rows)})`),
  ];
  await sql`with ${sql.join(ctes)} ${insertJsonRows(
    'guest',
    guests.map((g) => g.guest),
  )}`.execute(trx);
  // The consent a new profile starts with is a record of the ledger like any later change (P-4).
  await appendConsents(
    ctx,
    trx,
    guests.flatMap((g) => marketingChange(g.id, false, g.guest.marketingConsent, g.guest.language)),
    guests[0]!.now,
  );
}

/** Changes a guest (PATCH: lists replace whole); records every changed field in history (G-9). */
export async function updateGuest(ctx: Ctx, id: string, body: UpdateGuestInput): Promise<GuestRow> {
  const now = new Date();
  await ctx.db.transaction().execute(async (trx) => {
    const current = await trx.selectFrom('guest').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
    if (!current) throw notFound('Guest');
    if (body.username !== undefined && current.username !== null && body.username !== current.username) {
      throw invalid('username_immutable', 'The account username can never be changed', [
        { field: 'username', message: 'cannot be changed once set', code: 'username_immutable' },
      ]);
    }
    const problems = new GuestProblems();
    const before = await loadGuestLists(trx, current);
    const lists = await buildGuestLists(trx, body, before, problems, current.country);
    const cols = nextColumns(body, current, lists, before);
    await checkColumns(trx, cols, problems);
    const chosen =
      body.groupIds !== undefined && (await checkSystemGroups(trx, before.groupIds, lists.groupIds, problems));
    problems.throwIfAny();
    const systemGroupManual = body.systemGroupManual ?? (chosen || current.systemGroupManual);
    const changes = diffFields(snapshot(current, before), snapshot(cols, lists));
    if (systemGroupManual !== current.systemGroupManual)
      changes.push({ field: 'systemGroupManual', oldValue: current.systemGroupManual, newValue: systemGroupManual });
    if (changes.length === 0) return;
    await trx
      .updateTable('guest')
      .set({ ...cols, systemGroupManual, updatedAt: now })
      .where('id', '=', id)
      .execute();
    if (!systemGroupManual) await refreshGuestSystemGroups(trx, [id]);
    // A consent change is a ledger record (source from the caller: staff, API key, customer area).
    await appendConsents(
      ctx,
      trx,
      marketingChange(id, current.marketingConsent, cols.marketingConsent, cols.language),
      now,
    );
    const changed = (f: string) => changes.some((c) => c.field === f);
    await writeGuestLists(
      trx,
      ctx.orgId,
      id,
      lists,
      { emails: changed('emails'), phones: changed('phones'), addresses: changed('addresses') },
      () => newId('adr'),
    );
    await recordGuestChanges(ctx, trx, id, changes, now);
  });
  return getGuest(ctx, id);
}

/**
 * Erases a guest (P-1): refused (409 guest_has_upcoming_bookings) while they are on an upcoming or
 * in-house booking; otherwise nothing of them is left (src/modules/privacy) and their past bookings
 * are kept without them (shown as `*****`).
 */
export async function deleteGuest(
  ctx: Ctx,
  id: string,
  reason: 'staff' | 'self' | 'retention' = 'staff',
): Promise<void> {
  // P-1/P-2: the privacy module erases the guest everywhere the registry knows of (the 409 included).
  await eraseGuest(ctx, id, { reason });
}
