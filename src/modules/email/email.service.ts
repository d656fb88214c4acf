import { sql, type Kysely } from 'kysely';
import type { Ctx } from '../../core/context.ts';
import { decodeCursor, encodeCursor } from '../../core/cursor.ts';
import { invalid, notFound } from '../../core/errors.ts';
import { newId } from '../../core/ids.ts';
import type { DB, EmailStatus } from '../../db/schema.ts';
import { enqueueJob } from '../../jobs/queue.ts';
import { recordAudit } from '../audit/index.ts';
import { DEFAULT_TEMPLATES, type TemplateText } from './email.defaults.ts';
import {
  EMAIL_EVENTS,
  EMAIL_LANGUAGES,
  EMAIL_PLACEHOLDERS,
  EMAIL_SAMPLE_DATA,
  isEmailEvent,
  type EmailEvent,
  type EmailLanguage,
} from './email.events.ts';
import { safeTimeZone } from './email.format.ts';
import { renderTemplate, validateTemplate, type RenderedEmail } from './email.render.ts';

export const EMAIL_SEND_JOB = 'email.send';

/** The dedupe key of the job that makes attempt `n` of a message (one job per attempt). */
export const sendJobKey = (messageId: string, attempt: number | string) => `email:${messageId}:${attempt}`;

/** 'es-ES' → 'es'; anything we have no templates for → 'en'. */
export function emailLanguageOf(language: string | null | undefined): EmailLanguage {
  const base = (language ?? '').trim().toLowerCase().slice(0, 2);
  return (EMAIL_LANGUAGES as readonly string[]).includes(base) ? (base as EmailLanguage) : 'en';
}

export interface ResolvedTemplate {
  event: EmailEvent;
  language: EmailLanguage;
  template: TemplateText;
  customised: boolean;
  updatedAt: Date | null;
  updatedBy: { type: string; id: string | null } | null;
}

/** The org's edited template for event+language, else the built-in default for that language. */
async function templateOf(db: Kysely<DB>, event: EmailEvent, language: EmailLanguage): Promise<ResolvedTemplate> {
  const row = await db
    .selectFrom('emailTemplate')
    .selectAll()
    .where('event', '=', event)
    .where('language', '=', language)
    .executeTakeFirst();
  if (row) {
    return {
      event,
      language,
      template: { subject: row.subject, bodyText: row.bodyText, bodyHtml: row.bodyHtml },
      customised: true,
      updatedAt: row.updatedAt,
      updatedBy: { type: row.updatedByType, id: row.updatedById },
    };
  }
  return {
    event,
    language,
    template: DEFAULT_TEMPLATES[event][language],
    customised: false,
    updatedAt: null,
    updatedBy: null,
  };
}

async function hotelNameOf(db: Kysely<DB>, orgId: string): Promise<string> {
  const org = await db.selectFrom('organisation').select('name').where('id', '=', orgId).executeTakeFirst();
  return org?.name ?? '';
}

/** The property's time zone (its own, or the organisation's first property's): e-mails show times in it. */
async function timeZoneOf(db: Kysely<DB>, orgId: string, propertyId?: string | null): Promise<string> {
  let q = db.selectFrom('property').select('timezone').where('orgId', '=', orgId);
  q = propertyId ? q.where('id', '=', propertyId) : q.orderBy('createdAt').orderBy('id');
  const row = await q.limit(1).executeTakeFirst();
  return safeTimeZone(row?.timezone);
}

const EMAIL_RE = /^[^\s@<>(),;:"]+@[^\s@<>(),;:"]+\.[^\s@<>(),;:"]+$/;

export interface QueueEmailInput {
  event: EmailEvent;
  to: string;
  language?: string | null;
  data: Record<string, unknown>;
  guestId?: string | null;
  dedupeKey?: string;
  /** Whose time zone dates and times are written in (default: the organisation's first property). */
  propertyId?: string | null;
  /** The Reply-To address (a thread's reply address); absent: replies go to the sender. */
  replyTo?: string | null;
}

/**
 * Queues one message in the caller's transaction: renders the org's template for event+language
 * (unsupported languages fall back to English), stores it in the outbox and enqueues the job that
 * sends it. If the caller rolls back, neither exists. With a dedupeKey already used in the org,
 * returns the existing message instead of queuing another.
 */
export async function queueEmail(ctx: Ctx, trx: Kysely<DB>, message: QueueEmailInput): Promise<{ id: string }> {
  if (!isEmailEvent(message.event)) {
    throw invalid('invalid_email_event', `Unknown e-mail event ${String(message.event)}`, [
      { field: 'event', message: `must be one of ${EMAIL_EVENTS.join(', ')}` },
    ]);
  }
  const to = message.to.trim();
  if (!EMAIL_RE.test(to) || to.length > 320) {
    throw invalid('invalid_email', 'The recipient is not a valid e-mail address', [
      { field: 'to', message: 'not a valid e-mail address' },
    ]);
  }
  if (message.dedupeKey) {
    const existing = await trx
      .selectFrom('emailMessage')
      .select('id')
      .where('dedupeKey', '=', message.dedupeKey)
      .executeTakeFirst();
    if (existing) return existing;
  }
  const language = emailLanguageOf(message.language);
  const { template } = await templateOf(trx, message.event, language);
  const data = { ...message.data, hotelName: message.data.hotelName ?? (await hotelNameOf(trx, ctx.orgId)) };
  const timeZone = await timeZoneOf(trx, ctx.orgId, message.propertyId);
  const rendered = renderTemplate(message.event, template, data, { language, timeZone });
  const id = newId('eml');
  const now = new Date();
  const inserted = await trx
    .insertInto('emailMessage')
    .values({
      orgId: ctx.orgId,
      id,
      event: message.event,
      toAddress: to,
      language,
      subject: rendered.subject,
      bodyText: rendered.bodyText,
      bodyHtml: rendered.bodyHtml,
      status: 'queued',
      attempts: 0,
      nextAttemptAt: now,
      lastError: null,
      sentAt: null,
      messageId: null,
      guestId: message.guestId ?? null,
      dedupeKey: message.dedupeKey ?? null,
      replyTo: message.replyTo ?? null,
      createdAt: now,
      updatedAt: now,
    })
    .onConflict((oc) => oc.columns(['orgId', 'dedupeKey']).doNothing())
    .returning('id')
    .executeTakeFirst();
  if (!inserted) {
    // A concurrent caller queued the same dedupeKey first.
    return trx
      .selectFrom('emailMessage')
      .select('id')
      .where('dedupeKey', '=', message.dedupeKey ?? '')
      .executeTakeFirstOrThrow();
  }
  await enqueueJob(trx, EMAIL_SEND_JOB, { messageId: id }, { orgId: ctx.orgId, dedupeKey: sendJobKey(id, 0) });
  return { id };
}

// ---------------------------------------------------------------- templates

function parseKey(event: string, language: string): { event: EmailEvent; language: EmailLanguage } {
  if (!isEmailEvent(event)) throw notFound('E-mail template');
  if (!(EMAIL_LANGUAGES as readonly string[]).includes(language)) throw notFound('E-mail template');
  return { event, language: language as EmailLanguage };
}

export async function listTemplates(ctx: Ctx): Promise<ResolvedTemplate[]> {
  const rows = await ctx.db.selectFrom('emailTemplate').selectAll().execute();
  const edited = new Map(rows.map((r) => [`${r.event}/${r.language}`, r]));
  return EMAIL_EVENTS.flatMap((event) =>
    EMAIL_LANGUAGES.map((language): ResolvedTemplate => {
      const row = edited.get(`${event}/${language}`);
      return row
        ? {
            event,
            language,
            template: { subject: row.subject, bodyText: row.bodyText, bodyHtml: row.bodyHtml },
            customised: true,
            updatedAt: row.updatedAt,
            updatedBy: { type: row.updatedByType, id: row.updatedById },
          }
        : {
            event,
            language,
            template: DEFAULT_TEMPLATES[event][language],
            customised: false,
            updatedAt: null,
            updatedBy: null,
          };
    }),
  );
}

export async function getTemplate(ctx: Ctx, event: string, language: string): Promise<ResolvedTemplate> {
  const key = parseKey(event, language);
  return templateOf(ctx.db, key.event, key.language);
}

export async function updateTemplate(
  ctx: Ctx,
  event: string,
  language: string,
  input: { subject: string; bodyText: string; bodyHtml?: string | null },
): Promise<ResolvedTemplate> {
  const key = parseKey(event, language);
  const template: TemplateText = {
    subject: input.subject,
    bodyText: input.bodyText,
    bodyHtml: input.bodyHtml?.trim() ? input.bodyHtml : null,
  };
  validateTemplate(key.event, template);
  await ctx.db.transaction().execute(async (trx) => {
    const now = new Date();
    const values = {
      subject: template.subject,
      bodyText: template.bodyText,
      bodyHtml: template.bodyHtml,
      updatedByType: ctx.actor.actorType,
      updatedById: ctx.actor.actorId,
      updatedAt: now,
    };
    await trx
      .insertInto('emailTemplate')
      .values({ orgId: ctx.orgId, event: key.event, language: key.language, ...values })
      .onConflict((oc) => oc.columns(['orgId', 'event', 'language']).doUpdateSet(values))
      .execute();
    await recordAudit(
      ctx,
      'email_template.updated',
      { type: 'email_template', id: `${key.event}/${key.language}` },
      {},
      trx,
    );
  });
  return templateOf(ctx.db, key.event, key.language);
}

/** Drops the org's edit: the built-in default applies again. */
export async function resetTemplate(ctx: Ctx, event: string, language: string): Promise<ResolvedTemplate> {
  const key = parseKey(event, language);
  await ctx.db.transaction().execute(async (trx) => {
    const deleted = await trx
      .deleteFrom('emailTemplate')
      .where('event', '=', key.event)
      .where('language', '=', key.language)
      .executeTakeFirst();
    if (Number(deleted.numDeletedRows) > 0) {
      await recordAudit(
        ctx,
        'email_template.reset',
        { type: 'email_template', id: `${key.event}/${key.language}` },
        {},
        trx,
      );
    }
  });
  return templateOf(ctx.db, key.event, key.language);
}

/** Renders a draft (or the current template) with sample data; a broken draft is a 400 naming the field. */
export async function previewTemplate(
  ctx: Ctx,
  event: string,
  language: string,
  draft: { subject?: string; bodyText?: string; bodyHtml?: string | null },
): Promise<RenderedEmail & { data: Record<string, string> }> {
  const key = parseKey(event, language);
  const current = (await templateOf(ctx.db, key.event, key.language)).template;
  const template: TemplateText = {
    subject: draft.subject ?? current.subject,
    bodyText: draft.bodyText ?? current.bodyText,
    bodyHtml: draft.bodyHtml === undefined ? current.bodyHtml : draft.bodyHtml?.trim() ? draft.bodyHtml : null,
  };
  validateTemplate(key.event, template);
  const hotelName = (await hotelNameOf(ctx.db, ctx.orgId)) || EMAIL_SAMPLE_DATA[key.event].hotelName || '';
  const data = { ...EMAIL_SAMPLE_DATA[key.event], hotelName };
  const timeZone = await timeZoneOf(ctx.db, ctx.orgId);
  return { ...renderTemplate(key.event, template, data, { language: key.language, timeZone }), data };
}

export const placeholdersOf = (event: EmailEvent) => EMAIL_PLACEHOLDERS[event];

// ---------------------------------------------------------------- mail log

export interface MessageFilters {
  status?: EmailStatus;
  event?: string;
  to?: string;
  guestId?: string;
  limit: number;
  cursor?: string;
}

export async function listMessages(ctx: Ctx, filters: MessageFilters) {
  let q = ctx.db.selectFrom('emailMessage').selectAll();
  if (filters.status) q = q.where('status', '=', filters.status);
  if (filters.event) q = q.where('event', '=', filters.event);
  if (filters.guestId) q = q.where('guestId', '=', filters.guestId);
  if (filters.to) {
    const pattern = `%${filters.to
      .trim()
      .toLowerCase()
      .replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    q = q.where(sql<boolean>`lower(to_address) like ${pattern}`);
  }
  if (filters.cursor) {
    const [at, id] = decodeCursor(filters.cursor, 'email_messages', ['timestamp', 'string']);
    q = q.where((eb) =>
      eb.or([eb('createdAt', '<', new Date(at)), eb.and([eb('createdAt', '=', new Date(at)), eb('id', '<', id)])]),
    );
  }
  const rows = await q
    .orderBy('createdAt', 'desc')
    .orderBy('id', 'desc')
    .limit(filters.limit + 1)
    .execute();
  const items = rows.slice(0, filters.limit);
  const last = items.at(-1);
  const nextCursor =
    rows.length > filters.limit && last
      ? encodeCursor('email_messages', [last.createdAt.toISOString(), last.id])
      : null;
  return { items, nextCursor };
}

export async function getMessage(ctx: Ctx, id: string) {
  const row = await ctx.db.selectFrom('emailMessage').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('E-mail message');
  return row;
}

/** Puts a held, failed or waiting message back in line to be sent now (a fresh round of attempts). */
async function release(ctx: Ctx, trx: Kysely<DB>, ids: string[]): Promise<number> {
  if (!ids.length) return 0;
  const now = new Date();
  await trx
    .updateTable('emailMessage')
    .set({ status: 'queued', attempts: 0, nextAttemptAt: now, updatedAt: now })
    .where('id', 'in', ids)
    .execute();
  for (const id of ids) {
    await enqueueJob(
      trx,
      EMAIL_SEND_JOB,
      { messageId: id },
      { orgId: ctx.orgId, dedupeKey: sendJobKey(id, newId('r')) },
    );
  }
  return ids.length;
}

export async function retryMessage(ctx: Ctx, id: string) {
  await ctx.db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom('emailMessage')
      .select(['id', 'status'])
      .where('id', '=', id)
      .forUpdate()
      .executeTakeFirst();
    if (!row) throw notFound('E-mail message');
    if (row.status === 'sent') {
      throw invalid('email_already_sent', 'This message was already sent; it is not sent twice', [
        { field: 'id', message: 'already sent' },
      ]);
    }
    await release(ctx, trx, [id]);
    await recordAudit(ctx, 'email.retried', { type: 'email_message', id }, {}, trx);
  });
  return getMessage(ctx, id);
}

/** Releases every held message (e.g. once SMTP_URL is configured). */
export async function releaseHeldMessages(ctx: Ctx): Promise<number> {
  return ctx.db.transaction().execute(async (trx) => {
    const held = await trx.selectFrom('emailMessage').select('id').where('status', '=', 'held').forUpdate().execute();
    const count = await release(
      ctx,
      trx,
      held.map((r) => r.id),
    );
    if (count) await recordAudit(ctx, 'email.released', { type: 'email_message', id: null }, { count }, trx);
    return count;
  });
}

/** P-2: a deleted guest leaves no mail behind. Call inside the deleting transaction. */
export async function deleteGuestEmails(trx: Kysely<DB>, guestId: string): Promise<number> {
  const r = await trx.deleteFrom('emailMessage').where('guestId', '=', guestId).executeTakeFirst();
  return Number(r.numDeletedRows);
}

/** Merge: the survivor inherits the merged guests' mail log; answers what moved (for an undo). */
export async function moveGuestEmails(
  trx: Kysely<DB>,
  fromGuestIds: string[],
  toGuestId: string,
): Promise<{ id: string; guestId: string }[]> {
  if (!fromGuestIds.length) return [];
  const moved = await trx
    .selectFrom('emailMessage')
    .select(['id', 'guestId'])
    .where('guestId', 'in', fromGuestIds)
    .execute();
  if (moved.length)
    await trx.updateTable('emailMessage').set({ guestId: toGuestId }).where('guestId', 'in', fromGuestIds).execute();
  return moved.flatMap((m) => (m.guestId ? [{ id: m.id, guestId: m.guestId }] : []));
}

/** Undo of a merge: the messages that moved go back to their profiles. */
export async function restoreGuestEmails(
  trx: Kysely<DB>,
  moved: { id: string; guestId: string }[],
  fromGuestId: string,
): Promise<void> {
  for (const m of moved)
    await trx
      .updateTable('emailMessage')
      .set({ guestId: m.guestId })
      .where('id', '=', m.id)
      .where('guestId', '=', fromGuestId)
      .execute();
}
