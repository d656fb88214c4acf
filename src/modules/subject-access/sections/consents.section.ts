import type { AccountSubject, GuestSubject, Section } from './section.ts';

/** The profile's current marketing consent (the consent ledger's records join here when it lands). */
export const guestConsents: Section<GuestSubject, 'consents'> = async (_ctx, { guest }) => ({
  marketingConsent: guest.marketingConsent,
});

/** The newsletter consent the account gave or withdrew itself. */
export const accountConsents: Section<AccountSubject, 'consents'> = async (_ctx, { account }) => ({
  marketingConsent: account.marketingConsent,
});
