import type { Ctx } from '../../core/context.ts';
import type { TenantDb } from '../../db/database.ts';
import { sendAccountExistsEmail, sendWelcomeEmail } from './account-emails.ts';
import { findAccountByUsername, insertAccount, lockUsername } from './account-registration.service.ts';

/**
 * Issue 15 point 5: the first contact of a company registered on the booking site gets a
 * customer account like a private registrant — with the password they chose and a link that
 * verifies the e-mail (only then can they sign in, and only then is the account linked to a
 * profile). The account is validated: what staff review is the company (its status gates prices
 * and booking for it, see company-pricing.ts). A known e-mail gets the `account.exists` notice and
 * no second account, so the form does not tell who has one.
 */
export async function ensureCompanyRegistrantAccount(
  ctx: Ctx,
  trx: TenantDb,
  input: {
    email: string;
    firstName: string;
    lastName: string;
    phone: string | null;
    language: string | null;
    passwordHash: string;
  },
): Promise<{ accountId: string; created: boolean }> {
  await lockUsername(trx, ctx.orgId, input.email);
  const existing = await findAccountByUsername(trx, input.email);
  if (existing) {
    if (existing.status !== 'cancelled') await sendAccountExistsEmail(ctx, trx, existing);
    return { accountId: existing.id, created: false };
  }
  const account = await insertAccount(ctx, trx, {
    email: input.email,
    firstName: input.firstName,
    lastName: input.lastName,
    phone: input.phone,
    language: input.language,
    marketingConsent: false,
    passwordHash: input.passwordHash,
    status: 'validated',
    origin: 'registration',
  });
  await sendWelcomeEmail(ctx, trx, account, true);
  return { accountId: account.id, created: true };
}
