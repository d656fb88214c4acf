import { listGuestConsents, type GuestConsent } from '../../consent/index.ts';
import type { AccountSubject, GuestSubject, Section } from './section.ts';

/** A ledger record as the person sees it: who at the hotel recorded it stays out of their copy. */
const recordOf = (c: Pick<GuestConsent, 'channel' | 'purpose' | 'status' | 'at' | 'source' | 'wording' | 'ip'>) => ({
  channel: c.channel,
  purpose: c.purpose,
  status: c.status,
  at: c.at,
  source: c.source,
  wording: c.wording,
  ip: c.ip,
});

/** The profile's derived marketing consent and every record of its ledger (P-4). */
export const guestConsents: Section<GuestSubject, 'consents'> = async (ctx, { guest }) => ({
  marketingConsent: guest.marketingConsent,
  records: (await listGuestConsents(ctx, guest.id)).map(recordOf),
});

/**
 * The newsletter consent the account gave or withdrew itself: only the records it made (never the
 * records of a profile staff linked it to — identity never grants access).
 */
export const accountConsents: Section<AccountSubject, 'consents'> = async (ctx, { account }) => {
  const rows = await ctx.db
    .selectFrom('guestConsent')
    .select(['channel', 'purpose', 'status', 'at', 'source', 'wordingText', 'wordingVersion', 'wordingLanguage', 'ip'])
    .where('actorType', '=', 'customer')
    .where('actorId', '=', account.id)
    .orderBy('at', 'desc')
    .orderBy('id', 'desc')
    .execute();
  return {
    marketingConsent: account.marketingConsent,
    records: rows.map((r) => ({
      channel: r.channel,
      purpose: r.purpose,
      status: r.status,
      at: new Date(r.at).toISOString(),
      source: r.source,
      wording: r.wordingText ? { text: r.wordingText, version: r.wordingVersion, language: r.wordingLanguage } : null,
      ip: r.ip,
    })),
  };
};
