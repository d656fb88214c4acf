import type { GuestSubject, Section } from './section.ts';
import { iso } from './section.ts';

/** Every recorded change of the profile, oldest first (who changed it is given as a kind: staff, customer …). */
export const guestHistory: Section<GuestSubject, 'history'> = async (ctx, { guest }) =>
  (
    await ctx.db
      .selectFrom('guestHistory')
      .select(['field', 'oldValue', 'newValue', 'actorType', 'createdAt'])
      .where('guestId', '=', guest.id)
      .orderBy('createdAt')
      .orderBy('id')
      .execute()
  ).map((h) => ({
    field: h.field,
    oldValue: h.oldValue,
    newValue: h.newValue,
    changedBy: h.actorType,
    createdAt: iso(h.createdAt),
  }));

/** Staff notes on the profile. */
export const guestNotes: Section<GuestSubject, 'notes'> = async (ctx, { guest }) =>
  (
    await ctx.db
      .selectFrom('guestNote')
      .select(['id', 'body', 'authorType', 'createdAt', 'updatedAt'])
      .where('guestId', '=', guest.id)
      .orderBy('createdAt')
      .orderBy('id')
      .execute()
  ).map((n) => ({ ...n, createdAt: iso(n.createdAt), updatedAt: iso(n.updatedAt) }));
