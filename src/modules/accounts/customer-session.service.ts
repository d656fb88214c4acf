import { createHash } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { Ctx } from '../../core/context.ts';
import { newId, randomToken } from '../../core/ids.ts';
import type { Database } from '../../db/database.ts';
import type { CustomerAccountStatus, DB } from '../../db/schema.ts';

export const CUSTOMER_COOKIE = 'clientela_customer';
const IDLE_MS = 12 * 60 * 60_000; // a customer session lives 12 h after its last use

export const hashSecret = (token: string) => createHash('sha256').update(token).digest('hex');

/** The signed-in customer of a request. */
export interface CustomerPrincipal {
  orgId: string;
  accountId: string;
  guestId: string;
  status: CustomerAccountStatus;
  username: string;
}

/** A customer principal with its session (the auth layer checks the CSRF token on writes). */
export interface CustomerSession extends CustomerPrincipal {
  sessionId: string;
  csrfToken: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by the auth hook on 'customer' routes; resolved lazily by customerOf elsewhere. */
    customer: CustomerSession | null | undefined;
  }
}

/** Opens a customer session; returns the cookie token and the CSRF token. */
export async function openCustomerSession(
  system: Kysely<DB>,
  account: { orgId: string; id: string },
  meta: { ip: string; userAgent: string | undefined },
): Promise<{ token: string; csrfToken: string }> {
  const token = `${newId('cses')}.${randomToken(32)}`;
  const csrfToken = randomToken(24);
  await system
    .insertInto('customerSession')
    .values({
      orgId: account.orgId,
      id: hashSecret(token),
      accountId: account.id,
      csrfToken,
      ip: meta.ip,
      userAgent: meta.userAgent?.slice(0, 400) ?? null,
      expiresAt: new Date(Date.now() + IDLE_MS),
    })
    .execute();
  return { token, csrfToken };
}

/** Resolves a customer session cookie, sliding its expiry; undefined when invalid or the account can't sign in. */
export async function resolveCustomerSession(system: Kysely<DB>, token: string): Promise<CustomerSession | undefined> {
  const id = hashSecret(token);
  const row = await system
    .selectFrom('customerSession as s')
    .innerJoin('customerAccount as a', (j) => j.onRef('a.orgId', '=', 's.orgId').onRef('a.id', '=', 's.accountId'))
    .select([
      's.id',
      's.orgId',
      's.accountId',
      's.csrfToken',
      's.expiresAt',
      's.lastSeenAt',
      'a.guestId',
      'a.status',
      'a.username',
      'a.emailVerifiedAt',
    ])
    .where('s.id', '=', id)
    .executeTakeFirst();
  if (!row || row.expiresAt < new Date() || row.status !== 'validated') return undefined;
  // Only an account that proved its e-mail acts (issue 11, 1); it is linked to a profile then.
  if (!row.emailVerifiedAt || row.guestId === null) return undefined;
  const guestId = row.guestId;
  if (Date.now() - row.lastSeenAt.getTime() > 60_000) {
    await system
      .updateTable('customerSession')
      .set({ lastSeenAt: new Date(), expiresAt: new Date(Date.now() + IDLE_MS) })
      .where('orgId', '=', row.orgId)
      .where('id', '=', id)
      .execute();
  }
  return {
    orgId: row.orgId,
    accountId: row.accountId,
    guestId,
    status: row.status,
    username: row.username,
    sessionId: row.id,
    csrfToken: row.csrfToken,
  };
}

/** The signed-in customer of a request (cookie `clientela_customer`), or undefined. */
export async function customerOf(req: FastifyRequest, database: Database): Promise<CustomerPrincipal | undefined> {
  const session = await customerSessionOf(req, database);
  if (!session) return undefined;
  const { orgId, accountId, guestId, status, username } = session;
  return { orgId, accountId, guestId, status, username };
}

/** Like customerOf, with the session's ids (cached on the request). */
export async function customerSessionOf(req: FastifyRequest, database: Database): Promise<CustomerSession | undefined> {
  if (req.customer !== undefined) return req.customer ?? undefined;
  const token = req.cookies[CUSTOMER_COOKIE];
  const session = token ? await resolveCustomerSession(database.system, token).catch(() => undefined) : undefined;
  req.customer = session ?? null;
  return session;
}

/** The tenant-scoped context of a customer request: the customer's account acts. */
export function customerCtx(database: Database, c: CustomerPrincipal, requestId: string | null, ip?: string): Ctx {
  return {
    db: database.forOrg(c.orgId),
    orgId: c.orgId,
    actor: { actorType: 'customer', actorId: c.accountId },
    requestId,
    // Consent changed in the customer area is recorded with the customer's IP (P-4).
    consentSource: 'account',
    ...(ip ? { ip } : {}),
    permissions: 'customer',
  };
}

/** Ends one session, or all sessions of an account (password changed or reset, account cancelled). */
export async function endCustomerSessions(
  db: Kysely<DB>,
  where: { orgId: string; accountId: string; exceptSessionId?: string } | { orgId: string; sessionId: string },
): Promise<void> {
  let q = db.deleteFrom('customerSession').where('orgId', '=', where.orgId);
  if ('sessionId' in where) q = q.where('id', '=', where.sessionId);
  else {
    q = q.where('accountId', '=', where.accountId);
    if (where.exceptSessionId) q = q.where('id', '!=', where.exceptSessionId);
  }
  await q.execute();
}
