import type { Ctx } from '../../core/context.ts';
import type { TenantDb } from '../../db/database.ts';
import { queueEmail } from '../email/index.ts';
import { accountUrl, hotelName, issueToken } from './account-emails.ts';
import { findAccountByUsername, insertAccount, lockUsername } from './account-registration.service.ts';

/**
 * Issue 15 (C-3): invites a new contact of a company to the customer area, in the caller's
 * transaction. An e-mail without an account gets one — validated, since staff added the person —
 * holding the names staff entered and no profile link (the link is made when the e-mail is proved,
 * as for any account); the invitation carries a one-time link to set the password, or the sign-in
 * page when the account already has a password.
 */
export async function inviteCompanyContact(
  ctx: Ctx,
  trx: TenantDb,
  input: {
    email: string;
    firstName: string;
    lastName: string;
    language: string | null;
    guestId: string;
    companyName: string;
    roles: string[];
  },
): Promise<{ accountId: string; created: boolean }> {
  await lockUsername(trx, ctx.orgId, input.email);
  const existing = await findAccountByUsername(trx, input.email);
  const account =
    existing ??
    (await insertAccount(ctx, trx, {
      email: input.email,
      firstName: input.firstName,
      lastName: input.lastName,
      phone: null,
      language: input.language,
      marketingConsent: false,
      passwordHash: null,
      status: 'validated',
      origin: 'staff',
    }));
  let accessUrl = accountUrl('/account/sign-in');
  let expiresAt = '';
  if (!account.passwordHash) {
    const issued = await issueToken(ctx, trx, account.id, 'set_password');
    accessUrl = accountUrl(`/account/set-password?token=${encodeURIComponent(issued.token)}`);
    expiresAt = issued.expiresAt.toISOString();
  }
  await queueEmail(ctx, trx, {
    event: 'company.invitation',
    to: account.username,
    language: account.language ?? input.language,
    guestId: input.guestId,
    data: {
      firstName: account.firstName || input.firstName,
      companyName: input.companyName,
      roles: input.roles.join(', '),
      username: account.username,
      accessUrl,
      expiresAt,
      hotelName: await hotelName(trx, ctx.orgId),
    },
  });
  return { accountId: account.id, created: !existing };
}
