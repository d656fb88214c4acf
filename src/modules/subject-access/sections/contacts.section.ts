import { openDocumentNumber } from '../../guests/index.ts';
import type { AccountSubject, GuestSubject, Section } from './section.ts';

/** Every e-mail address of the profile, unmasked. */
export const guestEmails: Section<GuestSubject, 'emails'> = async (ctx, { guest }) =>
  (
    await ctx.db
      .selectFrom('guestEmail')
      .select(['email', 'isPrimary', 'label'])
      .where('guestId', '=', guest.id)
      .orderBy('position')
      .execute()
  ).map((e) => ({ email: e.email, isPrimary: e.isPrimary, label: e.label }));

/** Every phone of the profile, unmasked. */
export const guestPhones: Section<GuestSubject, 'phones'> = async (ctx, { guest }) =>
  ctx.db
    .selectFrom('guestPhone')
    .select(['e164', 'display', 'isPrimary', 'label'])
    .where('guestId', '=', guest.id)
    .orderBy('position')
    .execute();

/** Every postal address of the profile, unmasked. */
export const guestAddresses: Section<GuestSubject, 'addresses'> = async (ctx, { guest }) =>
  ctx.db
    .selectFrom('guestAddress')
    .select(['name', 'street', 'city', 'region', 'postcode', 'country', 'isPrimary'])
    .where('guestId', '=', guest.id)
    .orderBy('position')
    .execute();

/** The identity document on the profile, number (decrypted: the person's own copy) and expiry included. */
export const guestDocuments: Section<GuestSubject, 'documents'> = async (_ctx, { guest: g }) =>
  g.documentType || g.documentNumber
    ? [
        {
          type: g.documentType,
          number: g.documentNumber && openDocumentNumber(g.documentNumber),
          issuingCountry: g.documentCountry,
          expiry: g.documentExpiry,
        },
      ]
    : [];

/** The account's username (its e-mail) and whether it proved it reads that inbox. */
export const accountEmails: Section<AccountSubject, 'emails'> = async (_ctx, { account: a }) => [
  { email: a.username, isPrimary: true, label: null, verified: a.emailVerifiedAt !== null },
];

/** The phone the account entered itself. */
export const accountPhones: Section<AccountSubject, 'phones'> = async (_ctx, { account: a }) =>
  a.phone ? [{ e164: a.phone, display: a.phone, isPrimary: true, label: null }] : [];

/** The address the account entered itself. */
export const accountAddresses: Section<AccountSubject, 'addresses'> = async (_ctx, { account: a }) =>
  a.address && Object.values(a.address).some(Boolean) ? [{ name: null, ...a.address, isPrimary: true }] : [];
