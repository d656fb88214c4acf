import { sql } from 'kysely';
import type { Ctx } from '../../../core/context.ts';
import { newId } from '../../../core/ids.ts';
import type { TenantDb } from '../../../db/database.ts';
import { insertJsonRows } from '../../../db/json-rows.ts';
import { appendConsents, type ConsentChange } from '../../consent/index.ts';
import { recordGuestChanges, type FieldChange } from '../../guests/index.ts';
import type { ProfileState } from './profile-fold.ts';

/**
 * The profiles a batch touches, as an import compares them: one statement for all (the row, its
 * e-mails, phones, addresses, note bodies, and whether its ledger has a marketing record).
 */
export async function loadProfiles(trx: TenantDb, orgId: string, ids: string[]): Promise<Map<string, ProfileState>> {
  if (!ids.length) return new Map();
  const { rows } = await sql<ProfileState & { id: string }>`
    select g.id, g.title_id, g.first_name, g.last_name, g.language, g.nationality, g.country,
           g.birth_date::text as birth_date, g.document_type, g.document_number, g.document_number_index,
           g.marketing_consent, g.tag_ids, g.group_ids,
           coalesce((select json_agg(json_build_object('email', e.email, 'primary', e.is_primary, 'label', e.label)
                                     order by e.position)
                       from guest_email e where e.org_id = g.org_id and e.guest_id = g.id), '[]'::json) as emails,
           coalesce((select json_agg(json_build_object('e164', p.e164, 'display', p.display, 'primary', p.is_primary,
                                                       'label', p.label) order by p.position)
                       from guest_phone p where p.org_id = g.org_id and p.guest_id = g.id), '[]'::json) as phones,
           coalesce((select json_agg(json_build_object('name', a.name, 'street', a.street, 'city', a.city,
                                                       'region', a.region, 'postcode', a.postcode,
                                                       'country', a.country, 'primary', a.is_primary)
                                     order by a.position)
                       from guest_address a where a.org_id = g.org_id and a.guest_id = g.id), '[]'::json) as addresses,
           coalesce((select json_agg(n.body) from guest_note n where n.org_id = g.org_id and n.guest_id = g.id),
                    '[]'::json) as notes,
           exists (select 1 from guest_consent c where c.org_id = g.org_id and c.guest_id = g.id
                      and c.channel = 'email' and c.purpose = 'marketing') as has_marketing_record
      from guest g
     where g.org_id = ${orgId} and g.id = any(${ids}::text[])`.execute(trx);
  return new Map(rows.map(({ id, ...state }) => [id, state]));
}

/** What history records of a profile's state (the fields under their API names, tags by name). */
function historyView(s: ProfileState, tagNames: ReadonlyMap<string, string>): Record<string, unknown> {
  return {
    titleId: s.titleId,
    firstName: s.firstName,
    lastName: s.lastName,
    language: s.language,
    nationality: s.nationality,
    country: s.country,
    birthDate: s.birthDate,
    document:
      s.documentType || s.documentNumber
        ? { type: s.documentType, number: s.documentNumber, issuingCountry: null, expiry: null }
        : null,
    marketingConsent: s.marketingConsent,
    emails: s.emails,
    phones: s.phones,
    addresses: s.addresses,
    tags: s.tagIds.map((id) => tagNames.get(id) ?? id),
    groupIds: s.groupIds,
  };
}

function diff(before: Record<string, unknown>, after: Record<string, unknown>): FieldChange[] {
  return Object.keys(after)
    .filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]))
    .map((field) => ({ field, oldValue: before[field] ?? null, newValue: after[field] ?? null }));
}

/**
 * The history of a profile this import made (decision 0017): ONE row, "created" with
 * `{source, importId, values}` holding every field it starts with (its records folded in) instead
 * of a row per field — the document apart, in a row of its own where key rotation reseals it.
 */
function creationHistory(w: ProfileWrite, importId: string, tagNames: ReadonlyMap<string, string>): FieldChange[] {
  const isSet = (v: unknown) => v !== null && v !== '' && v !== false && !(Array.isArray(v) && v.length === 0);
  const { document, ...rest } = historyView(w.after, tagNames);
  const values = Object.fromEntries(Object.entries(rest).filter(([, v]) => isSet(v)));
  return [
    { field: 'created', oldValue: null, newValue: { source: 'import', importId, values } },
    ...(document ? [{ field: 'document', oldValue: null, newValue: document }] : []),
  ];
}

export interface ProfileWrite {
  id: string;
  /** Made by this batch: its history is the import's one "created" row, which its changes complete. */
  created?: boolean;
  before: ProfileState;
  after: ProfileState;
  notes: string[];
  consents: boolean[];
}

/**
 * Writes what a batch changed, a fixed number of statements for all profiles: the rows, the
 * lists that changed (replaced whole, as a PATCH does), the history of every changed field, the
 * new notes and the consent records (source and reference from `ctx`). Profiles that did not
 * change are not written at all (no history, `updated_at` kept).
 */
export async function writeProfiles(
  ctx: Ctx,
  trx: TenantDb,
  writes: ProfileWrite[],
  tagNames: ReadonlyMap<string, string>,
  importId: string,
  at = new Date(),
): Promise<void> {
  const changes = new Map<string, FieldChange[]>();
  for (const w of writes) {
    const c = diff(historyView(w.before, tagNames), historyView(w.after, tagNames));
    if (c.length) changes.set(w.id, c);
  }
  const changed = writes.filter((w) => changes.has(w.id));
  if (changed.length) {
    const rows = changed.map(({ id, after: s }) => {
      const email = s.emails.find((e) => e.primary);
      const phone = s.phones.find((p) => p.primary);
      return {
        id,
        titleId: s.titleId,
        firstName: s.firstName,
        lastName: s.lastName,
        language: s.language,
        nationality: s.nationality,
        country: s.country,
        birthDate: s.birthDate,
        documentType: s.documentType,
        documentNumber: s.documentNumber,
        documentNumberIndex: s.documentNumberIndex,
        marketingConsent: s.marketingConsent,
        tagIds: s.tagIds,
        groupIds: s.groupIds,
        email: email?.email ?? null,
        phone: phone?.e164 ?? null,
        phoneDisplay: phone?.display ?? null,
      };
    });
    await sql`
      update guest g
         set title_id = x.title_id, language = x.language,
             nationality = x.nationality, country = x.country, birth_date = x.birth_date,
             document_type = x.document_type, document_number = x.document_number,
             document_number_index = x.document_number_index, marketing_consent = x.marketing_consent,
             tag_ids = x.tag_ids, group_ids = x.group_ids, email = x.email, phone = x.phone,
             phone_display = x.phone_display, updated_at = ${at}
        from jsonb_populate_recordset(null::guest, ${JSON.stringify(rows.map(snakeKeys))}::jsonb) as x
       where g.org_id = ${ctx.orgId} and g.id = x.id`.execute(trx);
    // Names apart: their update re-indexes the profile for search (a trigger on those columns).
    const renamed = rows.filter((r) =>
      changes.get(r.id)!.some((c) => c.field === 'firstName' || c.field === 'lastName'),
    );
    if (renamed.length)
      await sql`
        update guest g set first_name = x.first_name, last_name = x.last_name
          from jsonb_populate_recordset(null::guest, ${JSON.stringify(renamed.map(snakeKeys))}::jsonb) as x
         where g.org_id = ${ctx.orgId} and g.id = x.id`.execute(trx);
    await replaceLists(ctx, trx, changed, changes);
  }
  const history = new Map(writes.map((w) => [w.id, w.created ? creationHistory(w, importId, tagNames) : []]));
  for (const [id, c] of changes) if (!history.get(id)?.length) history.set(id, c);
  const ids = [...history.keys()].filter((id) => history.get(id)!.length);
  if (ids.length) await recordGuestChanges(ctx, trx, ids, (id) => history.get(id) ?? [], at);
  const notes = writes.flatMap((w) =>
    w.notes.map((body) => ({
      orgId: ctx.orgId,
      id: newId('not'),
      guestId: w.id,
      body,
      authorType: ctx.actor.actorType,
      authorId: ctx.actor.actorId,
      createdAt: at,
      updatedAt: at,
    })),
  );
  if (notes.length) await sql`${insertJsonRows('guest_note', notes)}`.execute(trx);
  const consents: ConsentChange[] = writes.flatMap((w) =>
    w.consents.map((granted) => ({
      guestId: w.id,
      channel: 'email' as const,
      purpose: 'marketing',
      status: granted ? ('granted' as const) : ('withdrawn' as const),
      language: w.after.language,
    })),
  );
  await appendConsents(ctx, trx, consents, at);
}

const snakeKeys = (row: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(row).map(([k, v]) => [k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`), v]));

/** The e-mails, phones and addresses of the profiles whose lists changed: deleted and written again. */
async function replaceLists(
  ctx: Ctx,
  trx: TenantDb,
  writes: ProfileWrite[],
  changes: Map<string, FieldChange[]>,
): Promise<void> {
  const having = (field: string) => writes.filter((w) => changes.get(w.id)?.some((c) => c.field === field));
  const emails = having('emails');
  const phones = having('phones');
  const addresses = having('addresses');
  const orgId = ctx.orgId;
  if (emails.length) {
    await sql`delete from guest_email where org_id = ${orgId} and guest_id = any(${emails.map((w) => w.id)}::text[])`.execute(
      trx,
    );
    const rows = emails.flatMap((w) =>
      w.after.emails.map((e, position) => ({
        orgId,
        guestId: w.id,
        email: e.email,
        isPrimary: e.primary,
        label: e.label,
        position,
      })),
    );
    if (rows.length) await sql`${insertJsonRows('guest_email', rows)}`.execute(trx);
  }
  if (phones.length) {
    await sql`delete from guest_phone where org_id = ${orgId} and guest_id = any(${phones.map((w) => w.id)}::text[])`.execute(
      trx,
    );
    const rows = phones.flatMap((w) =>
      w.after.phones.map((p, position) => ({
        orgId,
        guestId: w.id,
        e164: p.e164,
        display: p.display,
        isPrimary: p.primary,
        label: p.label,
        position,
      })),
    );
    if (rows.length) await sql`${insertJsonRows('guest_phone', rows)}`.execute(trx);
  }
  if (addresses.length) {
    await sql`delete from guest_address where org_id = ${orgId} and guest_id = any(${addresses.map((w) => w.id)}::text[])`.execute(
      trx,
    );
    const rows = addresses.flatMap((w) =>
      w.after.addresses.map(({ primary, ...a }, position) => ({
        orgId,
        id: newId('adr'),
        guestId: w.id,
        ...a,
        isPrimary: primary,
        position,
      })),
    );
    if (rows.length) await sql`${insertJsonRows('guest_address', rows)}`.execute(trx);
  }
}
