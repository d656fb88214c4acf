import type { Ctx } from '../../core/context.ts';
import { AppError, forbidden, invalid, notFound } from '../../core/errors.ts';
import { decodeCursor, encodeCursor } from '../../core/cursor.ts';
import { enqueueJob } from '../../jobs/queue.ts';
import type { Database, TenantDb } from '../../db/database.ts';
import type { CustomerAccountRow, CustomerAccountStatus } from '../../db/schema.ts';
import { recordAudit } from '../audit/index.ts';
import { openSignInAttempt, recordSignInFailure, recordSignInSuccess } from '../auth/login-throttle.service.ts';
import { hashPassword, verifyPassword } from '../auth/password.ts';
import { queueEmail } from '../email/index.ts';
import { refreshGuestSystemGroups } from '../guests/index.ts';
import { accountUrl, hotelName } from './account-emails.ts';
import { PASSWORD_RESET_JOB } from './account.jobs.ts';
import { findAccountByUsername, normaliseEmail } from './account-registration.service.ts';
import { verifyAccountEmail, writeOwnDetailsToProfile } from './account-verification.service.ts';
import { assertCustomerPassword } from './customer-password.ts';
import {
  endCustomerSessions,
  hashSecret,
  openCustomerSession,
  type CustomerSession,
} from './customer-session.service.ts';

/**
 * Customer sign-in (A-3): validated accounts with a password and a verified e-mail (issue 11:
 * an account acts only once it has proved its e-mail); New / Cancelled / unverified get a clear
 * 403, and only after the right password, so the answer tells nothing to someone without it.
 */
export async function loginCustomer(
  database: Database,
  orgId: string,
  input: { email: string; password: string; ip: string; userAgent: string | undefined },
): Promise<{ account: CustomerAccountRow & { guestId: string }; token: string; csrfToken: string }> {
  const db = database.forOrg(orgId);
  const email = normaliseEmail(input.email);
  const key = `customer:${orgId}:${email}`;
  const gate = await openSignInAttempt(database.system, { account: key, realm: 'customer', ip: input.ip });
  const account = await findAccountByUsername(db, email);
  const ok = await verifyPassword(account?.passwordHash ?? undefined, input.password);
  if (!account || !ok) {
    const subject = account && { orgId, type: 'customer' as const, id: account.id, email };
    await recordSignInFailure(database, gate, subject);
    throw new AppError('unauthenticated', 'invalid_credentials', 'The e-mail or the password is not correct');
  }
  if (account.status === 'new')
    throw forbidden(
      'Your account is waiting for the hotel to validate it. You will get an e-mail when it is ready.',
      'account_pending_validation',
    );
  if (account.status === 'cancelled')
    throw forbidden('This account has been cancelled. Please contact the hotel.', 'account_cancelled');
  // The password was right: the source is known from now on, even if the e-mail still needs confirming.
  await recordSignInSuccess(database.system, gate);
  if (!account.emailVerifiedAt || !account.guestId)
    throw forbidden(
      'Please confirm your e-mail first: open the link we sent you, then sign in.',
      'account_email_not_verified',
    );
  const session = await openCustomerSession(database.system, account, input);
  await db.updateTable('customerAccount').set({ lastLoginAt: new Date() }).where('id', '=', account.id).execute();
  return { account: { ...account, guestId: account.guestId }, ...session };
}

/**
 * Forgotten password: the request only queues a job naming the e-mail (one insert, whether or not
 * an account exists), so the answer is the same and takes the same time for known and unknown
 * e-mails (issue 11, 13); the worker sends the reset link when there is an account.
 */
export async function forgotPassword(ctx: Ctx, email: string): Promise<void> {
  const normalised = normaliseEmail(email);
  await enqueueJob(
    ctx.db,
    PASSWORD_RESET_JOB,
    { email: normalised },
    // One waiting request per address: sending the form again does not pile up jobs.
    { orgId: ctx.orgId, dedupeKey: `${ctx.orgId}:${normalised}`, maxAttempts: 3 },
  );
}

type Bad = (code: string, message: string) => AppError;
const badToken: Bad = (code, message) => invalid(code, message, [{ field: 'token', message, code }]);

/** Uses a one-time link of one of `purposes` in a transaction; expired, used, unknown or another kind → 400. */
async function useToken<T>(
  database: Database,
  token: string,
  purposes: readonly string[],
  fn: (ctx: Ctx, trx: TenantDb, row: { accountId: string; purpose: string }) => Promise<T>,
): Promise<{ ctx: Ctx; result: T; accountId: string }> {
  const id = hashSecret(token);
  const row = await database.system.selectFrom('customerToken').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row || !purposes.includes(row.purpose))
    throw badToken('token_invalid', 'This link is not valid. Ask for a new one.');
  if (row.usedAt) throw badToken('token_used', 'This link has already been used. Ask for a new one if you need to.');
  if (row.expiresAt < new Date()) throw badToken('token_expired', 'This link has expired. Ask for a new one.');
  const ctx: Ctx = {
    db: database.forOrg(row.orgId),
    orgId: row.orgId,
    actor: { actorType: 'customer', actorId: row.accountId },
    requestId: null,
    permissions: 'customer',
  };
  let linkedNow = false;
  const result = await ctx.db.transaction().execute(async (trx) => {
    // Single use even when two requests race: only one flips used_at.
    const used = await trx
      .updateTable('customerToken')
      .set({ usedAt: new Date() })
      .where('id', '=', id)
      .where('usedAt', 'is', null)
      .returning('accountId')
      .executeTakeFirst();
    if (!used) throw badToken('token_used', 'This link has already been used. Ask for a new one if you need to.');
    // The link reached the inbox of the username: the e-mail is verified (issue 11, 1).
    linkedNow = await verifyAccountEmail(ctx, trx, row.accountId);
    return fn(ctx, trx, row);
  });
  if (linkedNow) await carryEntriesToProfile(ctx, row.accountId);
  return { ctx, result, accountId: row.accountId };
}

/** Once linked: what the account entered at registration reaches its (new or linked) profile. */
async function carryEntriesToProfile(ctx: Ctx, accountId: string): Promise<void> {
  const a = await ctx.db
    .selectFrom('customerAccount')
    .select(['phone', 'address', 'marketingConsent'])
    .where('id', '=', accountId)
    .executeTakeFirstOrThrow();
  await writeOwnDetailsToProfile(ctx, accountId, {
    phone: a.phone ?? undefined,
    address: a.address ?? undefined,
    marketingConsent: a.marketingConsent ? true : undefined,
  });
}

/** Sets the password from a one-time link (set-password or reset); the e-mail counts as verified. */
export async function setPasswordWithToken(
  database: Database,
  token: string,
  password: string,
): Promise<{ status: CustomerAccountStatus }> {
  assertCustomerPassword(password);
  const hash = await hashPassword(password);
  const { result } = await useToken(database, token, ['set_password', 'reset_password'], async (ctx, trx, row) => {
    const account = await trx
      .updateTable('customerAccount')
      .set({ passwordHash: hash, updatedAt: new Date() })
      .where('id', '=', row.accountId)
      .returning(['id', 'status'])
      .executeTakeFirstOrThrow();
    await endCustomerSessions(trx, { orgId: ctx.orgId, accountId: row.accountId });
    await recordAudit(
      ctx,
      row.purpose === 'set_password' ? 'account.password_set' : 'account.password_reset',
      { type: 'customer_account', id: account.id },
      {},
      trx,
    );
    return { status: account.status };
  });
  return result;
}

/** Confirms the e-mail of an account registered with a password (issue 11, 19). */
export async function verifyEmailWithToken(
  database: Database,
  token: string,
): Promise<{ status: CustomerAccountStatus; hasPassword: boolean }> {
  const { result } = await useToken(database, token, ['verify_email'], async (_ctx, trx, row) => {
    const a = await trx
      .selectFrom('customerAccount')
      .select(['status', 'passwordHash'])
      .where('id', '=', row.accountId)
      .executeTakeFirstOrThrow();
    return { status: a.status, hasPassword: a.passwordHash !== null };
  });
  return result;
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
  assertCustomerPassword(next, 'new', [account.username]);
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

export type AccountListRow = CustomerAccountRow;

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
  // The names the account holder entered (the account's own), not its linked profile's.
  let q = ctx.db.selectFrom('customerAccount as a').selectAll('a');
  if (query.status) q = q.where('a.status', '=', query.status);
  if (query.q?.trim()) {
    const like = `%${query.q
      .trim()
      .toLowerCase()
      .replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    q = q.where((eb) =>
      eb.or([
        eb(eb.fn('lower', ['a.username']), 'like', like),
        eb(eb.fn('lower', ['a.firstName']), 'like', like),
        eb(eb.fn('lower', ['a.lastName']), 'like', like),
      ]),
    );
  }
  if (query.cursor) {
    const [at, id] = decodeCursor(query.cursor, 'accounts', ['timestamp', 'string']);
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
    // Customer ↔ Guest default group follows the account's status (issue 11 #22).
    if (account.guestId) await refreshGuestSystemGroups(trx, [account.guestId]);
    if (decision === 'cancelled') await endCustomerSessions(trx, { orgId: ctx.orgId, accountId: id });
    else {
      await queueEmail(ctx, trx, {
        event: 'registration.validated',
        to: account.username,
        language: account.language,
        guestId: account.guestId,
        data: {
          firstName: account.firstName,
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
