import { sql, type Kysely } from 'kysely';
import type { Ctx } from '../../core/context.ts';
import { invalid } from '../../core/errors.ts';
import { newId, randomToken } from '../../core/ids.ts';
import type { TenantDb } from '../../db/database.ts';
import type { CustomerAccountRow, CustomerAccountStatus, DB } from '../../db/schema.ts';
import { recordAudit } from '../audit/index.ts';
import { hashPassword } from '../auth/password.ts';
import {
  DEFAULT_PHONE_COUNTRY,
  isInternational,
  loadPhoneCountries,
  normalisePhone,
  phoneCountryOrder,
} from '../guests/index.ts';
import { sendAccountExistsEmail, sendStaffAlert, sendWelcomeEmail } from './account-emails.ts';
import { getAccountSettings } from './account-settings.service.ts';
import { assertCustomerPassword } from './customer-password.ts';

/**
 * Creating customer accounts (A-2, A-4) under issue 11's rule: a new account is never linked to
 * an existing profile. It keeps the details its creator typed; the link to a CRM profile is made
 * when the e-mail is verified (account-verification.service.ts).
 */

export const normaliseEmail = (email: string) => email.trim().toLowerCase();

/** The account of a username (the e-mail, any case), or undefined. */
export async function findAccountByUsername(db: TenantDb, username: string): Promise<CustomerAccountRow | undefined> {
  return db
    .selectFrom('customerAccount')
    .selectAll()
    .where((eb) => eb(eb.fn('lower', ['username']), '=', normaliseEmail(username)))
    .executeTakeFirst();
}

/**
 * A phone as typed, checked like the guest profile's (400 on the field when it is not a number): a
 * national number is read with the customer's own country (`own`), then the organisation's
 * (issue 14 point 6a; phone-countries.ts).
 */
export async function checkPhone(
  db: Kysely<DB>,
  phone: string | null | undefined,
  own: readonly (string | null | undefined)[] = [],
  field = 'phone',
): Promise<string | null> {
  if (!phone?.trim()) return null;
  const parsed = normalisePhone(phone, await accountPhoneCountries(db, phone, own));
  if (!parsed)
    throw invalid('validation_failed', 'The phone number is not valid', [
      { field, message: 'is not a valid phone number' },
    ]);
  return parsed.display;
}

/** The countries to read a customer's number with (the organisation's read only for a national number). */
async function accountPhoneCountries(
  db: Kysely<DB>,
  phone: string,
  own: readonly (string | null | undefined)[],
): Promise<string[]> {
  if (isInternational(phone)) return [DEFAULT_PHONE_COUNTRY];
  return phoneCountryOrder(await loadPhoneCountries(db), own);
}

/** The number typed at checkout when it reads as a phone with the guest's country, then the organisation's. */
async function guestPhoneDisplay(db: Kysely<DB>, guestId: string, phone: string): Promise<string | null> {
  const guest = await db.selectFrom('guest').select('country').where('id', '=', guestId).executeTakeFirst();
  return normalisePhone(phone, await accountPhoneCountries(db, phone, [guest?.country]))?.display ?? null;
}

interface NewAccount {
  email: string;
  firstName: string;
  lastName: string;
  phone: string | null;
  language: string | null;
  marketingConsent: boolean;
  passwordHash: string | null;
  status: CustomerAccountStatus;
  origin: 'registration' | 'checkout' | 'staff';
}

/** Inserts the account row with the details its creator entered; no profile link yet. */
export async function insertAccount(ctx: Ctx, trx: TenantDb, input: NewAccount): Promise<CustomerAccountRow> {
  const now = new Date();
  const row = await trx
    .insertInto('customerAccount')
    .values({
      orgId: ctx.orgId,
      id: newId('cus'),
      guestId: null,
      username: normaliseEmail(input.email),
      passwordHash: input.passwordHash,
      status: input.status,
      origin: input.origin,
      firstName: input.firstName,
      lastName: input.lastName,
      phone: input.phone,
      language: input.language,
      marketingConsent: input.marketingConsent,
      createdAt: now,
      updatedAt: now,
      validatedAt: input.status === 'validated' ? now : null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  await recordAudit(
    ctx,
    'account.created',
    { type: 'customer_account', id: row.id },
    { status: input.status, origin: input.origin, withPassword: input.passwordHash !== null },
    trx,
  );
  return row;
}

const statusFor = async (db: Kysely<DB>, orgId: string): Promise<CustomerAccountStatus> =>
  (await getAccountSettings(db, orgId)).registrationMode === 'validation' ? 'new' : 'validated';

/** Two registrations of one e-mail at once must not make two accounts. */
export const lockUsername = (trx: TenantDb, orgId: string, email: string) =>
  sql`select pg_advisory_xact_lock(hashtext(${`account:${orgId}:${normaliseEmail(email)}`}))`.execute(trx);

/**
 * Gives the checkout's customer an account if the e-mail has none (A-1 "create an account"):
 * the account holds the names, phone and consent typed at checkout — never the profile the
 * resolver picked for the booking, which may be someone else's (issue 11, 1) — and gets A-2's
 * set-password link, which also verifies the e-mail. Registration mode applies (A-4).
 */
export async function ensureAccountForGuest(
  ctx: Ctx,
  trx: Kysely<DB>,
  input: {
    guestId: string;
    email: string;
    language?: string | null;
    /** What the visitor typed at checkout; the profile's names are used only when absent. */
    person?: { firstName?: string; lastName?: string; phone?: string; marketingConsent?: boolean };
  },
): Promise<{ accountId: string; created: boolean }> {
  await lockUsername(trx, ctx.orgId, input.email);
  const linked = await trx
    .selectFrom('customerAccount')
    .select('id')
    .where('guestId', '=', input.guestId)
    .executeTakeFirst();
  if (linked) return { accountId: linked.id, created: false };
  const byName = await findAccountByUsername(trx, input.email);
  // The e-mail already has an account: never a second one, and nothing changes on it.
  if (byName) return { accountId: byName.id, created: false };
  const names =
    input.person ??
    (await trx
      .selectFrom('guest')
      .select(['firstName', 'lastName'])
      .where('id', '=', input.guestId)
      .executeTakeFirst());
  const account = await insertAccount(ctx, trx, {
    email: input.email,
    firstName: names?.firstName ?? '',
    lastName: names?.lastName ?? '',
    phone: input.person?.phone ? await guestPhoneDisplay(trx, input.guestId, input.person.phone) : null,
    language: input.language ?? null,
    marketingConsent: input.person?.marketingConsent === true,
    passwordHash: null,
    status: await statusFor(trx, ctx.orgId),
    origin: 'checkout',
  });
  await sendWelcomeEmail(ctx, trx, account, false);
  if (account.status === 'new') await sendStaffAlert(ctx, trx, account);
  return { accountId: account.id, created: true };
}

export interface RegisterInput {
  email: string;
  firstName: string;
  lastName: string;
  password?: string | undefined;
  phone?: string | null | undefined;
  language?: 'en' | 'es' | 'fr' | undefined;
  marketingConsent?: boolean | undefined;
}

/**
 * Self-registration (A-4; issue 11 points 1, 13, 19): creates an account with the details typed
 * (and the password, when given) and e-mails a link that verifies the e-mail. Direct mode →
 * Validated, validation mode → New and a staff alert. A known e-mail gets the same answer and
 * its owner an `account.exists` notice instead, so the form does not tell who has an account.
 */
export async function register(ctx: Ctx, input: RegisterInput): Promise<{ status: CustomerAccountStatus }> {
  if (input.password !== undefined)
    assertCustomerPassword(input.password, 'password', [input.email, input.firstName, input.lastName]);
  const phone = await checkPhone(ctx.db, input.phone);
  const status = await statusFor(ctx.db, ctx.orgId);
  // Hashed in both branches (argon2 is most of the time): a known e-mail answers as fast as a new one.
  const passwordHash = await hashPassword(input.password ?? randomToken(24));
  await ctx.db.transaction().execute(async (trx) => {
    await lockUsername(trx, ctx.orgId, input.email);
    const existing = await findAccountByUsername(trx, input.email);
    if (existing) {
      if (existing.status !== 'cancelled') await sendAccountExistsEmail(ctx, trx, existing);
      return;
    }
    const account = await insertAccount(ctx, trx, {
      email: input.email,
      firstName: input.firstName,
      lastName: input.lastName,
      phone,
      language: input.language ?? null,
      marketingConsent: input.marketingConsent === true,
      passwordHash: input.password === undefined ? null : passwordHash,
      status,
      origin: 'registration',
    });
    await sendWelcomeEmail(ctx, trx, account, input.password !== undefined);
    if (status === 'new') await sendStaffAlert(ctx, trx, account);
  });
  return { status };
}
