import { sql } from 'kysely';
import type { TenantDb } from '../../db/database.ts';
import { type MatchSubject, type PersonInput, prepareSubject } from '../identity/matching/index.ts';

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

/** Pairs a person separated: dismissed in the queue as "not the same person", or split by undoing a merge. */
export async function findBlockedPairs(trx: TenantDb, orgId: string): Promise<Set<string>> {
  const [undone, dismissed] = await Promise.all([
    findUndonePairs(trx, orgId),
    trx
      .selectFrom('duplicateCandidate')
      .select(['guestA', 'guestB'])
      .where('orgId', '=', orgId)
      .where('status', '=', 'dismissed')
      .execute(),
  ]);
  for (const r of dismissed) undone.add(pairKey(r.guestA, r.guestB));
  return undone;
}

/** The pairs waiting in the review queue: judged again with today's rules. */
export async function findOpenQueuePairs(trx: TenantDb, orgId: string): Promise<[string, string][]> {
  const rows = await trx
    .selectFrom('duplicateCandidate')
    .select(['guestA', 'guestB'])
    .where('orgId', '=', orgId)
    .where('status', '=', 'open')
    .execute();
  return rows.map((r) => [r.guestA, r.guestB]);
}

export function pairKey(a: string, b: string): string {
  return a < b ? `${a} ${b}` : `${b} ${a}`;
}
