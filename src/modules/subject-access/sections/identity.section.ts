import { sql } from 'kysely';
import type { GuestSubject, Section } from './section.ts';
import { iso, isoOrNull } from './section.ts';

/** How the identity resolver placed the guest, and the duplicate pairs the profile is in (the other side by id only). */
export const guestIdentity: Section<GuestSubject, 'identity'> = async (ctx, { guest }) => {
  const [decisions, pairs] = await Promise.all([
    ctx.db
      .selectFrom('identityDecision')
      .selectAll()
      .where('guestId', '=', guest.id)
      .orderBy('createdAt')
      .orderBy('id')
      .execute(),
    ctx.db
      .selectFrom('duplicateCandidate')
      .selectAll()
      .where((eb) => eb.or([eb('guestA', '=', guest.id), eb('guestB', '=', guest.id)]))
      .orderBy('createdAt')
      .execute(),
  ]);
  return {
    decisions: decisions.map((d) => ({
      id: d.id,
      source: d.source,
      role: d.role,
      outcome: d.outcome,
      rule: d.rule,
      score: Number(d.score),
      reasons: d.reasons,
      createdAt: iso(d.createdAt),
    })),
    duplicatePairs: pairs.map((p) => ({
      otherGuestId: p.guestA === guest.id ? p.guestB : p.guestA,
      kind: p.kind,
      status: p.status,
      score: Number(p.score),
      rule: p.rule,
      reasons: p.reasons,
      createdAt: iso(p.createdAt),
    })),
  };
};

/** Merges the profile took part in: as the surviving profile or as one merged into another. */
export const guestMerges: Section<GuestSubject, 'merges'> = async (ctx, { guest }) =>
  (
    await ctx.db
      .selectFrom('guestMerge')
      .select(['id', 'survivorId', 'mergedIds', 'createdAt', 'undoneAt'])
      .where((eb) => eb.or([eb('survivorId', '=', guest.id), sql<boolean>`${guest.id} = any(merged_ids)`]))
      .orderBy('createdAt')
      .orderBy('id')
      .execute()
  ).map((m) => ({
    id: m.id,
    role: m.survivorId === guest.id ? ('survivor' as const) : ('merged' as const),
    survivorId: m.survivorId,
    mergedIds: m.mergedIds,
    createdAt: iso(m.createdAt),
    undoneAt: isoOrNull(m.undoneAt),
  }));
