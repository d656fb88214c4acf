import { type Insertable, sql } from 'kysely';
import { newId } from '../../core/ids.ts';
import type { TenantDb } from '../../db/database.ts';
import type { IdentityDecisionTable } from '../../db/schema.ts';
import { enrichGuest, insertGuest, type GuestEnrichment } from '../guests/index.ts';
import type { PersonDetails, PersonResolver } from '../bookings/index.ts';
import {
  type Candidate,
  DEFAULT_MATCH_SETTINGS,
  type MatchSettings,
  type PersonInput,
  type ScoredCandidate,
  foldText,
  nameTokens,
  prepareSubject,
  resolveAgainst,
} from './matching/index.ts';

const MAX_NAME_CANDIDATES = 25;

/**
 * The one resolver every entry point uses (I-1, I-2): finds the profile of an incoming person
 * by e-mail or phone with a compatible name (or by name alone when the organisation allows it),
 * enriches it, or creates a new profile; records the decision with its rule, score and reasons,
 * and queues possible duplicates and related people. Runs in the caller's transaction; an
 * advisory lock per identity key makes simultaneous arrivals of one new person create one
 * profile (I-6).
 */
export const resolvePerson: PersonResolver = async (ctx, trx, person, meta) => {
  const input = toPersonInput(person);
  const incoming = prepareSubject(input);
  const settings = await lockIdentityKeys(trx, ctx.orgId, identityKeys(person, incoming.emailKeys, incoming.phones));
  const { candidates, rows } = await loadCandidates(trx, ctx.orgId, person, incoming.phones);
  const resolution = resolveAgainst(incoming, candidates, settings);

  let guestId: string;
  if (resolution.match) {
    guestId = resolution.match.profileId;
    // I-1: fills only what is missing, through the guests module (history under the actor of ctx).
    const e164 = incoming.phones[0];
    const enrichment: GuestEnrichment = {
      email: person.email,
      phone: e164 && person.phone ? { e164, display: person.phone } : null,
      birthDate: person.birthDate,
      language: person.language,
      country: person.country,
    };
    // The candidate row (read after the identity locks) lets enrichment skip reading the lists
    // back when there is nothing to add.
    await enrichGuest(ctx, trx, guestId, enrichment, new Date(), {
      deferTouch: meta.deferTouch === true,
      basis: rows.get(guestId),
    });
  } else {
    const created = await insertGuest(ctx, trx, {
      titleId: person.titleId,
      firstName: person.firstName,
      lastName: person.lastName,
      secondLastName: person.secondLastName,
      email: person.email,
      phone: person.phone,
      language: person.language,
      country: person.country,
      defaultCountry: person.country,
      birthDate: person.birthDate,
      marketingConsent: person.marketingConsent,
      source: sourceOf(meta.source),
    });
    guestId = created.id;
  }
  const decided = resolution.match?.decision;
  await recordDecision(
    trx,
    {
      orgId: ctx.orgId,
      id: newId('idd'),
      guestId,
      source: meta.source,
      role: meta.role,
      outcome: resolution.match ? 'matched' : 'created',
      rule: decided?.rule ?? 'new_profile',
      score: decided?.score ?? 0,
      reasons: JSON.stringify(decided?.reasons ?? ['no profile with the same e-mail or phone and a compatible name']),
    },
    pairRows(ctx.orgId, guestId, [...resolution.duplicates, ...resolution.related]),
  );
  return guestId;
};

/** Organisation setting "match on name alone" (off by default: namesakes are common). */
export async function matchSettings(trx: TenantDb, orgId: string): Promise<MatchSettings> {
  const org = await trx.selectFrom('organisation').select('settings').where('id', '=', orgId).executeTakeFirst();
  return settingsFrom(org?.settings);
}

function settingsFrom(orgSettings: unknown): MatchSettings {
  const identity = (orgSettings as { identity?: { matchOnNameAlone?: unknown } } | undefined)?.identity;
  return { ...DEFAULT_MATCH_SETTINGS, matchOnNameAlone: identity?.matchOnNameAlone === true };
}

function toPersonInput(p: PersonDetails): PersonInput {
  return {
    firstName: p.firstName,
    lastName: [p.lastName, p.secondLastName].filter(Boolean).join(' '),
    emails: p.email ? [p.email] : [],
    phones: p.phone ? [p.phone] : [],
    birthDate: p.birthDate ?? null,
    country: p.country ?? null,
  };
}

function identityKeys(p: PersonDetails, emailKeys: string[], phones: string[]): string[] {
  const keys = [...emailKeys.map((k) => `e:${k}`), ...phones.map((k) => `p:${k}`)];
  // Without contact data, two arrivals of the same name must still not race.
  if (!keys.length) keys.push(`n:${foldText(`${p.firstName} ${p.lastName}`)}`);
  return keys.sort();
}

/**
 * Takes the advisory locks of the identity keys, in their (sorted) order, and reads the
 * organisation's match settings — one round trip.
 */
async function lockIdentityKeys(trx: TenantDb, orgId: string, keys: string[]): Promise<MatchSettings> {
  const { rows } = await sql<{ settings: unknown }>`
    select (select settings from organisation where id = ${orgId}) as settings
      from (select pg_advisory_xact_lock(hashtextextended(${`${orgId}:`} || k, 0))
              from unnest(${keys}::text[]) with ordinality as t(k, n) order by n) locked
     limit 1`.execute(trx);
  return settingsFrom(rows[0]?.settings);
}

interface CandidateRow {
  id: string;
  firstName: string;
  lastName: string;
  secondLastName: string | null;
  birthDate: string | null;
  country: string | null;
  language: string | null;
  emails: string[];
  phones: string[];
}

/**
 * Profiles sharing an e-mail or phone, or the first and last name words (for the review queue),
 * with their e-mails and phones — one round trip.
 */
async function loadCandidates(
  trx: TenantDb,
  orgId: string,
  p: PersonDetails,
  phones: string[],
): Promise<{ candidates: Candidate<string>[]; rows: Map<string, CandidateRow> }> {
  const email = p.email?.trim().toLowerCase() || null;
  const first = nameTokens(p.firstName)[0] ?? null;
  const last = nameTokens(p.lastName)[0] ?? null;
  const byName = Boolean(first && last);
  if (!email && !phones.length && !byName) return { candidates: [], rows: new Map() };
  const { rows } = await sql<CandidateRow>`
    with ids as (
      (select guest_id from guest_email where org_id = ${orgId} and email = ${email} limit 50)
      union
      (select guest_id from guest_phone where org_id = ${orgId} and e164 = any(${phones}::text[]) limit 50)
      union
      (select a.guest_id from guest_search_token a
         join guest_search_token b on b.org_id = a.org_id and b.token = ${first} and b.guest_id = a.guest_id
        where ${byName} and a.org_id = ${orgId} and a.token = ${last}
        limit ${MAX_NAME_CANDIDATES})
    )
    select g.id, g.first_name, g.last_name, g.second_last_name, g.birth_date, g.country, g.language,
           array(select e.email from guest_email e where e.org_id = g.org_id and e.guest_id = g.id order by e.position) as emails,
           array(select f.e164 from guest_phone f where f.org_id = g.org_id and f.guest_id = g.id order by f.position) as phones
      from ids join guest g on g.org_id = ${orgId} and g.id = ids.guest_id
     order by g.id`.execute(trx);
  const candidates = rows.map((g) => ({
    profileId: g.id,
    subject: prepareSubject({
      firstName: g.firstName,
      lastName: [g.lastName, g.secondLastName].filter(Boolean).join(' '),
      emails: g.emails,
      phones: g.phones,
      birthDate: g.birthDate,
      country: g.country,
    }),
  }));
  return { candidates, rows: new Map(rows.map((g) => [g.id, g])) };
}

/** The duplicate-queue rows of a resolution: one per pair, the best score when a pair repeats. */
function pairRows(orgId: string, guestId: string, pairs: ScoredCandidate<string>[]) {
  const rows = pairs
    .filter((pair) => pair.profileId !== guestId)
    .map((pair) => {
      const [a, b] = [guestId, pair.profileId].sort() as [string, string];
      return {
        orgId,
        guestA: a,
        guestB: b,
        kind: pair.decision.kind === 'related' ? ('related' as const) : ('candidate' as const),
        score: pair.decision.score,
        rule: pair.decision.rule,
        reasons: JSON.stringify(pair.decision.reasons),
      };
    });
  // A pair once: ON CONFLICT cannot touch a row twice in one statement.
  const byPair = new Map<string, (typeof rows)[number]>();
  for (const row of rows) {
    const key = `${row.guestA} ${row.guestB}`;
    const seen = byPair.get(key);
    if (!seen || row.score > seen.score) byPair.set(key, row);
  }
  // Sorted, so that two transactions queueing overlapping pairs take the row locks in one order.
  return [...byPair.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([, row]) => row);
}

/**
 * Records the decision and queues possible duplicates and related people, in one statement; a
 * dismissed pair stays dismissed and untouched. The pairs travel as column arrays (a booking of a
 * common name queues a score of namesakes), inserted in their sorted order.
 */
async function recordDecision(
  trx: TenantDb,
  decision: Insertable<IdentityDecisionTable>,
  pairs: ReturnType<typeof pairRows>,
): Promise<void> {
  if (!pairs.length) {
    await trx.insertInto('identityDecision').values(decision).execute();
    return;
  }
  const column = <K extends keyof (typeof pairs)[number]>(k: K) => pairs.map((p) => p[k]);
  await sql`
    with decision as (
      insert into identity_decision (org_id, id, guest_id, source, role, outcome, rule, score, reasons)
      values (${decision.orgId}, ${decision.id}, ${decision.guestId}, ${decision.source}, ${decision.role},
              ${decision.outcome}, ${decision.rule}, ${decision.score}, ${decision.reasons}::jsonb)
    )
    insert into duplicate_candidate as d (org_id, guest_a, guest_b, kind, score, rule, reasons)
    select ${decision.orgId}, p.a, p.b, p.kind, p.score, p.rule, p.reasons::jsonb
      from unnest(${column('guestA')}::text[], ${column('guestB')}::text[], ${column('kind')}::text[],
                  ${column('score')}::float8[], ${column('rule')}::text[], ${column('reasons')}::text[])
           with ordinality as p(a, b, kind, score, rule, reasons, n)
     order by p.n
    on conflict (org_id, guest_a, guest_b) do update
       set score = greatest(d.score, excluded.score), updated_at = ${new Date()}
     -- "Not the same person" is for good: a dismissed pair is neither reopened nor touched.
     where d.status <> 'dismissed'`.execute(trx);
}

function sourceOf(source: string): 'booking' | 'form' | 'import' | 'registration' | 'api' | 'manual' {
  if (source === 'import') return 'import';
  if (source === 'form') return 'form';
  if (source === 'registration') return 'registration';
  return 'booking';
}
