import type { Ctx } from '../../core/context.ts';
import type { TenantDb } from '../../db/database.ts';
import type { CustomerAddress } from '../../db/schema.ts';
import { recordAudit } from '../audit/index.ts';
import {
  getGuest,
  insertGuest,
  linkGuestAccount,
  presentGuest,
  refreshGuestSystemGroups,
  updateGuest,
} from '../guests/index.ts';
import { resolvePeople } from '../identity/index.ts';

/**
 * Issue 11 (1): the verified-e-mail rule. An account's e-mail is verified when a one-time link
 * sent to it is used; only then is the account linked to a CRM profile, and to an existing one
 * only when the resolver matches that profile on the verified e-mail (same e-mail, compatible
 * name — phone and other details are never offered to it) and that e-mail is the profile's
 * primary one. The link is for staff and history:
 * the account never reads the profile, and writes to it only what it entered itself.
 */

/**
 * Marks the account's e-mail verified and links its profile, in the caller's transaction; true
 * when the profile was linked now (the caller then carries the account's entries to it).
 */
export async function verifyAccountEmail(ctx: Ctx, trx: TenantDb, accountId: string): Promise<boolean> {
  const account = await trx
    .selectFrom('customerAccount')
    .selectAll()
    .where('id', '=', accountId)
    .forUpdate()
    .executeTakeFirstOrThrow();
  const now = new Date();
  if (!account.emailVerifiedAt) {
    await trx.updateTable('customerAccount').set({ emailVerifiedAt: now }).where('id', '=', accountId).execute();
    await recordAudit(ctx, 'account.email_verified', { type: 'customer_account', id: accountId }, {}, trx);
  }
  if (account.guestId) return false;
  const person = {
    firstName: account.firstName,
    lastName: account.lastName,
    email: account.username,
    ...(account.language ? { language: account.language } : {}),
    ...(account.marketingConsent ? { marketingConsent: true } : {}),
  };
  const [r] = await resolvePeople(ctx, trx, [{ person, source: 'registration', role: 'customer' }]);
  if (!r || 'error' in r) throw r?.error ?? new Error('the resolver returned nothing');
  let guestId = r.guestId;
  let owns = r.created;
  if (!owns) {
    const profile = await trx
      .selectFrom('guest')
      .select(['email', 'username'])
      .where('id', '=', guestId)
      .executeTakeFirst();
    const other = await trx
      .selectFrom('customerAccount')
      .select('id')
      .where('guestId', '=', guestId)
      .executeTakeFirst();
    // Linked only when the verified e-mail is the profile's primary one (an e-mail the resolver
    // added to someone's profile from a booking is not proof), and the profile has no other
    // account; otherwise the account gets a profile of its own.
    const primary = profile?.email?.toLowerCase() === account.username;
    if (!primary || other || (profile?.username && profile.username !== account.username)) {
      guestId = (await insertGuest(ctx, trx, { ...person, source: 'registration' })).id;
      owns = true;
    }
  }
  await trx
    .updateTable('customerAccount')
    .set({ guestId, ownsProfile: owns, updatedAt: now })
    .where('id', '=', accountId)
    .execute();
  await linkGuestAccount(ctx, trx, guestId, { userId: accountId, username: account.username });
  await refreshGuestSystemGroups(trx, [guestId]);
  await recordAudit(
    ctx,
    'account.profile_linked',
    { type: 'customer_account', id: accountId },
    { guestId, existingProfile: !owns },
    trx,
  );
  return true;
}

/** What the account changed of its own details, to carry to its profile. */
export interface OwnDetailsChange {
  firstName?: string | undefined;
  lastName?: string | undefined;
  phone?: string | null | undefined;
  language?: string | null | undefined;
  address?: CustomerAddress | null | undefined;
  marketingConsent?: boolean | undefined;
}

/**
 * Carries the account's own entries to its profile, after the caller's transaction: all of them
 * to a profile created from the account's entries (`ownsProfile`); to an existing profile only the
 * newsletter consent, and only when the profile's primary e-mail is the account's verified
 * e-mail (the consent is that address owner's to give or withdraw; issue 11, 21).
 */
export async function writeOwnDetailsToProfile(ctx: Ctx, accountId: string, change: OwnDetailsChange): Promise<void> {
  const account = await ctx.db
    .selectFrom('customerAccount')
    .select(['guestId', 'ownsProfile', 'username', 'emailVerifiedAt'])
    .where('id', '=', accountId)
    .executeTakeFirst();
  if (!account?.guestId || !account.emailVerifiedAt) return;
  if (!account.ownsProfile) {
    if (change.marketingConsent === undefined) return;
    const profile = await getGuest(ctx, account.guestId);
    if (profile.email?.toLowerCase() === account.username && profile.marketingConsent !== change.marketingConsent)
      await updateGuest(ctx, account.guestId, { marketingConsent: change.marketingConsent });
    return;
  }
  await updateGuest(ctx, account.guestId, {
    firstName: change.firstName,
    lastName: change.lastName,
    phone: change.phone,
    language: change.language,
    marketingConsent: change.marketingConsent,
    addresses: change.address === undefined ? undefined : await addressesWith(ctx, account.guestId, change.address),
  });
}

type Addresses = NonNullable<Parameters<typeof updateGuest>[2]['addresses']>;

/** The profile's addresses with the primary one replaced (or removed when empty). */
async function addressesWith(ctx: Ctx, guestId: string, a: CustomerAddress | null): Promise<Addresses> {
  const current = await presentGuest(ctx, await getGuest(ctx, guestId));
  const primary = current.addresses.find((x) => x.primary);
  const others = current.addresses
    .filter((x) => !x.primary)
    .map(({ name, street, city, region, postcode, country }) => ({
      name,
      street,
      city,
      region,
      postcode,
      country,
      primary: false,
    }));
  const empty = !a || ![a.street, a.city, a.region, a.postcode, a.country].some(Boolean);
  if (empty) return others.map((o, i) => ({ ...o, primary: i === 0 })) as Addresses;
  return [{ name: primary?.name ?? null, ...a, primary: true }, ...others] as Addresses;
}
