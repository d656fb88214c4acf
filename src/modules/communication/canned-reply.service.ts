import type { Selectable } from 'kysely';
import type { Ctx } from '../../core/context.ts';
import { invalid, notFound } from '../../core/errors.ts';
import { newId } from '../../core/ids.ts';
import type { CannedReplyTable } from '../../db/schema.ts';
import { recordAudit } from '../audit/index.ts';
import type { CreateCannedReplyInput, UpdateCannedReplyInput } from './canned-reply.schemas.ts';
import type { ThreadViewer } from './thread-access.ts';
import { getThread } from './thread.service.ts';

type CannedReplyRow = Selectable<CannedReplyTable>;
type Language = 'en' | 'es' | 'fr';

export function presentCannedReply(r: CannedReplyRow) {
  return {
    id: r.id,
    title: r.title,
    bodies: r.bodies as { en: string; es?: string; fr?: string },
    hotelContactId: r.hotelContactId,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}

/** The organisation's canned replies by title (at most 500). */
export async function listCannedReplies(ctx: Ctx): Promise<CannedReplyRow[]> {
  return ctx.db.selectFrom('cannedReply').selectAll().orderBy('title').orderBy('id').limit(500).execute();
}

async function getCannedReply(ctx: Ctx, id: string): Promise<CannedReplyRow> {
  const row = await ctx.db.selectFrom('cannedReply').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('Canned reply');
  return row;
}

async function checkContact(ctx: Ctx, hotelContactId: string | null | undefined): Promise<void> {
  if (!hotelContactId) return;
  const c = await ctx.db.selectFrom('hotelContact').select('id').where('id', '=', hotelContactId).executeTakeFirst();
  if (!c)
    throw invalid('unknown_hotel_contact', 'Choose one of the hotel’s contacts', [
      { field: 'hotelContactId', message: 'not found' },
    ]);
}

export async function createCannedReply(ctx: Ctx, input: CreateCannedReplyInput): Promise<CannedReplyRow> {
  await checkContact(ctx, input.hotelContactId);
  const row = await ctx.db
    .insertInto('cannedReply')
    .values({
      orgId: ctx.orgId,
      id: newId('cnr'),
      title: input.title,
      bodies: JSON.stringify(input.bodies),
      hotelContactId: input.hotelContactId ?? null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  await recordAudit(ctx, 'canned_reply.created', { type: 'canned_reply', id: row.id }, { title: row.title });
  return row;
}

export async function updateCannedReply(ctx: Ctx, id: string, input: UpdateCannedReplyInput): Promise<CannedReplyRow> {
  await getCannedReply(ctx, id);
  await checkContact(ctx, input.hotelContactId);
  const row = await ctx.db
    .updateTable('cannedReply')
    .set({
      ...(input.title !== undefined ? { title: input.title } : {}),
      ...(input.bodies !== undefined ? { bodies: JSON.stringify(input.bodies) } : {}),
      ...(input.hotelContactId !== undefined ? { hotelContactId: input.hotelContactId } : {}),
      updatedAt: new Date(),
    })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
  await recordAudit(ctx, 'canned_reply.updated', { type: 'canned_reply', id }, { fields: Object.keys(input) });
  return row;
}

export async function deleteCannedReply(ctx: Ctx, id: string): Promise<void> {
  const done = await ctx.db.deleteFrom('cannedReply').where('id', '=', id).executeTakeFirst();
  if (!done.numDeletedRows) throw notFound('Canned reply');
  await recordAudit(ctx, 'canned_reply.deleted', { type: 'canned_reply', id }, {});
}

const LANGUAGES: readonly Language[] = ['en', 'es', 'fr'];
const languageOf = (l: string | null | undefined): Language | undefined =>
  LANGUAGES.find((x) => x === (l ?? '').trim().toLowerCase().slice(0, 2));

/**
 * A canned reply for one thread: the body in the thread's language, else the guest's, else English
 * (the organisation's default, as for e-mails), with `{{guest.firstName}}`, `{{guest.lastName}}`,
 * `{{booking.reference}}` and `{{thread.subject}}` filled in (unknown placeholders stay as typed).
 */
export async function renderCannedReply(ctx: Ctx, viewer: ThreadViewer, id: string, threadId: string) {
  const thread = await getThread(ctx, viewer, threadId);
  const reply = await getCannedReply(ctx, id);
  const guest = thread.guestId
    ? await ctx.db
        .selectFrom('guest')
        .select(['firstName', 'lastName', 'language'])
        .where('id', '=', thread.guestId)
        .executeTakeFirst()
    : undefined;
  const bodies = reply.bodies as Partial<Record<Language, string>>;
  const language =
    [languageOf(thread.language), languageOf(guest?.language)].find((l) => l && bodies[l]?.trim()) ?? 'en';
  const [first = '', ...rest] = thread.contactName.split(' ');
  const values: Record<string, string> = {
    'guest.firstName': guest?.firstName || first,
    'guest.lastName': guest?.lastName || rest.join(' '),
    'booking.reference': thread.bookingReference ?? '',
    'thread.subject': thread.subject,
  };
  const body = (bodies[language] ?? '').replace(
    /\{\{\s*([\w.]+)\s*\}\}/g,
    (whole, key: string) => values[key] ?? whole,
  );
  return { language, body };
}
