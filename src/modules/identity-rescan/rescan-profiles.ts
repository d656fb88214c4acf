import { sql } from 'kysely';
import type { TenantDb } from '../../db/database.ts';
import { type MatchSubject, type PersonInput, nameTokens, prepareSubject } from '../identity/matching/index.ts';

/** Name candidates read per profile (as the resolver: a common name must not fetch thousands). */
const MAX_NAME_CANDIDATES = 25;
/** Profiles sharing one e-mail, phone or document read per profile (a shared office number). */
const MAX_KEY_CANDIDATES = 50;

/** A stored profile as the rescan compares it. */
export interface RescanProfile {
  id: string;
  person: PersonInput;
  subject: MatchSubject;
  bookingCount: number;
  createdAt: string;
  /** Holds a customer account: two account holders are never merged (only one account can remain). */
  hasAccount: boolean;
}

interface ProfileRow {
  id: string;
  firstName: string;
  lastName: string;
  secondLastName: string | null;
  birthDate: string | null;
  country: string | null;
  documentIndex: string | null;
  bookingCount: number;
  createdAt: Date | string;
  hasAccount: boolean;
  emails: string[] | null;
  phones: string[] | null;
  addresses:
    | {
        street: string | null;
        city: string | null;
        postcode: string | null;
        region: string | null;
        country: string | null;
      }[]
    | null;
}

/** The next page of profile ids after `after`, in id order. */
export async function nextProfileIds(trx: TenantDb, orgId: string, after: string, limit: number): Promise<string[]> {
  const rows = await trx
    .selectFrom('guest')
    .select('id')
    .where('orgId', '=', orgId)
    .where('id', '>', after)
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map((r) => r.id);
}

/**
 * Profiles with everything the comparison reads (all e-mails, phones, up to 4 addresses, the
 * document's blind index): four set-based reads (per-row subqueries cost twice as much at 1,000
 * profiles a batch).
 */
export async function loadProfiles(trx: TenantDb, orgId: string, ids: string[]): Promise<Map<string, RescanProfile>> {
  const out = new Map<string, RescanProfile>();
  if (!ids.length) return out;
  const [guests, emails, phones, addresses] = await Promise.all([
    sql<Omit<ProfileRow, 'emails' | 'phones' | 'addresses'>>`
      select g.id, g.first_name, g.last_name, g.second_last_name, g.birth_date::text as birth_date, g.country,
             g.document_number_index as document_index, g.booking_count, g.created_at,
             (g.user_id is not null or a.guest_id is not null) as has_account
        from guest g
        left join customer_account a on a.org_id = g.org_id and a.guest_id = g.id
       where g.org_id = ${orgId} and g.id = any(${ids}::text[])`.execute(trx),
    sql<{ guestId: string; email: string }>`
      select guest_id, email from guest_email where org_id = ${orgId} and guest_id = any(${ids}::text[])
       order by guest_id, position`.execute(trx),
    sql<{ guestId: string; e164: string }>`
      select guest_id, e164 from guest_phone where org_id = ${orgId} and guest_id = any(${ids}::text[])
       order by guest_id, position`.execute(trx),
    sql<{
      guestId: string;
      street: string | null;
      city: string | null;
      postcode: string | null;
      region: string | null;
      country: string | null;
    }>`
      select guest_id, street, city, postcode, region, country from guest_address
       where org_id = ${orgId} and guest_id = any(${ids}::text[])
       order by guest_id, position`.execute(trx),
  ]);
  const listOf = <T extends { guestId: string }>(rows: T[], max: number) => {
    const by = new Map<string, T[]>();
    for (const r of rows) {
      const list = by.get(r.guestId) ?? [];
      if (list.length < max) list.push(r);
      by.set(r.guestId, list);
    }
    return by;
  };
  const emailsOf = listOf(emails.rows, 10);
  const phonesOf = listOf(phones.rows, 10);
  const addressesOf = listOf(addresses.rows, 4);
  for (const r of guests.rows) {
    const person: PersonInput = {
      firstName: r.firstName,
      lastName: [r.lastName, r.secondLastName].filter(Boolean).join(' '),
      emails: (emailsOf.get(r.id) ?? []).map((e) => e.email),
      phones: (phonesOf.get(r.id) ?? []).map((p) => p.e164),
      birthDate: r.birthDate,
      country: r.country,
      documentIds: r.documentIndex ? [r.documentIndex] : [],
      addresses: (addressesOf.get(r.id) ?? []).map((a) => ({
        line1: a.street,
        city: a.city,
        postcode: a.postcode,
        region: a.region,
        country: a.country,
      })),
    };
    out.set(r.id, {
      id: r.id,
      person,
      subject: prepareSubject(person),
      bookingCount: Number(r.bookingCount),
      createdAt: new Date(r.createdAt).toISOString(),
      hasAccount: Boolean(r.hasAccount),
    });
  }
  return out;
}

/**
 * The profiles each page profile may be one person with, by the resolver's keys: the same e-mail,
 * phone or ID document, or both first and last name words (order-free: a swapped name is found).
 * Only partners with a greater id are returned: a pair is judged when its first profile's page runs.
 */
export async function findPartners(
  trx: TenantDb,
  orgId: string,
  page: RescanProfile[],
): Promise<Map<string, Set<string>>> {
  const out = new Map<string, Set<string>>(page.map((p) => [p.id, new Set<string>()]));
  if (!page.length) return out;
  const ids = page.map((p) => p.id);
  const first = page.map((p) => nameTokens(p.person.firstName)[0] ?? null);
  const last = page.map((p) => nameTokens(p.person.lastName)[0] ?? null);
  const { rows } = await sql<{ a: string; b: string }>`
    select p.id as a, x.guest_id as b
      from unnest(${ids}::text[], ${first}::text[], ${last}::text[]) as p(id, first, last)
      cross join lateral (
        (select b.guest_id from guest_email a
           join lateral (select b.guest_id from guest_email b
                          where b.org_id = a.org_id and b.email = a.email and b.guest_id > p.id
                          limit ${MAX_KEY_CANDIDATES}) b on true
          where a.org_id = ${orgId} and a.guest_id = p.id)
        union
        (select b.guest_id from guest_phone a
           join lateral (select b.guest_id from guest_phone b
                          where b.org_id = a.org_id and b.e164 = a.e164 and b.guest_id > p.id
                          limit ${MAX_KEY_CANDIDATES}) b on true
          where a.org_id = ${orgId} and a.guest_id = p.id)
        union
        (select b.id from guest a
           join guest b on b.org_id = a.org_id and b.document_number_index = a.document_number_index and b.id > p.id
          where a.org_id = ${orgId} and a.id = p.id and a.document_number_index is not null)
        union
        (select a.guest_id from guest_search_token a
           join guest_search_token b on b.org_id = a.org_id and b.token = p.first and b.guest_id = a.guest_id
          where p.first is not null and p.last is not null and a.org_id = ${orgId} and a.token = p.last
            and a.guest_id > p.id
          limit ${MAX_NAME_CANDIDATES})
      ) x(guest_id)`.execute(trx);
  for (const r of rows) out.get(r.a)?.add(r.b);
  // A pair already in the review queue is judged again with today's rules. Set-based, apart from
  // the lateral above: the rescan fills the queue faster than statistics follow, and a plan made
  // for an empty queue would scan it once per profile.
  const queued = await trx
    .selectFrom('duplicateCandidate')
    .select(['guestA', 'guestB'])
    .where('orgId', '=', orgId)
    .where('guestA', 'in', ids)
    .where('status', '=', 'open')
    .execute();
  for (const r of queued) out.get(r.guestA)?.add(r.guestB);
  return out;
}

/** Pairs of these profiles that staff separated: dismissed as "not the same person". */
export async function findDismissedPairs(trx: TenantDb, orgId: string, ids: string[]): Promise<Set<string>> {
  if (!ids.length) return new Set();
  const rows = await trx
    .selectFrom('duplicateCandidate')
    .select(['guestA', 'guestB'])
    .where('orgId', '=', orgId)
    .where('status', '=', 'dismissed')
    .where((eb) => eb.or([eb('guestA', 'in', ids), eb('guestB', 'in', ids)]))
    .execute();
  return new Set(rows.map((r) => pairKey(r.guestA, r.guestB)));
}

/** Pairs of profiles a person took apart by undoing a merge: never merged again automatically. */
export async function findUndonePairs(trx: TenantDb, orgId: string): Promise<Set<string>> {
  const rows = await trx
    .selectFrom('guestMerge')
    .select(['survivorId', 'mergedIds'])
    .where('orgId', '=', orgId)
    .where('undoneAt', 'is not', null)
    .execute();
  const out = new Set<string>();
  for (const r of rows) {
    const all = [r.survivorId, ...r.mergedIds];
    for (let i = 0; i < all.length; i++) for (let j = i + 1; j < all.length; j++) out.add(pairKey(all[i]!, all[j]!));
  }
  return out;
}

/** Open queue pairs among these ids (to know which ones a "distinct" judgement removes). */
export async function findOpenPairs(trx: TenantDb, orgId: string, ids: string[]): Promise<Set<string>> {
  if (!ids.length) return new Set();
  const rows = await trx
    .selectFrom('duplicateCandidate')
    .select(['guestA', 'guestB'])
    .where('orgId', '=', orgId)
    .where('status', '=', 'open')
    .where('guestA', 'in', ids)
    .execute();
  return new Set(rows.map((r) => pairKey(r.guestA, r.guestB)));
}

export function pairKey(a: string, b: string): string {
  return a < b ? `${a} ${b}` : `${b} ${a}`;
}
