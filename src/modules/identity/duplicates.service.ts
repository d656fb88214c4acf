import type { Ctx } from '../../core/context.ts';
import { decodeCursor as decodeTuple, encodeCursor as encodeTuple } from '../../core/cursor.ts';
import { invalid, notFound } from '../../core/errors.ts';
import type { TenantDb } from '../../db/database.ts';
import { recordAudit } from '../audit/index.ts';
import { contactFor } from '../guests/index.ts';
import type { DuplicatePair, GuestIdentity, GuestSummary, ListDuplicatesInput } from './duplicates.schemas.ts';
import { explainReasons } from './matching/index.ts';

type PairRow = {
  guestA: string;
  guestB: string;
  kind: 'candidate' | 'related';
  score: number;
  rule: string;
  reasons: string[];
  status: 'open' | 'dismissed' | 'merged';
  createdAt: Date;
};

/** Short views of the given guests, by id (missing ids are simply absent), contact masked per `ctx`. */
export async function loadGuestSummaries(
  ctx: Pick<Ctx, 'permissions'>,
  db: TenantDb,
  ids: string[],
): Promise<Map<string, GuestSummary>> {
  if (!ids.length) return new Map();
  const rows = await db
    .selectFrom('guest')
    .select(['id', 'firstName', 'lastName', 'email', 'phone', 'bookingCount', 'lastActivityAt'])
    .where('id', 'in', [...new Set(ids)])
    .execute();
  return new Map(rows.map((r) => [r.id, contactFor(ctx, { ...r, lastActivityAt: r.lastActivityAt.toISOString() })]));
}

async function presentPairs(ctx: Ctx, rows: PairRow[]): Promise<DuplicatePair[]> {
  const guests = await loadGuestSummaries(
    ctx,
    ctx.db,
    rows.flatMap((r) => [r.guestA, r.guestB]),
  );
  return rows.flatMap((r) => {
    const guestA = guests.get(r.guestA);
    const guestB = guests.get(r.guestB);
    if (!guestA || !guestB) return [];
    const { kind, score, rule, reasons, status } = r;
    const explanation = explainReasons(reasons);
    return [{ guestA, guestB, kind, score, rule, reasons, explanation, status, createdAt: r.createdAt.toISOString() }];
  });
}

/** The duplicates review queue (I-3): pairs of one status, best score first, with a keyset cursor. */
export async function listDuplicates(
  ctx: Ctx,
  query: ListDuplicatesInput,
): Promise<{ items: DuplicatePair[]; nextCursor: string | null }> {
  let q = ctx.db.selectFrom('duplicateCandidate').selectAll().where('status', '=', query.status);
  if (query.kind) q = q.where('kind', '=', query.kind);
  if (query.cursor) {
    const { score, a, b } = decodeCursor(query.cursor);
    q = q.where((eb) =>
      eb.or([
        eb('score', '<', score),
        eb.and([
          eb('score', '=', score),
          eb.or([eb('guestA', '>', a), eb.and([eb('guestA', '=', a), eb('guestB', '>', b)])]),
        ]),
      ]),
    );
  }
  const rows = await q
    .orderBy('score', 'desc')
    .orderBy('guestA')
    .orderBy('guestB')
    .limit(query.limit + 1)
    .execute();
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    items: await presentPairs(ctx, page),
    nextCursor: rows.length > query.limit && last ? encodeCursor(last.score, last.guestA, last.guestB) : null,
  };
}

/** "Not the same person" (I-3): the pair is dismissed for good, queued or not, and never suggested again. */
export async function dismissDuplicate(ctx: Ctx, guestIds: string[]): Promise<DuplicatePair> {
  const [a, b] = [...guestIds].sort() as [string, string];
  if (a === b)
    throw invalid('same_guest', 'A guest cannot be a duplicate of itself', [
      { field: 'guestIds', message: 'the two guest ids must differ', code: 'same_guest' },
    ]);
  const row = await ctx.db.transaction().execute(async (trx) => {
    const found = await trx.selectFrom('guest').select('id').where('id', 'in', [a, b]).execute();
    if (found.length < 2) throw notFound('Guest');
    const now = new Date();
    const saved = await trx
      .insertInto('duplicateCandidate')
      .values({
        orgId: ctx.orgId,
        guestA: a,
        guestB: b,
        kind: 'candidate',
        score: 0,
        rule: 'dismissed_by_staff',
        reasons: JSON.stringify(['dismissed by staff: not the same person']),
        status: 'dismissed',
        createdAt: now,
        updatedAt: now,
      })
      .onConflict((oc) =>
        oc.columns(['orgId', 'guestA', 'guestB']).doUpdateSet({ status: 'dismissed', updatedAt: now }),
      )
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(ctx, 'duplicate.dismissed', { type: 'guest', id: a }, { guestIds: [a, b] }, trx);
    return saved;
  });
  const [pair] = await presentPairs(ctx, [row]);
  if (!pair) throw notFound('Guest');
  return pair;
}

/** Why a profile is what it is (I-4): the resolver's decisions and the people queued or shown with it. */
export async function getGuestIdentity(ctx: Ctx, guestId: string): Promise<GuestIdentity> {
  const guest = await ctx.db.selectFrom('guest').select('id').where('id', '=', guestId).executeTakeFirst();
  if (!guest) throw notFound('Guest');
  const [decisions, pairs] = await Promise.all([
    ctx.db
      .selectFrom('identityDecision')
      .select(['source', 'role', 'outcome', 'rule', 'score', 'reasons', 'createdAt'])
      .where('guestId', '=', guestId)
      .orderBy('createdAt', 'desc')
      .orderBy('id', 'desc')
      .limit(200)
      .execute(),
    ctx.db
      .selectFrom('duplicateCandidate')
      .select(['guestA', 'guestB', 'kind', 'score'])
      .where((eb) => eb.or([eb('guestA', '=', guestId), eb('guestB', '=', guestId)]))
      .where('status', '=', 'open')
      .orderBy('score', 'desc')
      .limit(200)
      .execute(),
  ]);
  const others = pairs.map((p) => ({ id: p.guestA === guestId ? p.guestB : p.guestA, kind: p.kind, score: p.score }));
  const guests = await loadGuestSummaries(
    ctx,
    ctx.db,
    others.map((o) => o.id),
  );
  return {
    decisions: decisions.map((d) => ({
      ...d,
      explanation: explainReasons(d.reasons),
      createdAt: d.createdAt.toISOString(),
    })),
    related: others.flatMap((o) => {
      const g = guests.get(o.id);
      return g ? [{ ...g, kind: o.kind, score: o.score }] : [];
    }),
  };
}

const encodeCursor = (score: number, a: string, b: string) => encodeTuple('duplicates', [score, a, b]);

function decodeCursor(cursor: string): { score: number; a: string; b: string } {
  const [score, a, b] = decodeTuple(cursor, 'duplicates', ['number', 'string', 'string']);
  return { score: Number(score), a: String(a), b: String(b) };
}
