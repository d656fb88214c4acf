import { sql } from 'kysely';
import type { Ctx } from '../../core/context.ts';
import { AppError } from '../../core/errors.ts';
import { newId } from '../../core/ids.ts';
import type { TenantDb } from '../../db/database.ts';
import type { Decision } from '../identity/matching/index.ts';
import { mergeGuestsInTransaction } from '../merges/index.ts';
import type { RescanPlan } from './rescan-plan.ts';

/** Steps written per insert when the plan is stored. */
const STORE_CHUNK = 2000;

type StoredDecision = Pick<Decision, 'rule' | 'score' | 'weight' | 'reasons'>;
const stored = (d: Decision): StoredDecision => ({
  rule: d.rule,
  score: d.score,
  weight: d.weight,
  reasons: d.reasons,
});

/**
 * Stores the plan as numbered steps (merges first, then the queue's pairs, then the pairs leaving
 * it), in the caller's transaction; answers how many.
 */
export async function storePlan(trx: TenantDb, orgId: string, rescanId: string, plan: RescanPlan): Promise<number> {
  const steps: { kind: string; ids: string[]; decisions: string }[] = [
    ...plan.merges.map((m) => ({
      kind: 'merge',
      ids: [m.survivorId, ...m.mergedIds],
      decisions: JSON.stringify(m.decisions.map(stored)),
    })),
    ...plan.pairs.map((p) => ({ kind: p.kind, ids: [p.a, p.b], decisions: JSON.stringify(stored(p.decision)) })),
    ...plan.removals.map(([a, b]) => ({ kind: 'remove', ids: [a, b], decisions: '[]' })),
  ];
  for (let at = 0; at < steps.length; at += STORE_CHUNK) {
    const chunk = steps.slice(at, at + STORE_CHUNK);
    await sql`
      insert into identity_rescan_step (org_id, rescan_id, seq, kind, guest_ids, decisions)
      select ${orgId}, ${rescanId}, s.seq, s.kind, string_to_array(s.ids, ' '), s.decisions::jsonb
        from unnest(${chunk.map((_, i) => at + i + 1)}::int[], ${chunk.map((s) => s.kind)}::text[],
                    ${chunk.map((s) => s.ids.join(' '))}::text[], ${chunk.map((s) => s.decisions)}::text[])
             as s(seq, kind, ids, decisions)`.execute(trx);
  }
  return steps.length;
}

export interface ApplyCounters {
  steps: number;
  merges: number;
  mergedProfiles: number;
  skipped: number;
}

/**
 * Applies the next steps of a stored plan after `after` (at most `limit`), in the caller's
 * transaction: each merge through the merge service (recorded and undoable like any other, the
 * decision kept on the survivor), the queue's pairs written with today's score and reasons, the
 * pairs that no longer resemble each other removed. What changed since the plan was made is
 * respected: a merge whose profiles are no longer all there (merged or erased meanwhile), or that
 * the merge service refuses (two customer accounts by now), is skipped; a pair of a profile gone
 * is not written. Answers the last step done (undefined when none was left).
 */
export async function applySteps(ctx: Ctx, trx: TenantDb, rescanId: string, after: number, limit: number) {
  const steps = await trx
    .selectFrom('identityRescanStep')
    .select(['seq', 'kind', 'guestIds', 'decisions'])
    .where('rescanId', '=', rescanId)
    .where('seq', '>', after)
    .orderBy('seq')
    .limit(limit)
    .execute();
  if (!steps.length) return undefined;
  const counters: ApplyCounters = { steps: steps.length, merges: 0, mergedProfiles: 0, skipped: 0 };
  const merges = steps.filter((s) => s.kind === 'merge');
  if (merges.length) {
    const present = new Set(
      (
        await trx
          .selectFrom('guest')
          .select('id')
          .where(
            'id',
            'in',
            merges.flatMap((m) => m.guestIds),
          )
          .execute()
      ).map((r) => r.id),
    );
    const decisionRows = [];
    for (const m of merges) {
      const [survivorId, ...mergedIds] = m.guestIds as [string, ...string[]];
      if (!m.guestIds.every((id) => present.has(id))) {
        counters.skipped++;
        continue;
      }
      await sql`savepoint rescan_merge`.execute(trx);
      try {
        await mergeGuestsInTransaction(ctx, trx, { guestIds: [survivorId, ...mergedIds], survivorId });
        await sql`release savepoint rescan_merge`.execute(trx);
      } catch (err) {
        if (!(err instanceof AppError)) throw err;
        await sql`rollback to savepoint rescan_merge`.execute(trx);
        counters.skipped++;
        continue;
      }
      counters.merges++;
      counters.mergedProfiles += mergedIds.length;
      for (const d of m.decisions as StoredDecision[])
        decisionRows.push({
          orgId: ctx.orgId,
          id: newId('idd'),
          guestId: survivorId,
          source: 'rescan',
          role: 'profile',
          outcome: 'matched' as const,
          rule: d.rule,
          score: d.score,
          reasons: JSON.stringify(d.reasons),
        });
    }
    if (decisionRows.length) await trx.insertInto('identityDecision').values(decisionRows).execute();
  }
  const pairs = steps.filter((s) => s.kind === 'candidate' || s.kind === 'related');
  if (pairs.length) {
    const col = <T>(f: (s: (typeof pairs)[number], d: StoredDecision) => T) =>
      pairs.map((s) => f(s, s.decisions as StoredDecision));
    const now = new Date();
    // In step order (sorted pairs): overlapping writers lock rows alike. A dismissed pair is never touched.
    await sql`
      insert into duplicate_candidate as d (org_id, guest_a, guest_b, kind, score, rule, reasons, created_at, updated_at)
      select ${ctx.orgId}, p.a, p.b, p.kind, p.score, p.rule, p.reasons::jsonb, ${now}, ${now}
        from unnest(${col((s) => s.guestIds[0]!)}::text[], ${col((s) => s.guestIds[1]!)}::text[],
                    ${col((s) => s.kind)}::text[], ${col((_, d) => d.score)}::float8[], ${col((_, d) => d.rule)}::text[],
                    ${col((_, d) => JSON.stringify(d.reasons))}::text[])
             with ordinality as p(a, b, kind, score, rule, reasons, n)
       where exists (select 1 from guest g where g.org_id = ${ctx.orgId} and g.id = p.a)
         and exists (select 1 from guest g where g.org_id = ${ctx.orgId} and g.id = p.b)
       order by p.n
      on conflict (org_id, guest_a, guest_b) do update
         set kind = excluded.kind, score = excluded.score, rule = excluded.rule, reasons = excluded.reasons,
             updated_at = excluded.updated_at
       where d.status = 'open'`.execute(trx);
  }
  const removals = steps.filter((s) => s.kind === 'remove');
  if (removals.length)
    await sql`
      delete from duplicate_candidate d
       using unnest(${removals.map((s) => s.guestIds[0]!)}::text[], ${removals.map((s) => s.guestIds[1]!)}::text[]) as p(a, b)
       where d.org_id = ${ctx.orgId} and d.guest_a = p.a and d.guest_b = p.b and d.status = 'open'`.execute(trx);
  return { last: steps[steps.length - 1]!.seq, counters };
}
