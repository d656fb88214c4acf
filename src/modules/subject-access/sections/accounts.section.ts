import type { Ctx } from '../../../core/context.ts';
import type { CustomerAccountRow } from '../../../db/schema.ts';
import type { AccountSubject, GuestSubject, Section, SectionValue } from './section.ts';
import { iso, isoOrNull } from './section.ts';

/** An account as the document shows it: never its password hash, tokens or session secrets. */
const present = (a: CustomerAccountRow): SectionValue<'customerAccounts'>[number] => ({
  id: a.id,
  username: a.username,
  status: a.status,
  emailVerified: a.emailVerifiedAt !== null,
  emailVerifiedAt: isoOrNull(a.emailVerifiedAt),
  origin: a.origin,
  firstName: a.firstName,
  lastName: a.lastName,
  phone: a.phone,
  language: a.language,
  address: a.address,
  marketingConsent: a.marketingConsent,
  createdAt: iso(a.createdAt),
  lastSignInAt: isoOrNull(a.lastLoginAt),
  validatedAt: isoOrNull(a.validatedAt),
  cancelledAt: isoOrNull(a.cancelledAt),
});

/** The customer accounts linked to the profile. */
export const guestCustomerAccounts: Section<GuestSubject, 'customerAccounts'> = async (ctx, { guest }) =>
  (
    await ctx.db
      .selectFrom('customerAccount')
      .selectAll()
      .where('guestId', '=', guest.id)
      .orderBy('createdAt')
      .execute()
  ).map(present);

/** The signed-in account itself. */
export const accountCustomerAccounts: Section<AccountSubject, 'customerAccounts'> = async (_ctx, { account }) => [
  present(account),
];

async function signInsOf(ctx: Ctx, accountIds: string[]): Promise<SectionValue<'signIns'>> {
  if (!accountIds.length) return { sessions: [], throttling: [] };
  const [sessions, events] = await Promise.all([
    ctx.db
      .selectFrom('customerSession')
      .select(['accountId', 'ip', 'userAgent', 'createdAt', 'lastSeenAt', 'expiresAt'])
      .where('accountId', 'in', accountIds)
      .orderBy('createdAt')
      .execute(),
    ctx.db
      .selectFrom('signInEvent')
      .select(['subjectId', 'kind', 'ip', 'failures', 'createdAt'])
      .where('subjectType', '=', 'customer')
      .where('subjectId', 'in', accountIds)
      .orderBy('createdAt')
      .execute(),
  ]);
  return {
    sessions: sessions.map((s) => ({
      accountId: s.accountId,
      ip: s.ip,
      userAgent: s.userAgent,
      createdAt: iso(s.createdAt),
      lastSeenAt: iso(s.lastSeenAt),
      expiresAt: iso(s.expiresAt),
    })),
    throttling: events.map((e) => ({
      accountId: e.subjectId,
      kind: e.kind,
      ip: e.ip,
      failures: e.failures,
      createdAt: iso(e.createdAt),
    })),
  };
}

/** Sign-in sessions (address, browser) and sign-in throttling of the profile's accounts. */
export const guestSignIns: Section<GuestSubject, 'signIns'> = (ctx, { accountIds }) => signInsOf(ctx, accountIds);

/** The account's own sign-in sessions and throttling events. */
export const accountSignIns: Section<AccountSubject, 'signIns'> = (ctx, { account }) => signInsOf(ctx, [account.id]);
