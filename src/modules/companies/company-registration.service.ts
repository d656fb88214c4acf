import type { Kysely } from 'kysely';
import type { Ctx } from '../../core/context.ts';
import { AppError, invalid } from '../../core/errors.ts';
import { newId } from '../../core/ids.ts';
import type { DB } from '../../db/schema.ts';
import {
  assertCustomerPassword,
  checkPhone,
  ensureCompanyRegistrantAccount,
  sendStaffAlert,
} from '../accounts/index.ts';
import { recordAudit } from '../audit/index.ts';
import { hashPassword } from '../auth/password.ts';
import { countHit, throttleKey } from '../booking-site/index.ts';
import type { PersonResolver } from '../bookings/index.ts';
import { checkFormToken } from '../communication/index.ts';
import { recordCompanyChanges } from './company-history.service.ts';
import type { CompanyRegistrationInput } from './company-registration.schemas.ts';
import { columnsOf } from './company.service.ts';

/** Hourly limits of the public company registration form, per client IP and per contact e-mail. */
export const REGISTRATION_LIMITS = { perIpHour: 10, perEmailHour: 3 };

/**
 * "Register as a company" (issue 15 point 5, A-4): the company is created `new`, its first contact
 * is found or created through the identity resolver (being matched grants nothing until staff
 * validate) and made the purchasing contact, and gets a customer account (A-2's verified-e-mail
 * rule). Staff are alerted. Robots are turned away without being told, as on the contact form: a
 * filled honeypot or a form sent within seconds of being shown answers like a success and stores
 * nothing. A tax id already held by a validated company is accepted: the review shows both.
 */
export async function registerCompany(
  ctx: Ctx,
  system: Kysely<DB>,
  clientIp: string,
  input: CompanyRegistrationInput,
  resolvePerson: PersonResolver,
): Promise<{ stored: boolean; companyId: string | null }> {
  const decoy = { stored: false, companyId: null };
  if (input.website?.trim()) return decoy;
  const verdict = checkFormToken(ctx.orgId, input.formToken);
  if (verdict === 'too_fast') return decoy;
  if (verdict === 'invalid')
    throw invalid('form_expired', 'The form has expired: reload the page and send it again', [
      { field: 'formToken', message: 'invalid or expired' },
    ]);
  const { contact } = input;
  assertCustomerPassword(contact.password, 'contact.password', [contact.email, contact.firstName, contact.lastName]);
  const columns = await columnsOf(ctx, ctx.db, input.company, null);
  const phone = await checkPhone(ctx.db, contact.phone, [input.company.country], 'contact.phone');
  await enforceLimits(system, ctx.orgId, clientIp, contact.email);
  const passwordHash = await hashPassword(contact.password);
  const language = contact.language ?? input.company.language ?? null;

  const companyId = await ctx.db.transaction().execute(async (trx) => {
    const now = new Date();
    const company = await trx
      .insertInto('company')
      .values({
        orgId: ctx.orgId,
        id: newId('cmp'),
        name: input.company.name,
        ...columns,
        status: 'new',
        statusChangedAt: now,
      })
      .returning(['id', 'name'])
      .executeTakeFirstOrThrow();
    const guestId = await resolvePerson(
      ctx,
      trx,
      {
        firstName: contact.firstName,
        lastName: contact.lastName,
        email: contact.email,
        ...(phone ? { phone } : {}),
        ...(language ? { language } : {}),
      },
      { source: 'company_registration', role: 'customer' },
    );
    await trx
      .insertInto('companyContact')
      .values({ orgId: ctx.orgId, companyId: company.id, guestId, roles: ['purchasing'] })
      .execute();
    await ensureCompanyRegistrantAccount(ctx, trx, {
      email: contact.email,
      firstName: contact.firstName,
      lastName: contact.lastName,
      phone,
      language,
      passwordHash,
    });
    await recordCompanyChanges(ctx, trx, company.id, [
      { field: 'contacts', oldValue: null, newValue: { guestId, roles: ['purchasing'] } },
    ]);
    await recordAudit(ctx, 'company.registered', { type: 'company', id: company.id }, { guestId }, trx);
    await sendStaffAlert(
      ctx,
      trx,
      {
        id: company.id,
        guestId,
        username: contact.email,
        firstName: contact.firstName,
        lastName: contact.lastName,
        language,
      },
      '/admin/settings/accounts?tab=companies',
    );
    return company.id;
  });
  return { stored: true, companyId };
}

async function enforceLimits(system: Kysely<DB>, orgId: string, clientIp: string, email: string): Promise<void> {
  const byIp = await countHit(system, throttleKey('company-registration-ip', clientIp), 3600);
  const byEmail =
    byIp.hits > REGISTRATION_LIMITS.perIpHour
      ? byIp
      : await countHit(system, throttleKey('company-registration-email', orgId, email.toLowerCase()), 3600);
  const over = byIp.hits > REGISTRATION_LIMITS.perIpHour || byEmail.hits > REGISTRATION_LIMITS.perEmailHour;
  if (over)
    throw new AppError(
      'rate_limited',
      'too_many_registrations',
      'Too many registrations. Please try again later.',
      [],
      {
        'retry-after': String(Math.max(byIp.retryAfterSeconds, byEmail.retryAfterSeconds)),
      },
    );
}
