import type { Ctx } from '../../core/context.ts';
import { randomToken } from '../../core/ids.ts';
import type { TenantDb } from '../../db/database.ts';
import { queueEmail } from '../email/index.ts';
import { hashSecret } from './customer-session.service.ts';

/** The one-time links and notices of customer accounts (A-2, A-4; issue 11 points 1, 13, 19). */

const LINK_MS = { set_password: 48 * 3600_000, verify_email: 48 * 3600_000, reset_password: 3600_000 } as const;
export type TokenPurpose = keyof typeof LINK_MS;

let publicUrl = (process.env.PUBLIC_URL ?? 'http://localhost:3000').replace(/\/+$/, '');
/** The base of the links in account e-mails (config.publicUrl), set when the routes are registered. */
export function configureAccountLinks(url: string): void {
  publicUrl = url.replace(/\/+$/, '');
}
export const accountUrl = (path: string) => `${publicUrl}${path}`;

/** What the account e-mails need of an account: its own names and language, never the profile's. */
export interface AccountForEmail {
  id: string;
  guestId: string | null;
  username: string;
  firstName: string;
  lastName: string;
  language: string | null;
}

export async function hotelName(db: TenantDb, orgId: string): Promise<string> {
  const org = await db.selectFrom('organisation').select('name').where('id', '=', orgId).executeTakeFirst();
  return org?.name ?? '';
}

/** Issues a one-time token (stored hashed) and returns it in clear with its expiry. */
export async function issueToken(
  ctx: Ctx,
  trx: TenantDb,
  accountId: string,
  purpose: TokenPurpose,
): Promise<{ token: string; expiresAt: Date }> {
  const token = randomToken(32);
  const expiresAt = new Date(Date.now() + LINK_MS[purpose]);
  // Only the newest link of an account works: older unused ones are retired.
  await trx
    .updateTable('customerToken')
    .set({ usedAt: new Date() })
    .where('accountId', '=', accountId)
    .where('usedAt', 'is', null)
    .execute();
  await trx
    .insertInto('customerToken')
    .values({ orgId: ctx.orgId, id: hashSecret(token), accountId, purpose, expiresAt })
    .execute();
  return { token, expiresAt };
}

/**
 * The first e-mail of a new account: with a password chosen at registration, a link that confirms
 * the e-mail (`account.verify_email`); without one, A-2's link to set the password (using it
 * confirms the e-mail too, since only the inbox's owner has it).
 */
export async function sendWelcomeEmail(
  ctx: Ctx,
  trx: TenantDb,
  account: AccountForEmail,
  hasPassword: boolean,
): Promise<void> {
  const purpose = hasPassword ? 'verify_email' : 'set_password';
  const { token, expiresAt } = await issueToken(ctx, trx, account.id, purpose);
  const link = (path: string) => accountUrl(`/account/${path}?token=${encodeURIComponent(token)}`);
  const common = {
    firstName: account.firstName,
    username: account.username,
    expiresAt: expiresAt.toISOString(),
    hotelName: await hotelName(trx, ctx.orgId),
  };
  await queueEmail(ctx, trx, {
    event: hasPassword ? 'account.verify_email' : 'account.created',
    to: account.username,
    language: account.language,
    guestId: account.guestId,
    data: hasPassword
      ? { ...common, verifyUrl: link('verify-email') }
      : { ...common, setPasswordUrl: link('set-password') },
  });
}

/** Issue 11 (13): tells the owner of an e-mail that someone tried to register it again (once an hour). */
export async function sendAccountExistsEmail(ctx: Ctx, trx: TenantDb, account: AccountForEmail): Promise<void> {
  const hour = Math.floor(Date.now() / 3600_000);
  await queueEmail(ctx, trx, {
    event: 'account.exists',
    to: account.username,
    language: account.language,
    guestId: account.guestId,
    data: {
      username: account.username,
      signInUrl: accountUrl('/account/sign-in'),
      resetUrl: accountUrl('/account/forgot-password'),
      hotelName: await hotelName(trx, ctx.orgId),
    },
    // Not a spam vector: one notice per account per hour, however often the form is sent.
    dedupeKey: `account.exists:${account.id}:${hour}`,
  });
}

/** Queues the reset link of a forgotten password. */
export async function sendResetEmail(ctx: Ctx, trx: TenantDb, account: AccountForEmail): Promise<void> {
  const { token, expiresAt } = await issueToken(ctx, trx, account.id, 'reset_password');
  await queueEmail(ctx, trx, {
    event: 'account.password_reset',
    to: account.username,
    language: account.language,
    guestId: account.guestId,
    data: {
      firstName: account.firstName,
      username: account.username,
      resetUrl: accountUrl(`/account/reset-password?token=${encodeURIComponent(token)}`),
      expiresAt: expiresAt.toISOString(),
      hotelName: await hotelName(trx, ctx.orgId),
    },
  });
}

/**
 * Alerts the owners and managers that a registrant waits for validation; `reviewPath` is the
 * admin page to review it on (the company registrations for a company, issue 15).
 */
export async function sendStaffAlert(
  ctx: Ctx,
  trx: TenantDb,
  account: AccountForEmail,
  reviewPath = '/admin/settings/accounts?status=new',
): Promise<void> {
  const staff = await trx
    .selectFrom('staffUser')
    .select(['email', 'language'])
    .where('role', 'in', ['owner', 'manager'])
    .where('active', '=', true)
    .execute();
  const name = await hotelName(trx, ctx.orgId);
  for (const s of staff) {
    await queueEmail(ctx, trx, {
      event: 'registration.staff_alert',
      to: s.email,
      language: s.language,
      data: {
        firstName: account.firstName,
        lastName: account.lastName,
        email: account.username,
        reviewUrl: accountUrl(reviewPath),
        hotelName: name,
      },
      dedupeKey: `registration.staff_alert:${account.id}:${s.email}`,
    });
  }
}
