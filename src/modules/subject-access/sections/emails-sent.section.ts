import type { Ctx } from '../../../core/context.ts';
import type { Selectable } from 'kysely';
import type { EmailMessageTable } from '../../../db/schema.ts';
import { maskTokens } from '../../email/index.ts';
import type { AccountSubject, GuestSubject, Section, SectionValue } from './section.ts';
import { iso, isoOrNull } from './section.ts';

const present = (rows: Selectable<EmailMessageTable>[]): SectionValue<'emailsSent'> =>
  rows.map((m) => ({
    id: m.id,
    template: m.event,
    to: m.toAddress,
    language: m.language,
    subject: m.subject,
    status: m.status,
    createdAt: iso(m.createdAt),
    sentAt: isoOrNull(m.sentAt),
    // One-time links are keys to the account: a downloaded file must not carry them.
    bodyText: maskTokens(m.bodyText),
    bodyHtml: m.bodyHtml && maskTokens(m.bodyHtml),
  }));

const messages = (ctx: Ctx) => ctx.db.selectFrom('emailMessage').selectAll();

/** The mail log rows of the profile: sent about it, or to one of its e-mail addresses. */
export const guestEmailsSent: Section<GuestSubject, 'emailsSent'> = async (ctx, { guest, emails }) =>
  present(
    await messages(ctx)
      .where((eb) =>
        eb.or([
          eb('guestId', '=', guest.id),
          ...(emails.length ? [eb(eb.fn('lower', ['toAddress']), 'in', emails)] : []),
        ]),
      )
      .orderBy('createdAt')
      .orderBy('id')
      .execute(),
  );

/** Messages sent to the account's own address (the inbox it proved it reads). */
export const accountEmailsSent: Section<AccountSubject, 'emailsSent'> = async (ctx, { account }) =>
  present(
    await messages(ctx)
      .where((eb) => eb(eb.fn('lower', ['toAddress']), '=', account.username.toLowerCase()))
      .orderBy('createdAt')
      .orderBy('id')
      .execute(),
  );
