import type { Ctx } from '../../core/context.ts';
import { notFound } from '../../core/errors.ts';
import { newId } from '../../core/ids.ts';
import type { TenantDb } from '../../db/database.ts';
import type { GuestNote } from './guest.schemas.ts';

type NoteRow = {
  id: string;
  body: string;
  authorType: string;
  authorId: string | null;
  createdAt: Date;
  updatedAt: Date;
};

/** Adds the authors' names (staff member or API key) to notes, in two queries at most. */
async function presentNotes(db: TenantDb, rows: NoteRow[]): Promise<GuestNote[]> {
  const ids = (type: string) => [
    ...new Set(rows.filter((r) => r.authorType === type && r.authorId).map((r) => r.authorId!)),
  ];
  const staffIds = ids('staff');
  const keyIds = ids('api_key');
  const [staff, keys] = await Promise.all([
    staffIds.length ? db.selectFrom('staffUser').select(['id', 'name']).where('id', 'in', staffIds).execute() : [],
    keyIds.length ? db.selectFrom('apiKey').select(['id', 'name']).where('id', 'in', keyIds).execute() : [],
  ]);
  const names = new Map([...staff, ...keys].map((r) => [r.id, r.name]));
  return rows.map((r) => ({
    id: r.id,
    body: r.body,
    author: { type: r.authorType, id: r.authorId, name: r.authorId ? (names.get(r.authorId) ?? null) : null },
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  }));
}

async function assertGuest(db: TenantDb, guestId: string): Promise<void> {
  const guest = await db.selectFrom('guest').select('id').where('id', '=', guestId).executeTakeFirst();
  if (!guest) throw notFound('Guest');
}

async function findNote(db: TenantDb, guestId: string, noteId: string): Promise<NoteRow> {
  const row = await db
    .selectFrom('guestNote')
    .selectAll()
    .where('guestId', '=', guestId)
    .where('id', '=', noteId)
    .executeTakeFirst();
  if (!row) throw notFound('Note');
  return row;
}

/** A guest's notes (G-10), newest first. */
export async function listGuestNotes(ctx: Ctx, guestId: string): Promise<GuestNote[]> {
  await assertGuest(ctx.db, guestId);
  const rows = await ctx.db
    .selectFrom('guestNote')
    .selectAll()
    .where('guestId', '=', guestId)
    .orderBy('createdAt', 'desc')
    .orderBy('id', 'desc')
    .execute();
  return presentNotes(ctx.db, rows);
}

/** Adds a note to a guest; the author is the acting staff member or API key. */
export async function createGuestNote(ctx: Ctx, guestId: string, body: string): Promise<GuestNote> {
  await assertGuest(ctx.db, guestId);
  const now = new Date();
  const row = await ctx.db
    .insertInto('guestNote')
    .values({
      orgId: ctx.orgId,
      id: newId('not'),
      guestId,
      body,
      authorType: ctx.actor.actorType,
      authorId: ctx.actor.actorId,
      createdAt: now,
      updatedAt: now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  const [note] = await presentNotes(ctx.db, [row]);
  return note!;
}

/** Changes a note's text. */
export async function updateGuestNote(ctx: Ctx, guestId: string, noteId: string, body: string): Promise<GuestNote> {
  await findNote(ctx.db, guestId, noteId);
  const row = await ctx.db
    .updateTable('guestNote')
    .set({ body, updatedAt: new Date() })
    .where('guestId', '=', guestId)
    .where('id', '=', noteId)
    .returningAll()
    .executeTakeFirstOrThrow();
  const [note] = await presentNotes(ctx.db, [row]);
  return note!;
}

/** Deletes a note. */
export async function deleteGuestNote(ctx: Ctx, guestId: string, noteId: string): Promise<void> {
  await findNote(ctx.db, guestId, noteId);
  await ctx.db.deleteFrom('guestNote').where('guestId', '=', guestId).where('id', '=', noteId).execute();
}
