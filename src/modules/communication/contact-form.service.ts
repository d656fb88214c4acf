import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import type { Ctx } from '../../core/context.ts';
import { AppError, invalid } from '../../core/errors.ts';
import { newId } from '../../core/ids.ts';
import type { DB } from '../../db/schema.ts';
import { recordAudit } from '../audit/index.ts';
import { queueEmail } from '../email/index.ts';
import { countHit, throttleKey } from '../booking-site/index.ts';
import type { PersonResolver } from '../bookings/index.ts';
import { checkUploads, keepingFiles, stageFiles, type AttachmentLimits } from './attachment-files.ts';
import { checkFormToken } from './form-token.ts';
import { newReplyToken } from './reply-address.ts';
import { receiveGuestMessage } from './thread-message.service.ts';
import type { ContactFormInput } from './thread.schemas.ts';

/** Hourly limits of the public contact form, per client IP and per sender e-mail. */
export const CONTACT_LIMITS = { perIpHour: 10, perEmailHour: 5 };

/**
 * The public contact form (M-3): the sender is resolved to a profile through the identity
 * resolver (a new one when nobody matches; being matched gives the sender nothing), a thread opens
 * on the chosen contact with the message, waiting for a reply. Robots are turned away without
 * being told: a filled honeypot or a form sent within seconds of being shown answers like a
 * success and stores nothing. Past the hourly limit per IP or per e-mail: 429.
 */
export async function submitContactForm(
  ctx: Ctx,
  system: Kysely<DB>,
  clientIp: string,
  input: ContactFormInput,
  resolvePerson: PersonResolver,
  settings: { publicUrl: string; attachments: AttachmentLimits },
): Promise<{ threadId: string; stored: boolean }> {
  const decoy = { threadId: newId('thr'), stored: false };
  if (input.website?.trim()) return decoy;
  if (input.formToken !== undefined) {
    const verdict = checkFormToken(ctx.orgId, input.formToken);
    if (verdict === 'too_fast') return decoy;
    if (verdict === 'invalid')
      throw invalid('form_expired', 'The form has expired: reload the page and send it again', [
        { field: 'formToken', message: 'invalid or expired' },
      ]);
  }
  const limited = () =>
    new AppError('rate_limited', 'too_many_messages', 'Too many messages. Please try again later.', []);
  const byIp = await countHit(system, throttleKey('contact-ip', clientIp), 3600);
  if (byIp.hits > CONTACT_LIMITS.perIpHour) throw withRetry(limited(), byIp.retryAfterSeconds);
  const byEmail = await countHit(system, throttleKey('contact-email', ctx.orgId, input.email), 3600);
  if (byEmail.hits > CONTACT_LIMITS.perEmailHour) throw withRetry(limited(), byEmail.retryAfterSeconds);
  // A refused file refuses the message: checked before anything is stored.
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
    const guestId = await resolvePerson(
      ctx,
      trx,
      {
        firstName: input.firstName,
        lastName: input.lastName,
        email: input.email,
        ...(input.phone ? { phone: input.phone } : {}),
        ...(input.language ? { language: input.language } : {}),
      },
      { source: 'form', role: 'customer' },
    );
    // A booking is linked only when it is the sender's (made with this e-mail or by this profile):
    // a reference typed by a stranger must not tie their message to someone else's stay.
    const booking = input.bookingReference
      ? await trx
          .selectFrom('booking')
          .select(['id', 'customerId', 'contactEmail'])
          .where(
            sql<boolean>`lower(reference) = ${input.bookingReference.toLowerCase()} or lower(external_ref) = ${input.bookingReference.toLowerCase()}`,
          )
          .limit(1)
          .executeTakeFirst()
      : undefined;
    const linked = booking && (booking.customerId === guestId || booking.contactEmail === input.email);
    const threadId = newId('thr');
    await trx
      .insertInto('thread')
      .values({
        orgId: ctx.orgId,
        id: threadId,
        hotelContactId: contact.id,
        guestId,
        bookingId: linked ? booking.id : null,
        subject: input.subject,
        origin: 'contact_form',
        contactName: `${input.firstName} ${input.lastName}`.trim(),
        contactEmail: input.email,
        contactPhone: input.phone ?? null,
        language: input.language ?? null,
        replyToken: newReplyToken(),
        waitingForReply: true,
        messageCount: 0,
      })
      .execute();
    const body =
      input.bookingReference && !linked
        ? `${input.message}\n\n[Booking reference: ${input.bookingReference}]`
        : input.message;
    await receiveGuestMessage(ctx, trx, threadId, {
      body,
      authorName: `${input.firstName} ${input.lastName}`.trim(),
      attachments: staged,
    });
    // The contact's notification address hears of it (queued with the thread: both or neither).
    await queueEmail(ctx, trx, {
      event: 'thread.staff_alert',
      to: contact.email,
      guestId,
      data: {
        senderName: `${input.firstName} ${input.lastName}`.trim(),
        subject: input.subject,
        message: body,
        contactName: contact.names.en ?? '',
        threadUrl: `${settings.publicUrl.replace(/\/$/, '')}/admin/threads/${threadId}`,
      },
    });
    await recordAudit(
      ctx,
      'thread.created',
      { type: 'thread', id: threadId },
      { origin: 'contact_form', guestId },
      trx,
    );
    return { threadId, stored: true };
  });
  return keepingFiles(staged, stored);
}

function withRetry(err: AppError, seconds: number): AppError {
  return new AppError(err.kind, err.code, err.message, err.details, { 'retry-after': String(seconds) });
}
