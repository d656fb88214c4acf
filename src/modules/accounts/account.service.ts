import { sql, type Kysely } from 'kysely';
import type { Ctx } from '../../core/context.ts';
import { AppError, conflict, forbidden, invalid, notFound } from '../../core/errors.ts';
import { decodeCursor, encodeCursor } from '../../core/cursor.ts';
import { newId, randomToken } from '../../core/ids.ts';
import type { Database, TenantDb } from '../../db/database.ts';
import type { CustomerAccountRow, CustomerAccountStatus, DB } from '../../db/schema.ts';
import { recordAudit } from '../audit/index.ts';
import {
  assertNotThrottled,
  clearLoginFailures,
  recordLoginFailure,
  throttleKeys,
} from '../auth/login-throttle.service.ts';
import { hashPassword, verifyPassword } from '../auth/password.ts';
import { queueEmail } from '../email/index.ts';
import { linkGuestAccount, refreshGuestSystemGroups } from '../guests/index.ts';
import { resolvePerson } from '../identity/index.ts';
import { getAccountSettings } from './account-settings.service.ts';
import {
  endCustomerSessions,
  hashSecret,
  openCustomerSession,
  type CustomerSession,
} from './customer-session.service.ts';

const SET_PASSWORD_MS = 48 * 3600_000;
const RESET_MS = 3600_000;

let publicUrl = (process.env.PUBLIC_URL ?? 'http://localhost:3000').replace(/\/+$/, '');
/** The base of the links in account e-mails (config.publicUrl), set when the routes are registered. */
export function configureAccountLinks(url: string): void {
  publicUrl = url.replace(/\/+$/, '');
}
export const accountUrl = (path: string) => `${publicUrl}${path}`;

const normaliseEmail = (email: string) => email.trim().toLowerCase();

async function findAccountByUsername(db: TenantDb, username: string) {
  return db
    .selectFrom('customerAccount')
    .selectAll()
    .where((eb) => eb(eb.fn('lower', ['username']), '=', normaliseEmail(username)))
    .executeTakeFirst();
}

async function hotelName(db: TenantDb, orgId: string): Promise<string> {
  const org = await db.selectFrom('organisation').select('name').where('id', '=', orgId).executeTakeFirst();
  return org?.name ?? '';
}

async function guestNames(db: TenantDb, guestId: string) {
  const g = await db
    .selectFrom('guest')
    .select(['firstName', 'lastName', 'language'])
    .where('id', '=', guestId)
    .executeTakeFirst();
  return g ?? { firstName: '', lastName: '', language: null };
}

/** Issues a one-time token (stored hashed) and returns it in clear with its expiry. */
async function issueToken(
  ctx: Ctx,
  trx: TenantDb,
  accountId: string,
  purpose: 'set_password' | 'reset_password',
): Promise<{ token: string; expiresAt: Date }> {
  const token = randomToken(32);
  const expiresAt = new Date(Date.now() + (purpose === 'set_password' ? SET_PASSWORD_MS : RESET_MS));
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

/** Queues A-2's e-mail: the username and a one-time link to set the password. */
async function sendSetPasswordEmail(
  ctx: Ctx,
  trx: TenantDb,
  account: { id: string; guestId: string; username: string },
  language?: string | null,
) {
  const { token, expiresAt } = await issueToken(ctx, trx, account.id, 'set_password');
  const g = await guestNames(trx, account.guestId);
  await queueEmail(ctx, trx, {
    event: 'account.created',
    to: account.username,
    language: language ?? g.language,
    guestId: account.guestId,
    data: {
      firstName: g.firstName,
      username: account.username,
      setPasswordUrl: accountUrl(`/account/set-password?token=${encodeURIComponent(token)}`),
      expiresAt: expiresAt.toISOString(),
      hotelName: await hotelName(trx, ctx.orgId),
    },
  });
}

/** Alerts the owners and managers that a registrant waits for validation (A-4). */
async function sendStaffAlert(ctx: Ctx, trx: TenantDb, account: { id: string; guestId: string; username: string }) {
  const staff = await trx
    .selectFrom('staffUser')
    .select(['email', 'language'])
    .where('role', 'in', ['owner', 'manager'])
    .where('active', '=', true)
    .execute();
  const g = await guestNames(trx, account.guestId);
  const name = await hotelName(trx, ctx.orgId);
  for (const s of staff) {
    await queueEmail(ctx, trx, {
      event: 'registration.staff_alert',
      to: s.email,
      language: s.language,
      data: {
        firstName: g.firstName,
        lastName: g.lastName,
        email: account.username,
        reviewUrl: accountUrl('/admin/settings/accounts?status=new'),
        hotelName: name,
      },
      dedupeKey: `registration.staff_alert:${account.id}:${s.email}`,
    });
  }
}

/** Creates the account row for a guest and links the profile (username = e-mail, A-6). */
async function insertAccount(
  ctx: Ctx,
  trx: TenantDb,
  input: {
    guestId: string;
    email: string;
    status: CustomerAccountStatus;
    origin: 'registration' | 'checkout' | 'staff';
  },
) {
  const username = normaliseEmail(input.email);
  const taken = await findAccountByUsername(trx, username);
  if (taken)
    throw conflict('username_taken', 'An account with this e-mail already exists', [
      { field: 'email', message: 'an account with this e-mail already exists', code: 'username_taken' },
    ]);
  const id = newId('cus');
  const now = new Date();
  await trx
    .insertInto('customerAccount')
    .values({
      orgId: ctx.orgId,
      id,
      guestId: input.guestId,
      username,
      passwordHash: null,
      status: input.status,
      origin: input.origin,
      createdAt: now,
      updatedAt: now,
      validatedAt: input.status === 'validated' ? now : null,
    })
    .execute();
  await linkGuestAccount(ctx, trx, input.guestId, { userId: id, username });
  await refreshGuestSystemGroups(trx, [input.guestId]);
  await recordAudit(
    ctx,
    'account.created',
    { type: 'customer_account', id },
    { guestId: input.guestId, status: input.status, origin: input.origin },
    trx,
  );
  return { id, guestId: input.guestId, username, status: input.status };
}

/**
 * Gives the guest an account if they have none (username = e-mail; A-6: reuses the guest's
 * profile) and queues the A-2 e-mail with a one-time set-password link. The registration mode
 * applies: with validation, the account starts New and staff are alerted.
 */
export async function ensureAccountForGuest(
  ctx: Ctx,
  trx: Kysely<DB>,
  input: { guestId: string; email: string; language?: string | null },
): Promise<{ accountId: string; created: boolean }> {
  const existing = await trx
    .selectFrom('customerAccount')
    .select('id')
    .where('guestId', '=', input.guestId)
    .executeTakeFirst();
  if (existing) return { accountId: existing.id, created: false };
  const byName = await findAccountByUsername(trx, input.email);
  // The e-mail already belongs to another profile's account: never a second customer record.
  if (byName) return { accountId: byName.id, created: false };
  const settings = await getAccountSettings(trx, ctx.orgId);
  const status = settings.registrationMode === 'validation' ? 'new' : 'validated';
  const account = await insertAccount(ctx, trx, {
    guestId: input.guestId,
    email: input.email,
    status,
    origin: 'checkout',
  });
  await sendSetPasswordEmail(ctx, trx, account, input.language);
  if (status === 'new') await sendStaffAlert(ctx, trx, account);
  return { accountId: account.id, created: true };
}

export interface RegisterInput {
  email: string;
  firstName: string;
  lastName: string;
  phone?: string | null | undefined;
  language?: 'en' | 'es' | 'fr' | undefined;
  marketingConsent?: boolean | undefined;
}

/**
 * Self-registration (A-4): reuses the profile that already holds the e-mail (A-6) or creates one;
 * direct mode → Validated, validation mode → New and a staff alert. The registrant always gets
 * the set-password link.
 */
export async function register(
  ctx: Ctx,
  input: RegisterInput,
): Promise<{ accountId: string; status: CustomerAccountStatus }> {
  const settings = await getAccountSettings(ctx.db, ctx.orgId);
  const status: CustomerAccountStatus = settings.registrationMode === 'validation' ? 'new' : 'validated';
  return ctx.db.transaction().execute(async (trx) => {
    // Two registrations of one e-mail at once must not create two profiles.
    await sql`select pg_advisory_xact_lock(hashtext(${`account:${ctx.orgId}:${normaliseEmail(input.email)}`}))`.execute(
      trx,
    );
    // The identity resolver (I-2) finds the profile of the same person (same e-mail and a
    // compatible name: A-6, earlier bookings stay theirs) or creates one; a family member who
    // shares the e-mail but not the name is another person and never gets someone else's profile.
    const guestId = await resolvePerson(
      ctx,
      trx,
      {
        firstName: input.firstName,
        lastName: input.lastName,
        email: normaliseEmail(input.email),
        phone: input.phone?.trim() || undefined,
        language: input.language,
        marketingConsent: input.marketingConsent,
      },
      { source: 'registration', role: 'customer' },
    );
    const linked = await trx
      .selectFrom('customerAccount')
      .select('id')
      .where('guestId', '=', guestId)
      .executeTakeFirst();
    if (linked) {
      throw conflict('username_taken', 'An account with this e-mail already exists', [
        { field: 'email', message: 'this person already has an account', code: 'username_taken' },
      ]);
    }
    const account = await insertAccount(ctx, trx, { guestId, email: input.email, status, origin: 'registration' });
    await sendSetPasswordEmail(ctx, trx, account, input.language);
    if (status === 'new') await sendStaffAlert(ctx, trx, account);
    return { accountId: account.id, status };
  });
}

/** Customer sign-in (A-3): only validated accounts with a password; New / Cancelled get a clear 403. */
export async function loginCustomer(
  database: Database,
  orgId: string,
  input: { email: string; password: string; ip: string; userAgent: string | undefined },
): Promise<{ account: CustomerAccountRow; token: string; csrfToken: string }> {
  const db = database.forOrg(orgId);
  const email = normaliseEmail(input.email);
  const keys = throttleKeys(`customer:${orgId}:${email}`, `customer:${input.ip}`);
  await assertNotThrottled(database.system, keys);
  const account = await findAccountByUsername(db, email);
  const ok = await verifyPassword(account?.passwordHash ?? undefined, input.password);
  if (!account || !ok) {
    await recordLoginFailure(database.system, keys);
    throw new AppError('unauthenticated', 'invalid_credentials', 'The e-mail or the password is not correct');
  }
  if (account.status === 'new')
    throw forbidden(
      'Your account is waiting for the hotel to validate it. You will get an e-mail when it is ready.',
      'account_pending_validation',
    );
  if (account.status === 'cancelled')
    throw forbidden('This account has been cancelled. Please contact the hotel.', 'account_cancelled');
  await clearLoginFailures(database.system, keys.account);
  const session = await openCustomerSession(database.system, account, input);
  await db.updateTable('customerAccount').set({ lastLoginAt: new Date() }).where('id', '=', account.id).execute();
  return { account, ...session };
}

/** Forgotten password: queues a reset link when the account exists; says nothing either way. */
export async function forgotPassword(ctx: Ctx, email: string): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    const account = await findAccountByUsername(trx, email);
    if (!account || account.status === 'cancelled') return;
    const { token, expiresAt } = await issueToken(ctx, trx, account.id, 'reset_password');
    const g = await guestNames(trx, account.guestId);
    await queueEmail(ctx, trx, {
      event: 'account.password_reset',
      to: account.username,
      language: g.language,
      guestId: account.guestId,
      data: {
        firstName: g.firstName,
        username: account.username,
        resetUrl: accountUrl(`/account/reset-password?token=${encodeURIComponent(token)}`),
        expiresAt: expiresAt.toISOString(),
        hotelName: await hotelName(trx, ctx.orgId),
      },
    });
  });
}

/** Sets the password from a one-time link (set-password or reset); expired, used or unknown → 400. */
export async function setPasswordWithToken(
  database: Database,
  token: string,
  password: string,
): Promise<{ status: CustomerAccountStatus }> {
  const id = hashSecret(token);
  const row = await database.system.selectFrom('customerToken').selectAll().where('id', '=', id).executeTakeFirst();
  const bad = (code: string, message: string) => invalid(code, message, [{ field: 'token', message, code }]);
  if (!row) throw bad('token_invalid', 'This link is not valid. Ask for a new one.');
  if (row.usedAt) throw bad('token_used', 'This link has already been used. Ask for a new one if you need to.');
  if (row.expiresAt < new Date()) throw bad('token_expired', 'This link has expired. Ask for a new one.');
  const hash = await hashPassword(password);
  const ctx: Ctx = {
    db: database.forOrg(row.orgId),
    orgId: row.orgId,
    actor: { actorType: 'customer', actorId: row.accountId },
    requestId: null,
  };
  return ctx.db.transaction().execute(async (trx) => {
    // Single use even when two requests race: only one flips used_at.
    const used = await trx
      .updateTable('customerToken')
      .set({ usedAt: new Date() })
      .where('id', '=', id)
      .where('usedAt', 'is', null)
      .returning('accountId')
      .executeTakeFirst();
    if (!used) throw bad('token_used', 'This link has already been used. Ask for a new one if you need to.');
    const account = await trx
      .updateTable('customerAccount')
      .set({ passwordHash: hash, updatedAt: new Date() })
      .where('id', '=', row.accountId)
      .returning(['id', 'status'])
      .executeTakeFirstOrThrow();
    await endCustomerSessions(trx, { orgId: row.orgId, accountId: row.accountId });
    await recordAudit(
      ctx,
      row.purpose === 'set_password' ? 'account.password_set' : 'account.password_reset',
      { type: 'customer_account', id: account.id },
      {},
      trx,
    );
    return { status: account.status };
  });
}

/** Changes the signed-in customer's password; other sessions are signed out. */
export async function changePassword(ctx: Ctx, session: CustomerSession, current: string, next: string): Promise<void> {
  const account = await ctx.db
    .selectFrom('customerAccount')
    .selectAll()
    .where('id', '=', session.accountId)
    .executeTakeFirst();
  if (!account) throw notFound('Account');
  if (!(await verifyPassword(account.passwordHash ?? undefined, current))) {
    throw invalid('wrong_password', 'The current password is not correct', [
      { field: 'current', message: 'is not correct', code: 'wrong_password' },
    ]);
  }
  const hash = await hashPassword(next);
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('customerAccount')
      .set({ passwordHash: hash, updatedAt: new Date() })
      .where('id', '=', account.id)
      .execute();
    await endCustomerSessions(trx, { orgId: ctx.orgId, accountId: account.id, exceptSessionId: session.sessionId });
    await recordAudit(ctx, 'account.password_changed', { type: 'customer_account', id: account.id }, {}, trx);
  });
}

export async function getAccount(db: TenantDb, id: string): Promise<CustomerAccountRow> {
  const row = await db.selectFrom('customerAccount').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('Account');
  return row;
}

export type AccountListRow = CustomerAccountRow & { firstName: string; lastName: string };

/** Staff list of accounts, newest first, optionally by status or a search on e-mail / name. */
export async function listAccounts(
  ctx: Ctx,
  query: {
    status?: CustomerAccountStatus | undefined;
    q?: string | undefined;
    limit: number;
    cursor?: string | undefined;
  },
): Promise<{ items: AccountListRow[]; nextCursor: string | null }> {
  let q = ctx.db
    .selectFrom('customerAccount as a')
    .innerJoin('guest as g', (j) => j.onRef('g.orgId', '=', 'a.orgId').onRef('g.id', '=', 'a.guestId'))
    .selectAll('a')
    .select(['g.firstName', 'g.lastName']);
  if (query.status) q = q.where('a.status', '=', query.status);
  if (query.q?.trim()) {
    const like = `%${query.q
      .trim()
      .toLowerCase()
      .replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    q = q.where((eb) =>
      eb.or([
        eb(eb.fn('lower', ['a.username']), 'like', like),
        eb(eb.fn('lower', ['g.firstName']), 'like', like),
        eb(eb.fn('lower', ['g.lastName']), 'like', like),
      ]),
    );
  }
  if (query.cursor) {
    const [at, id] = decodeCursor(query.cursor, 'accounts', 2) as [string, string];
    q = q.where((eb) =>
      eb.or([
        eb('a.createdAt', '<', new Date(at)),
        eb.and([eb('a.createdAt', '=', new Date(at)), eb('a.id', '<', id)]),
      ]),
    );
  }
  const rows = await q
    .orderBy('a.createdAt', 'desc')
    .orderBy('a.id', 'desc')
    .limit(query.limit + 1)
    .execute();
  const items = rows.slice(0, query.limit);
  const last = items.at(-1);
  return {
    items,
    nextCursor:
      rows.length > query.limit && last ? encodeCursor('accounts', [last.createdAt.toISOString(), last.id]) : null,
  };
}

/** Staff decision on a registration (A-4): validate (sends registration.validated) or cancel (signs out). */
export async function decideAccount(
  ctx: Ctx,
  id: string,
  decision: 'validated' | 'cancelled',
): Promise<CustomerAccountRow> {
  return ctx.db.transaction().execute(async (trx) => {
    const account = await trx
      .selectFrom('customerAccount')
      .selectAll()
      .where('id', '=', id)
      .forUpdate()
      .executeTakeFirst();
    if (!account) throw notFound('Account');
    if (account.status === decision) return account;
    const now = new Date();
    const row = await trx
      .updateTable('customerAccount')
      .set(
        decision === 'validated'
          ? {
              status: 'validated',
              validatedAt: now,
              validatedBy: ctx.actor.actorId,
              cancelledAt: null,
              cancelledBy: null,
              updatedAt: now,
            }
          : { status: 'cancelled', cancelledAt: now, cancelledBy: ctx.actor.actorId, updatedAt: now },
      )
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await refreshGuestSystemGroups(trx, [account.guestId]);
    if (decision === 'cancelled') await endCustomerSessions(trx, { orgId: ctx.orgId, accountId: id });
    else {
      const g = await guestNames(trx, account.guestId);
      await queueEmail(ctx, trx, {
        event: 'registration.validated',
        to: account.username,
        language: g.language,
        guestId: account.guestId,
        data: {
          firstName: g.firstName,
          username: account.username,
          signInUrl: accountUrl('/account/sign-in'),
          hotelName: await hotelName(trx, ctx.orgId),
        },
        dedupeKey: `registration.validated:${id}:${now.getTime()}`,
      });
    }
    await recordAudit(
      ctx,
      decision === 'validated' ? 'account.validated' : 'account.cancelled',
      { type: 'customer_account', id },
      { from: account.status },
      trx,
    );
    return row;
  });
}
