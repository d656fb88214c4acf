import { sql, type Expression, type SqlBool } from 'kysely';
import type { Ctx } from '../../core/context.ts';
import { conflict, invalid, notFound } from '../../core/errors.ts';
import { newId } from '../../core/ids.ts';
import type { TenantDb } from '../../db/database.ts';
import type { CustomerAccountRow } from '../../db/schema.ts';
import { recordAudit } from '../audit/index.ts';
import { queueEmail } from '../email/index.ts';
import { ownBookingsOf, type CustomerPrincipal } from '../accounts/index.ts';
import {
  checkUploads,
  keepingFiles,
  stageFiles,
  type AttachmentLimits,
  type AttachmentUploadInput,
} from './attachment-files.ts';
import { presentHotelContact, listHotelContacts } from './hotel-contact.service.ts';
import { attachmentsByMessage } from './thread-attachment.service.ts';
import { newReplyToken } from './reply-address.ts';
import { receiveGuestMessage } from './thread-message.service.ts';
import type { AccountThread, AccountThreadMessage, NewAccountThreadInput } from './account-thread.schemas.ts';

type Language = 'en' | 'es' | 'fr';

/**
 * The customer area's threads (issue 16, point 4). A thread is the signed-in guest's own only when
 * the account can prove it — by its verified e-mail, the same rule as its bookings: threads written
 * from the account (which carry its e-mail) and those sent to the hotel from that e-mail (the site's
 * form, an e-mail). A thread that identity resolution tied to the account's profile from someone
 * else's name or phone is not theirs. Until the e-mail is verified the account has no threads and
 * cannot write. Staff notes are never shown, nor counted.
 */
function ownedBy(a: CustomerAccountRow) {
  if (!a.emailVerifiedAt) return sql<SqlBool>`false`;
  return sql<SqlBool>`lower(t.contact_email) = ${a.username.toLowerCase()}`;
}

/**
 * Which threads (`thread t`) an account sees: its own by default; the company area passes the
 * company's threads instead (see companies/account-company-threads.ts).
 */
export type ThreadScope = (a: CustomerAccountRow) => Expression<SqlBool>;

async function accountOf(ctx: Ctx, c: CustomerPrincipal, db: TenantDb = ctx.db): Promise<CustomerAccountRow> {
  const row = await db.selectFrom('customerAccount').selectAll().where('id', '=', c.accountId).executeTakeFirst();
  if (!row) throw notFound('Account');
  return row;
}

function ownThreads(ctx: Ctx, db: TenantDb, a: CustomerAccountRow, scope: ThreadScope = ownedBy) {
  return db
    .selectFrom('thread as t')
    .where(sql<SqlBool>`t.org_id = ${ctx.orgId}`)
    .where(scope(a))
    .select([
      't.id',
      't.contactName',
      't.subject',
      't.status',
      't.hotelContactId',
      't.bookingId',
      't.waitingForReply',
      't.createdAt',
      sql<Record<
        string,
        string
      > | null>`(select c.names from hotel_contact c where c.org_id = t.org_id and c.id = t.hotel_contact_id)`.as(
        'contactNames',
      ),
      sql<string | null>`(select b.reference from booking b where b.org_id = t.org_id and b.id = t.booking_id)`.as(
        'bookingReference',
      ),
      // Activity and count from the messages the guest sees (a note or a staff change moves nothing).
      sql<Date>`coalesce((select max(m.created_at) from thread_message m
          where m.org_id = t.org_id and m.thread_id = t.id and m.direction <> 'note'), t.created_at)`.as(
        'lastMessageAt',
      ),
      sql<string>`(select count(*) from thread_message m
          where m.org_id = t.org_id and m.thread_id = t.id and m.direction <> 'note')`.as('messages'),
    ]);
}

type OwnRow = Awaited<ReturnType<ReturnType<typeof ownThreads>['executeTakeFirstOrThrow']>>;

function present(row: OwnRow, lang: Language): AccountThread {
  const names = row.contactNames ?? {};
  return {
    id: row.id,
    writtenBy: row.contactName,
    subject: row.subject,
    status: row.status,
    hotelContactId: row.hotelContactId,
    hotelContactName: names[lang] ?? names.en ?? null,
    bookingId: row.bookingId,
    bookingReference: row.bookingReference,
    waitingForHotel: row.waitingForReply,
    messageCount: Number(row.messages),
    createdAt: new Date(row.createdAt).toISOString(),
    lastMessageAt: new Date(row.lastMessageAt).toISOString(),
  };
}

/** The guest's own threads (or those of `scope`), last message first (at most 200). */
export async function listAccountThreads(
  ctx: Ctx,
  c: CustomerPrincipal,
  lang: Language,
  scope?: ThreadScope,
): Promise<AccountThread[]> {
  const a = await accountOf(ctx, c);
  const rows = await ownThreads(ctx, ctx.db, a, scope)
    .orderBy('lastMessageAt', 'desc')
    .orderBy('t.id', 'desc')
    .limit(200)
    .execute();
  return rows.map((r) => present(r, lang));
}

async function ownThread(ctx: Ctx, db: TenantDb, a: CustomerAccountRow, id: string, lock = false, scope?: ThreadScope) {
  let q = ownThreads(ctx, db, a, scope).where('t.id', '=', id);
  if (lock) q = q.forUpdate('t');
  const row = await q.executeTakeFirst();
  // Anyone else's thread is "not found", never a hint that it exists.
  if (!row) throw notFound('Thread');
  return row;
}

/** Fails with 404 unless the thread is one of the signed-in guest's own (or, with a scope, one of the scope's). */
export async function assertOwnThread(ctx: Ctx, c: CustomerPrincipal, id: string, scope?: ThreadScope): Promise<void> {
  await ownThread(ctx, ctx.db, await accountOf(ctx, c), id, false, scope);
}

async function visibleMessages(ctx: Ctx, db: TenantDb, threadId: string): Promise<AccountThreadMessage[]> {
  const rows = await db
    .selectFrom('threadMessage')
    .select(['id', 'direction', 'body', 'authorName', 'createdAt'])
    .where('threadId', '=', threadId)
    .where('direction', 'in', ['in', 'out'])
    .orderBy('createdAt')
    .orderBy('id')
    .execute();
  const files = await attachmentsByMessage(
    db,
    rows.map((m) => m.id),
  );
  return rows.map((m) => ({
    id: m.id,
    direction: m.direction as 'in' | 'out',
    body: m.body,
    authorName: m.authorName,
    createdAt: m.createdAt.toISOString(),
    attachments: files.get(m.id) ?? [],
  }));
}

/** One of the guest's threads with the messages in and out (never staff notes). */
export async function getAccountThread(
  ctx: Ctx,
  c: CustomerPrincipal,
  id: string,
  lang: Language,
  scope?: ThreadScope,
): Promise<AccountThread & { messages: AccountThreadMessage[] }> {
  const a = await accountOf(ctx, c);
  const row = await ownThread(ctx, ctx.db, a, id, false, scope);
  return { ...present(row, lang), messages: await visibleMessages(ctx, ctx.db, id) };
}

/** The hotel's contacts a signed-in guest may write to, named in their language. */
export async function listAccountHotelContacts(ctx: Ctx, lang: Language) {
  return (await listHotelContacts(ctx)).map((row) => {
    const p = presentHotelContact(row, lang);
    return { id: p.id, name: p.name, description: p.description, propertyId: p.propertyId };
  });
}

const nameOf = (a: CustomerAccountRow) => `${a.firstName ?? ''} ${a.lastName ?? ''}`.trim();

/** Writing for a company (the company area's support section): its bookings, and the thread is its. */
export interface ForCompany {
  companyId: string;
  scope: ThreadScope;
  /** The booking id when it is one of the company's bookings. */
  booking: (bookingId: string) => Promise<{ id: string } | undefined>;
}

/**
 * A new message from the customer area: a thread on the chosen contact, of the account's own
 * profile and e-mail (no identity resolution: the account is who it is), linked to a booking only
 * when it is one of the account's own (for a company: one of the company's); the contact's
 * notification address hears of it.
 */
export async function createAccountThread(
  ctx: Ctx,
  c: CustomerPrincipal,
  input: NewAccountThreadInput,
  settings: { publicUrl: string; attachments: AttachmentLimits },
  company?: ForCompany,
): Promise<AccountThread & { messages: AccountThreadMessage[] }> {
  const a = await accountOf(ctx, c);
  if (!a.emailVerifiedAt)
    throw conflict('email_not_verified', 'Confirm your e-mail address first (see the link we sent you)');
  const booking = !input.bookingId
    ? undefined
    : company
      ? await company.booking(input.bookingId)
      : (await ownBookingsOf(ctx, a, input.bookingId))[0];
  if (input.bookingId && !booking)
    throw invalid('unknown_booking', company ? 'Choose one of the company’s bookings' : 'Choose one of your bookings', [
      { field: 'bookingId', message: 'not found' },
    ]);
  const staged = await stageFiles(checkUploads(input.attachments, settings.attachments));
  const stored = ctx.db.transaction().execute(async (trx) => {
    const contact = await trx
      .selectFrom('hotelContact')
      .select(['id', 'email', 'names'])
      .where('id', '=', input.hotelContactId)
      .executeTakeFirst();
    if (!contact)
      throw invalid('unknown_hotel_contact', 'Choose one of the hotel’s contacts', [
        { field: 'hotelContactId', message: 'not found' },
      ]);
    const id = newId('thr');
    const senderName = nameOf(a) || a.username;
    await trx
      .insertInto('thread')
      .values({
        orgId: ctx.orgId,
        id,
        hotelContactId: contact.id,
        guestId: a.guestId ?? c.guestId,
        bookingId: booking?.id ?? null,
        companyId: company?.companyId ?? null,
        subject: input.subject,
        origin: 'account',
        contactName: senderName,
        contactEmail: a.username.toLowerCase(),
        contactPhone: a.phone ?? null,
        language: a.language ?? null,
        replyToken: newReplyToken(),
        waitingForReply: true,
        messageCount: 0,
      })
      .execute();
    await receiveGuestMessage(ctx, trx, id, {
      body: input.message,
      authorName: senderName,
      authorId: a.guestId,
      attachments: staged,
    });
    await queueEmail(ctx, trx, {
      event: 'thread.staff_alert',
      to: contact.email,
      guestId: a.guestId,
      data: {
        senderName,
        subject: input.subject,
        message: input.message,
        contactName: contact.names.en ?? '',
        threadUrl: `${settings.publicUrl.replace(/\/$/, '')}/admin/threads/${id}`,
      },
    });
    await recordAudit(
      ctx,
      'thread.created',
      { type: 'thread', id },
      { origin: 'account', guestId: a.guestId, ...(company ? { companyId: company.companyId } : {}) },
      trx,
    );
    return id;
  });
  const threadId = await keepingFiles(staged, stored);
  return getAccountThread(ctx, c, threadId, (a.language as Language | null) ?? 'en', company?.scope);
}

/** The guest answers in one of their threads: it waits for a staff reply again (and is open again). */
export async function answerAccountThread(
  ctx: Ctx,
  c: CustomerPrincipal,
  id: string,
  input: { body: string; attachments?: AttachmentUploadInput[] | undefined },
  limits: AttachmentLimits,
  scope?: ThreadScope,
): Promise<AccountThreadMessage> {
  const staged = await stageFiles(checkUploads(input.attachments, limits));
  const stored = ctx.db.transaction().execute(async (trx) => {
    const a = await accountOf(ctx, c, trx);
    await ownThread(ctx, trx, a, id, true, scope);
    const m = await receiveGuestMessage(ctx, trx, id, {
      body: input.body,
      authorName: nameOf(a) || a.username,
      authorId: a.guestId,
      attachments: staged,
    });
    await recordAudit(ctx, 'thread.guest_answered', { type: 'thread', id }, { messageId: m.id, via: 'account' }, trx);
    return {
      id: m.id,
      direction: 'in' as const,
      body: m.body,
      authorName: m.authorName,
      createdAt: m.createdAt.toISOString(),
      attachments: m.attachments,
    };
  });
  return keepingFiles(staged, stored);
}
