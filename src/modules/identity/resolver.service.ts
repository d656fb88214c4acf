import { type Insertable, sql } from 'kysely';
import type { TenantDb } from '../../db/database.ts';
import type { IdentityDecisionTable } from '../../db/schema.ts';
import type { PersonDetails } from '../bookings/index.ts';
import { identityModelStamp, loadIdentityModel } from './model.service.ts';
import {
  DEFAULT_MATCH_SETTINGS,
  type MatchSettings,
  type PersonInput,
  type ScoredCandidate,
  foldText,
} from './matching/index.ts';

/**
 * The resolver's building blocks (its settings, identity keys and locks, the decision and
 * duplicate-queue writes); the resolver itself is `resolvePeople` in resolve-people.service.ts.
 */
export const MAX_NAME_CANDIDATES = 25;

/** Organisation setting "match on name alone" (off by default: namesakes are common). */
export async function matchSettings(trx: TenantDb, orgId: string): Promise<MatchSettings> {
  const org = await trx.selectFrom('organisation').select('settings').where('id', '=', orgId).executeTakeFirst();
  return settingsFrom(org?.settings);
}

export function settingsFrom(orgSettings: unknown): MatchSettings {
  const identity = (orgSettings as { identity?: { matchOnNameAlone?: unknown; mode?: unknown } } | undefined)?.identity;
  return {
    ...DEFAULT_MATCH_SETTINGS,
    matchOnNameAlone: identity?.matchOnNameAlone === true,
    // Settings → Identity: "cautious" asks for more evidence before an automatic merge.
    mode: identity?.mode === 'cautious' ? 'cautious' : 'balanced',
  };
}

export function toPersonInput(p: PersonDetails): PersonInput {
  return {
    firstName: p.firstName,
    lastName: [p.lastName, p.secondLastName].filter(Boolean).join(' '),
    emails: p.email ? [p.email] : [],
    phones: p.phone ? [p.phone] : [],
    birthDate: p.birthDate ?? null,
    country: p.country ?? null,
  };
}

export function identityKeys(p: PersonDetails, emailKeys: string[], phones: string[]): string[] {
  const keys = [...emailKeys.map((k) => `e:${k}`), ...phones.map((k) => `p:${k}`)];
  // Without contact data, two arrivals of the same name must still not race.
  if (!keys.length) keys.push(`n:${foldText(`${p.firstName} ${p.lastName}`)}`);
  return keys.sort();
}

/**
 * Takes the advisory locks of the identity keys, in their (sorted) order, and reads the
 * organisation's match settings — one round trip.
 */
export async function lockIdentityKeys(trx: TenantDb, orgId: string, keys: string[]): Promise<MatchSettings> {
  // The aggregate consumes every key in array order, so every lock is taken (a `limit 1` over a
  // subquery of locks took only the first: PostgreSQL evaluates the lock calls of the rows it returns).
  const { rows } = await sql<{ settings: unknown; locked: number; modelStamp: string | null }>`
    select (select settings from organisation where id = ${orgId}) as settings,
           ${identityModelStamp(orgId)} as model_stamp,
           (select count(pg_advisory_xact_lock(hashtextextended(${`${orgId}:`} || t.k, 0)))
              from unnest(${keys}::text[]) as t(k))::int as locked`.execute(trx);
  if (rows[0]?.locked !== keys.length) throw new Error(`took ${rows[0]?.locked} of ${keys.length} identity locks`);
  const settings = settingsFrom(rows[0]?.settings);
  // The organisation's model (issue 14), built offline; cached per process and stamp.
  const stamp = rows[0]?.modelStamp;
  const model = stamp == null ? undefined : await loadIdentityModel(trx, orgId, stamp);
  return model ? { ...settings, model } : settings;
}

export interface CandidateRow {
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

/** The duplicate-queue rows of a resolution: one per pair, the best score when a pair repeats. */
/** A row of the duplicate queue as a resolution writes it. */
export interface PairRow {
  orgId: string;
  guestA: string;
  guestB: string;
  kind: 'related' | 'candidate';
  score: number;
  rule: string;
  reasons: string;
}

export function pairRows(orgId: string, guestId: string, pairs: ScoredCandidate<string>[]): PairRow[] {
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
  // A pair once (ON CONFLICT cannot touch a row twice in one statement), in sorted order, so that
  // two transactions queueing overlapping pairs take the row locks in one order.
  return uniquePairs(rows);
}

/**
 * Records the decisions and queues possible duplicates and related people, in one statement; a
 * dismissed pair stays dismissed and untouched, and a pair already queued is rewritten only when
 * its score rises (a returning guest's namesakes are not written again at every booking). The
 * rows travel as column arrays (a booking of a common name queues a score of namesakes), the
 * pairs inserted in their sorted order.
 */
export async function recordDecisions(
  trx: TenantDb,
  decisions: Insertable<IdentityDecisionTable>[],
  pairs: PairRow[],
): Promise<void> {
  if (!decisions.length) return;
  const d = <K extends keyof Insertable<IdentityDecisionTable>>(k: K) => decisions.map((x) => x[k]);
  const orgId = decisions[0]!.orgId;
  if (!pairs.length) {
    await trx.insertInto('identityDecision').values(decisions).execute();
    return;
  }
  const column = <K extends keyof PairRow>(k: K) => pairs.map((p) => p[k]);
  await sql`
    with decision as (
      insert into identity_decision (org_id, id, guest_id, source, role, outcome, rule, score, reasons)
      select ${orgId}, x.id, x.guest_id, x.source, x.role, x.outcome, x.rule, x.score, x.reasons::jsonb
        from unnest(${d('id')}::text[], ${d('guestId')}::text[], ${d('source')}::text[], ${d('role')}::text[],
                    ${d('outcome')}::text[], ${d('rule')}::text[], ${d('score')}::float8[], ${d('reasons')}::text[])
             as x(id, guest_id, source, role, outcome, rule, score, reasons)
    )
    insert into duplicate_candidate as d (org_id, guest_a, guest_b, kind, score, rule, reasons)
    select ${orgId}, p.a, p.b, p.kind, p.score, p.rule, p.reasons::jsonb
      from unnest(${column('guestA')}::text[], ${column('guestB')}::text[], ${column('kind')}::text[],
                  ${column('score')}::float8[], ${column('rule')}::text[], ${column('reasons')}::text[])
           with ordinality as p(a, b, kind, score, rule, reasons, n)
     order by p.n
    on conflict (org_id, guest_a, guest_b) do update
       set score = excluded.score, rule = excluded.rule, reasons = excluded.reasons, updated_at = ${new Date()}
     -- "Not the same person" is for good: a dismissed pair is neither reopened nor touched.
     where d.status <> 'dismissed' and excluded.score > d.score`.execute(trx);
}

/** Merges pair rows of several resolutions: one row per pair, the best score. */
export function uniquePairs(rows: PairRow[]): PairRow[] {
  const byPair = new Map<string, PairRow>();
  for (const row of rows) {
    const key = `${row.guestA} ${row.guestB}`;
    const seen = byPair.get(key);
    if (!seen || row.score > seen.score) byPair.set(key, row);
  }
  return [...byPair.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([, row]) => row);
}

export function sourceOf(source: string): 'booking' | 'form' | 'import' | 'registration' | 'api' | 'manual' {
  if (source === 'import') return 'import';
  if (source === 'form') return 'form';
  if (source === 'registration') return 'registration';
  return 'booking';
}
