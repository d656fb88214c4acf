import { sql } from 'kysely';
import type { Ctx } from '../../core/context.ts';
import { newId } from '../../core/ids.ts';
import type { TenantDb } from '../../db/database.ts';
import {
  type Decision,
  type MatchSettings,
  compareSubjects,
  decideMatch,
  enrichPerson,
  prepareSubject,
} from '../identity/matching/index.ts';
import { mergeGuestsInTransaction } from '../merges/index.ts';
import {
  type RescanProfile,
  findDismissedPairs,
  findOpenPairs,
  findPartners,
  loadProfiles,
  pairKey,
} from './rescan-profiles.ts';

/** At most this many profiles become one in one merge (the merge API's own limit). */
const MAX_MERGE = 10;

export interface BatchCounters {
  done: number;
  compared: number;
  merges: number;
  mergedProfiles: number;
  queued: number;
  related: number;
  removed: number;
  skipped: number;
}

export interface RescanState {
  settings: MatchSettings;
  /** Pairs a person separated by undoing a merge. */
  undone: Set<string>;
  dryRun: boolean;
  /**
   * Dry run: the profiles counted as merged away earlier in the run (a real run deletes them, so
   * its later batches never see them; a dry run must not count their merges twice).
   */
  mergedAway: Set<string>;
}

interface QueueRow {
  a: string;
  b: string;
  kind: 'candidate' | 'related';
  decision: Decision;
}

/**
 * One batch of the rescan, in the caller's transaction: judges every pair of a page profile with a
 * profile that shares a key or its names (or waits with it in the review queue) by the resolver's
 * own rules, merges what they merge automatically (as a normal, undoable merge, the decision kept
 * on the survivor), and refreshes the queue: pairs now possible duplicates or related people are
 * written with today's score and reasons, open pairs that no longer resemble each other leave it.
 * Dismissed pairs and pairs a person took apart (an undone merge) are left alone. A dry run
 * counts the same and writes nothing.
 */
export async function rescanBatch(ctx: Ctx, trx: TenantDb, state: RescanState, pageIds: string[]) {
  const counters: BatchCounters = {
    done: pageIds.length,
    compared: 0,
    merges: 0,
    mergedProfiles: 0,
    queued: 0,
    related: 0,
    removed: 0,
    skipped: 0,
  };
  const profiles = await loadProfiles(trx, ctx.orgId, pageIds);
  const page = pageIds.flatMap((id) => profiles.get(id) ?? []);
  const partners = await findPartners(trx, ctx.orgId, page);
  const others = [...new Set([...partners.values()].flatMap((s) => [...s]))].filter((id) => !profiles.has(id));
  for (const [id, p] of await loadProfiles(trx, ctx.orgId, others)) profiles.set(id, p);
  const allIds = [...profiles.keys()];
  const [dismissed, open] = await Promise.all([
    findDismissedPairs(trx, ctx.orgId, allIds),
    findOpenPairs(trx, ctx.orgId, pageIds),
  ]);
  const blocked = (a: string, b: string) => dismissed.has(pairKey(a, b)) || state.undone.has(pairKey(a, b));
  const judge = (a: RescanProfile, b: RescanProfile) =>
    decideMatch(compareSubjects(a.subject, b.subject, state.settings.model), state.settings);

  /** Merged-away profile → the profile it now lives in. */
  const survivorOf = new Map<string, string>();
  const live = (id: string) => {
    let at = id;
    while (survivorOf.has(at)) at = survivorOf.get(at)!;
    return at;
  };
  const queue = new Map<string, QueueRow>();
  const gone = state.dryRun ? state.mergedAway : new Set<string>();
  const removals: [string, string][] = [];

  for (const p of page) {
    if (gone.has(p.id)) continue;
    const same: { profile: RescanProfile; decision: Decision }[] = [];
    for (const id of partners.get(p.id) ?? []) {
      const c = profiles.get(id);
      if (!c || gone.has(c.id) || blocked(p.id, c.id)) continue;
      const decision = judge(p, c);
      counters.compared++;
      if (decision.kind === 'same') same.push({ profile: c, decision });
      else if (decision.kind === 'candidate' || decision.kind === 'related')
        queue.set(pairKey(p.id, c.id), { a: p.id, b: c.id, kind: decision.kind, decision });
      else if (open.has(pairKey(p.id, c.id))) removals.push([p.id, c.id]);
    }
    if (!same.length) continue;
    same.sort((x, y) => y.decision.weight - x.decision.weight);
    // One person per merge: each member must be compatible with every other (a same e-mail with
    // two first names is a family, not one person), and at most one may hold a customer account.
    const group: { profile: RescanProfile; decision: Decision | null }[] = [{ profile: p, decision: null }];
    for (const s of same) {
      const clash =
        group.length >= MAX_MERGE ||
        (s.profile.hasAccount && group.some((g) => g.profile.hasAccount)) ||
        group.some(
          (g) =>
            g.profile !== p && (blocked(g.profile.id, s.profile.id) || judge(g.profile, s.profile).kind !== 'same'),
        );
      if (clash) {
        counters.skipped++;
        queue.set(pairKey(p.id, s.profile.id), { a: p.id, b: s.profile.id, kind: 'candidate', decision: s.decision });
      } else group.push(s);
    }
    if (group.length < 2) continue;
    const survivor = chooseSurvivor(group.map((g) => g.profile));
    const mergedIds = group.map((g) => g.profile.id).filter((id) => id !== survivor.id);
    if (!state.dryRun) {
      await mergeGuestsInTransaction(ctx, trx, {
        guestIds: [survivor.id, ...mergedIds],
        survivorId: survivor.id,
      });
      await trx
        .insertInto('identityDecision')
        .values(
          group.flatMap((g) =>
            g.decision
              ? [
                  {
                    orgId: ctx.orgId,
                    id: newId('idd'),
                    guestId: survivor.id,
                    source: 'rescan',
                    role: 'profile',
                    outcome: 'matched' as const,
                    rule: g.decision.rule,
                    score: g.decision.score,
                    reasons: JSON.stringify(g.decision.reasons),
                  },
                ]
              : [],
          ),
        )
        .execute();
    }
    counters.merges++;
    counters.mergedProfiles += mergedIds.length;
    // The survivor now holds what the others had (as the merge's enrichment): later pairs see it.
    for (const id of mergedIds) {
      gone.add(id);
      survivorOf.set(id, survivor.id);
      survivor.person = enrichPerson(survivor.person, profiles.get(id)!.person);
    }
    survivor.subject = prepareSubject(survivor.person);
  }

  // The queue: pairs re-pointed to where their profiles live now, each pair once.
  const rows = new Map<string, QueueRow>();
  for (const row of queue.values()) {
    const a = live(row.a);
    const b = live(row.b);
    if (a === b || blocked(a, b)) continue;
    const key = pairKey(a, b);
    const seen = rows.get(key);
    if (!seen || row.decision.weight > seen.decision.weight) rows.set(key, { ...row, a, b });
  }
  for (const row of rows.values()) {
    if (row.kind === 'related') counters.related++;
    else counters.queued++;
  }
  const removable = removals.filter(([a, b]) => !gone.has(a) && !gone.has(b) && !rows.has(pairKey(a, b)));
  counters.removed = removable.length;
  if (!state.dryRun) {
    await writeQueue(trx, ctx.orgId, [...rows.values()]);
    await removePairs(trx, ctx.orgId, removable);
  }
  return counters;
}

/** The profile that stays: the one with a customer account, else the most bookings, else the oldest. */
function chooseSurvivor(group: RescanProfile[]): RescanProfile {
  return [...group].sort(
    (a, b) =>
      Number(b.hasAccount) - Number(a.hasAccount) ||
      b.bookingCount - a.bookingCount ||
      a.createdAt.localeCompare(b.createdAt) ||
      a.id.localeCompare(b.id),
  )[0]!;
}

/**
 * Writes the queue pairs with today's kind, score, rule and reasons; a dismissed pair is never
 * touched (nor one already merged). Pairs in sorted order: overlapping writers lock rows alike.
 */
async function writeQueue(trx: TenantDb, orgId: string, rows: QueueRow[]): Promise<void> {
  if (!rows.length) return;
  const sorted = rows
    .map((r) => {
      const [a, b] = r.a < r.b ? [r.a, r.b] : [r.b, r.a];
      return { ...r, a, b };
    })
    .sort((x, y) => (x.a === y.a ? (x.b < y.b ? -1 : 1) : x.a < y.a ? -1 : 1));
  const col = <T>(f: (r: (typeof sorted)[number]) => T) => sorted.map(f);
  const now = new Date();
  await sql`
    insert into duplicate_candidate as d (org_id, guest_a, guest_b, kind, score, rule, reasons, created_at, updated_at)
    select ${orgId}, p.a, p.b, p.kind, p.score, p.rule, p.reasons::jsonb, ${now}, ${now}
      from unnest(${col((r) => r.a)}::text[], ${col((r) => r.b)}::text[], ${col((r) => r.kind)}::text[],
                  ${col((r) => r.decision.score)}::float8[], ${col((r) => r.decision.rule)}::text[],
                  ${col((r) => JSON.stringify(r.decision.reasons))}::text[])
           with ordinality as p(a, b, kind, score, rule, reasons, n)
     order by p.n
    on conflict (org_id, guest_a, guest_b) do update
       set kind = excluded.kind, score = excluded.score, rule = excluded.rule, reasons = excluded.reasons,
           updated_at = excluded.updated_at
     where d.status = 'open'`.execute(trx);
}

async function removePairs(trx: TenantDb, orgId: string, pairs: [string, string][]): Promise<void> {
  if (!pairs.length) return;
  const a = pairs.map(([x, y]) => (x < y ? x : y));
  const b = pairs.map(([x, y]) => (x < y ? y : x));
  await sql`
    delete from duplicate_candidate d
     using unnest(${a}::text[], ${b}::text[]) as p(a, b)
     where d.org_id = ${orgId} and d.guest_a = p.a and d.guest_b = p.b and d.status = 'open'`.execute(trx);
}
