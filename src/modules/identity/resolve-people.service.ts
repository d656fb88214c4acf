import { type Insertable, sql } from 'kysely';
import type { AppError } from '../../core/errors.ts';
import { newId } from '../../core/ids.ts';
import type { TenantDb } from '../../db/database.ts';
import type { IdentityDecisionTable } from '../../db/schema.ts';
import {
  enrichGuest,
  insertGuests,
  isInternational,
  loadPhoneCountries,
  normalisePhone,
  phoneAsE164,
  phoneCountryOrder,
  lockGuestsForBooking,
  wouldEnrich,
  type EnrichmentBasis,
  type GuestEnrichment,
} from '../guests/index.ts';
import type { PeopleResolver, PersonResolver, PersonToResolve, ResolvedPerson } from '../bookings/index.ts';
import {
  type Candidate,
  type MatchSubject,
  type Resolution,
  type ScoredCandidate,
  nameTokens,
  prepareSubject,
  resolveAgainst,
} from './matching/index.ts';
import {
  type CandidateRow,
  type PairRow,
  MAX_NAME_CANDIDATES,
  identityKeys,
  lockIdentityKeys,
  pairRows,
  recordDecisions,
  sourceOf,
  toPersonInput,
  uniquePairs,
} from './resolver.service.ts';

/** Up to this many people, the namesakes are read with the keys (see `resolvePeople`). */
const PREFETCH_NAMESAKES_UP_TO = 4;

interface Prepared {
  item: PersonToResolve;
  incoming: MatchSubject;
  email: string | null;
  phone: string | null;
  first: string | null;
  last: string | null;
  /** Folded "first last" of the first name words, for namesakes arriving in the same batch. */
  nameKey: string | null;
}

/** Where a person landed before anything is written: an existing profile, or a new one (its id chosen now). */
interface Landing {
  guestId: string;
  created: boolean;
  resolution: Resolution<string>;
}

/**
 * The resolver for many people at once (a batch of bookings, an import; a single booking is a
 * batch of one): the same rules as one at a time, in the order given — a person who arrives twice
 * in one batch makes one profile, as two bookings in a row would. Statements per batch, not per
 * person: one for the identity locks and settings, one for the candidates sharing an e-mail or a
 * phone (or the name, for people without either), one for the namesakes of the people who get a
 * new profile (the review queue, SPEC I-2 (4)), one lock of the profiles found, one insert of the
 * new profiles, one of the decisions and queued pairs; plus an enrichment per profile that gains
 * something (I-1). Runs in the caller's transaction.
 */
export const resolvePeople: PeopleResolver = async (ctx, trx, items, options = {}) => {
  const people = (await withPhonesRead(trx, items)).map(prepare);
  const keys = [
    ...new Set(people.flatMap((p) => identityKeys(p.item.person, p.incoming.emailKeys, p.incoming.phones))),
  ];
  const settings = await lockIdentityKeys(trx, ctx.orgId, keys.sort());
  // A booking or two reads the namesakes with the keys (one round trip); a large batch reads them
  // only for the people who turn out new (most of a batch is returning guests).
  const prefetch = people.length <= PREFETCH_NAMESAKES_UP_TO;
  const found = await loadCandidates(trx, ctx.orgId, people, (p) => ({
    email: p.email,
    phone: p.phone,
    // Without an e-mail or phone, the name is the key (rule (3)); with one, namesakes come later.
    byName: prefetch || (!p.email && !p.phone),
  }));
  const hasContact = (p: Prepared) => Boolean(p.email || p.phone);
  const byKey = found.map((list, i) => (hasContact(people[i]!) ? list.filter((r) => r.keyed) : list));
  const rows = new Map<string, CandidateRow>();
  for (const list of byKey) for (const r of list) rows.set(r.id, r);

  // Phase 1: who is who, in order; new profiles of this batch are candidates for the people after them.
  const fresh = new Map<string, { guestId: string; p: Prepared }[]>();
  const freshKeys = (p: Prepared, byName: boolean) => [
    ...p.incoming.emailKeys.map((k) => `e:${k}`),
    ...p.incoming.phones.map((k) => `p:${k}`),
    ...(byName && p.nameKey ? [`n:${p.nameKey}`] : []),
  ];
  const freshCandidates = (p: Prepared, byName: boolean): Candidate<string>[] => {
    const seen = new Set<string>();
    const out: Candidate<string>[] = [];
    for (const key of freshKeys(p, byName))
      for (const f of fresh.get(key) ?? [])
        if (!seen.has(f.guestId)) {
          seen.add(f.guestId);
          out.push({ profileId: f.guestId, subject: f.p.incoming });
        }
    return out;
  };
  const subjects = new Map<string, Candidate<string>>();
  const candidateOfRow = (g: CandidateRow) => {
    let c = subjects.get(g.id);
    if (!c) subjects.set(g.id, (c = candidateOf(g)));
    return c;
  };
  const landings: Landing[] = people.map((p, i) => {
    const candidates = [...byKey[i]!.map(candidateOfRow), ...freshCandidates(p, !p.email && !p.phone)];
    const resolution = resolveAgainst(p.incoming, candidates, settings);
    if (resolution.match) return { guestId: resolution.match.profileId, created: false, resolution };
    const guestId = newId('gst');
    for (const key of freshKeys(p, true)) fresh.set(key, [...(fresh.get(key) ?? []), { guestId, p }]);
    return { guestId, created: true, resolution };
  });

  // Phase 2: the namesakes of the new profiles, for the review queue (and a match the keys missed).
  const newcomers = people.map((p, i) => ({ p, i })).filter(({ p, i }) => landings[i]!.created && (p.email || p.phone));
  const byName = prefetch
    ? newcomers.map(({ i }) => found[i]!.filter((r) => !r.keyed))
    : await loadCandidates(
        trx,
        ctx.orgId,
        newcomers.map(({ p }) => p),
        () => ({ email: null, phone: null, byName: true }),
      );
  const alias = new Map<string, string>();
  newcomers.forEach(({ p, i }, k) => {
    const landing = landings[i]!;
    const seen = new Set(byKey[i]!.map((r) => r.id));
    const extra = byName[k]!.filter((r) => !seen.has(r.id));
    for (const r of extra) rows.set(r.id, r);
    const others = freshCandidates(p, true).filter((c) => c.profileId !== landing.guestId);
    const more = resolveAgainst(p.incoming, [...extra.map(candidateOfRow), ...others], settings);
    landing.resolution.duplicates.push(...more.duplicates);
    landing.resolution.related.push(...more.related);
    // A key written differently (a normalised e-mail) can still show the person is known.
    if (more.match && !alias.has(more.match.profileId)) {
      alias.set(landing.guestId, more.match.profileId);
      landing.resolution.match = more.match;
      landing.created = false;
    }
  });
  const final = (id: string) => alias.get(id) ?? id;
  for (const l of landings) l.guestId = final(l.guestId);

  // Writes: lock the profiles found (in id order, so concurrent batches queue instead of deadlocking),
  // create the new ones, enrich what gains something.
  const existing = [...new Set(landings.filter((l) => !l.created && rows.has(l.guestId)).map((l) => l.guestId))];
  await lockGuestsForBooking(trx, existing);
  const creating = people.map((p, i) => ({ p, l: landings[i]! })).filter(({ l }) => l.created);
  const created = await insertGuests(
    ctx,
    trx,
    creating.map(({ p, l }) => ({ id: l.guestId, body: newGuestBody(p.item) })),
    { history: options.newProfileHistory !== false },
  );
  const failed = new Map<string, AppError>();
  created.forEach((c, k) => {
    if ('error' in c) failed.set(creating[k]!.l.guestId, c.error);
  });
  const now = new Date();
  const basisOf = new Map<string, EnrichmentBasis>();
  for (const [id, r] of rows) basisOf.set(id, r);
  for (const { p, l } of creating) basisOf.set(l.guestId, basisFromPerson(p));
  const results: ResolvedPerson[] = [];
  const creators = new Set(creating.map(({ l }) => l));
  for (const [i, p] of people.entries()) {
    const l = landings[i]!;
    const error = failed.get(l.guestId);
    if (error) {
      results.push({ error });
      continue;
    }
    if (!creators.has(l) && options.enrich !== false) {
      const add = enrichmentOf(p);
      const basis = basisOf.get(l.guestId);
      if (!basis || wouldEnrich(basis, add)) {
        await enrichGuest(ctx, trx, l.guestId, add, now, { deferTouch: options.deferTouch === true, basis });
        basisOf.delete(l.guestId); // read afresh by the next enrichment of this profile
      } else if (!options.deferTouch) {
        await enrichGuest(ctx, trx, l.guestId, add, now, { basis });
      }
    }
    results.push({ guestId: l.guestId, created: l.created });
  }

  const decisions: Insertable<IdentityDecisionTable>[] = [];
  const pairs: PairRow[] = [];
  people.forEach((p, i) => {
    const l = landings[i]!;
    if (failed.has(l.guestId)) return;
    const decided = l.resolution.match?.decision;
    decisions.push({
      orgId: ctx.orgId,
      id: newId('idd'),
      guestId: l.guestId,
      source: p.item.source,
      role: p.item.role,
      outcome: l.resolution.match ? 'matched' : 'created',
      rule: decided?.rule ?? 'new_profile',
      score: decided?.score ?? 0,
      reasons: JSON.stringify(decided?.reasons ?? ['no profile with the same e-mail or phone and a compatible name']),
    });
    const partners = [...l.resolution.duplicates, ...l.resolution.related]
      .map((s): ScoredCandidate<string> => ({ ...s, profileId: final(s.profileId) }))
      .filter((s) => !failed.has(s.profileId));
    pairs.push(...pairRows(ctx.orgId, l.guestId, partners));
  });
  await recordDecisions(trx, decisions, uniquePairs(pairs));
  return results;
};

/**
 * The one resolver every entry point uses (I-1, I-2), for one person: finds the profile of an
 * incoming person by e-mail or phone with a compatible name (or by name alone when the
 * organisation allows it), enriches it, or creates a new profile; records the decision with its
 * rule, score and reasons, and queues possible duplicates and related people. Runs in the
 * caller's transaction; an advisory lock per identity key makes simultaneous arrivals of one new
 * person create one profile (I-6). Throws the profile's `invalid` error when a new one cannot be made.
 */
export const resolvePerson: PersonResolver = async (ctx, trx, person, meta) => {
  const item = { person, source: meta.source, role: meta.role, propertyId: meta.propertyId ?? null };
  const [r] = await resolvePeople(ctx, trx, [item], {
    deferTouch: meta.deferTouch === true,
  });
  if (!r) throw new Error('the resolver returned nothing');
  if ('error' in r) throw r.error;
  return r.guestId;
};

/**
 * The people with their national phone numbers read into E.164 (issue 14 point 6a): with their own
 * country, then the booking's property's, then the organisation's. The organisation's countries
 * are read only when a number is neither international nor readable with the person's country.
 */
async function withPhonesRead(trx: TenantDb, items: PersonToResolve[]): Promise<PersonToResolve[]> {
  const needs = (i: PersonToResolve) =>
    i.person.phone &&
    !isInternational(i.person.phone) &&
    !(i.person.country && normalisePhone(i.person.phone, i.person.country));
  if (!items.some(needs)) return items;
  const pc = await loadPhoneCountries(trx);
  return items.map((i) =>
    needs(i)
      ? {
          ...i,
          person: {
            ...i.person,
            phone: phoneAsE164(i.person.phone!, phoneCountryOrder(pc, [i.person.country], i.propertyId)),
          },
        }
      : i,
  );
}

function prepare(item: PersonToResolve): Prepared {
  const incoming = prepareSubject(toPersonInput(item.person));
  const first = nameTokens(item.person.firstName)[0] ?? null;
  const last = nameTokens(item.person.lastName)[0] ?? null;
  return {
    item,
    incoming,
    email: item.person.email?.trim().toLowerCase() || null,
    phone: incoming.phones[0] ?? null,
    first,
    last,
    nameKey: first && last ? `${first} ${last}` : null,
  };
}

function candidateOf(g: CandidateRow): Candidate<string> {
  return {
    profileId: g.id,
    subject: prepareSubject({
      firstName: g.firstName,
      lastName: [g.lastName, g.secondLastName].filter(Boolean).join(' '),
      emails: g.emails,
      phones: g.phones,
      birthDate: g.birthDate,
      country: g.country,
    }),
  };
}

function newGuestBody(item: PersonToResolve) {
  const person = item.person;
  const more = item.profile ?? {};
  return {
    ...more,
    titleId: person.titleId,
    firstName: person.firstName,
    lastName: person.lastName,
    secondLastName: person.secondLastName,
    // A list given replaces the single e-mail or phone (the create body takes one or the other).
    email: more.emails ? undefined : person.email,
    phone: more.phones ? undefined : person.phone,
    language: person.language,
    country: person.country,
    defaultCountry: person.country,
    birthDate: person.birthDate,
    marketingConsent: person.marketingConsent,
    source: sourceOf(item.source),
    tagIds: more.tagIds,
  };
}

/** I-1: what this arrival may add to a known profile (only what is missing is filled). */
function enrichmentOf(p: Prepared): GuestEnrichment {
  const person = p.item.person;
  return {
    email: person.email,
    phone: p.phone && person.phone ? { e164: p.phone, display: person.phone } : null,
    birthDate: person.birthDate,
    language: person.language,
    country: person.country,
  };
}

/** What a profile created in this batch holds, as enrichment compares it. */
function basisFromPerson(p: Prepared): EnrichmentBasis {
  const person = p.item.person;
  return {
    emails: person.email ? [person.email.trim().toLowerCase()] : [],
    phones: p.phone ? [p.phone] : [],
    birthDate: person.birthDate ?? null,
    language: person.language ?? null,
    country: person.country ?? null,
  };
}

/**
 * The `guest_name_key` of a first-name word and a last-name word (nameTokens): the two in sorted
 * order, so a profile with the names swapped has the same key (migration 2026-12-10-0101).
 */
export function nameLookupKey(first: string | null, last: string | null): string | null {
  if (!first || !last) return null;
  return first <= last ? `${first} ${last}` : `${last} ${first}`;
}

/**
 * The candidate profiles of many people in one statement, per person in the order given: the
 * profiles sharing the e-mail or the phone, and (where asked) those sharing the first and last
 * name words (one probe of `guest_name_key`), at most MAX_NAME_CANDIDATES of them. Each comes
 * with its primary e-mail and phone, plus the person's own when that is how it was found (a
 * secondary one): what the comparison needs, without reading every profile's lists.
 */
async function loadCandidates(
  trx: TenantDb,
  orgId: string,
  people: Prepared[],
  ask: (p: Prepared) => { email: string | null; phone: string | null; byName: boolean },
): Promise<(CandidateRow & { keyed: boolean })[][]> {
  const out: (CandidateRow & { keyed: boolean })[][] = people.map(() => []);
  const asks = people.map((p) => {
    const a = ask(p);
    return { ...a, name: a.byName ? nameLookupKey(p.first, p.last) : null };
  });
  if (!asks.some((a) => a.email || a.phone || a.name)) return out;
  const col = (k: 'email' | 'phone' | 'name') => asks.map((a) => a[k]);
  const { rows } = await sql<
    Omit<CandidateRow, 'emails' | 'phones'> & {
      n: number;
      email: string | null;
      phone: string | null;
      byEmail: boolean;
      byPhone: boolean;
    }
  >`
    select p.n::int as n, g.id, g.first_name, g.last_name, g.second_last_name, g.birth_date, g.country, g.language,
           g.email, g.phone, ids.by_email, ids.by_phone
      from unnest(${col('email')}::text[], ${col('phone')}::text[], ${col('name')}::text[])
           with ordinality as p(email, phone, name, n)
      cross join lateral (
        select x.guest_id, bool_or(x.k = 'e') as by_email, bool_or(x.k = 'p') as by_phone
          from ((select guest_id, 'e' as k from guest_email
                  where p.email is not null and org_id = ${orgId} and email = p.email limit 50)
                union all
                (select guest_id, 'p' from guest_phone
                  where p.phone is not null and org_id = ${orgId} and e164 = p.phone limit 50)
                union all
                (select guest_id, 'n' from guest_name_key
                  where p.name is not null and org_id = ${orgId} and key = p.name
                  limit ${MAX_NAME_CANDIDATES})) x
         group by x.guest_id
      ) ids
      join guest g on g.org_id = ${orgId} and g.id = ids.guest_id
     order by p.n, g.id`.execute(trx);
  for (const { n, email, phone, byEmail, byPhone, ...row } of rows) {
    const a = asks[n - 1]!;
    const emails = [email, byEmail ? a.email : null].filter((e, k, all): e is string => !!e && all.indexOf(e) === k);
    const phones = [phone, byPhone ? a.phone : null].filter((e, k, all): e is string => !!e && all.indexOf(e) === k);
    out[n - 1]!.push({ ...row, emails, phones, keyed: byEmail || byPhone });
  }
  return out;
}
