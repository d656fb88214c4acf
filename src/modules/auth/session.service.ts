import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import { AppError, unauthenticated } from '../../core/errors.ts';
import { newId, randomToken } from '../../core/ids.ts';
import type { DB, StaffUserRow } from '../../db/schema.ts';
import type { Database } from '../../db/database.ts';
import { openSignInAttempt, recordSignInFailure, recordSignInSuccess } from './login-throttle.service.ts';
import { verifyPassword } from './password.ts';
import { staffPermissions } from './permissions.ts';
import type { Principal } from './principal.ts';

export const SESSION_COOKIE = 'clientela_session';
const IDLE_MS = 12 * 60 * 60_000; // a session lives 12 h after its last use

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

export interface NewSession {
  token: string;
  csrfToken: string;
  staff: StaffUserRow;
}

/**
 * Verifies e-mail and password, throttled per account + source and per account (never locked:
 * see login-throttle.service.ts), and opens a session; returns the device cookie to set.
 */
export async function login(
  database: Database,
  input: { email: string; password: string; ip: string; userAgent: string | undefined; deviceToken?: string },
): Promise<NewSession & { deviceToken: string }> {
  const system = database.system;
  const email = input.email.trim().toLowerCase();
  const gate = await openSignInAttempt(system, {
    account: `staff:${email}`,
    realm: 'staff',
    ip: input.ip,
    deviceToken: input.deviceToken,
  });
  const staff = await system
    .selectFrom('staffUser')
    .selectAll()
    .where((eb) => eb(eb.fn('lower', ['email']), '=', email))
    .executeTakeFirst();
  const ok = await verifyPassword(staff?.passwordHash, input.password);
  if (!staff || !ok || !staff.active) {
    const subject = staff ? { orgId: staff.orgId, type: 'staff' as const, id: staff.id, email } : undefined;
    await recordSignInFailure(database, gate, subject);
    throw new AppError('unauthenticated', 'invalid_credentials', 'The e-mail or the password is not correct');
  }
  const deviceToken = await recordSignInSuccess(system, gate);
  return { ...(await openSession(system, staff, input)), deviceToken };
}

/** Opens a session for a staff member already authenticated (login, first-run owner). */
export async function openSession(
  system: Kysely<DB>,
  staff: StaffUserRow,
  meta: { ip: string; userAgent: string | undefined },
): Promise<NewSession> {
  const token = `${newId('ses')}.${randomToken(32)}`;
  const csrfToken = randomToken(24);
  await system.transaction().execute(async (trx) => {
    await trx
      .insertInto('staffSession')
      .values({
        orgId: staff.orgId,
        id: hashToken(token),
        staffId: staff.id,
        csrfToken,
        ip: meta.ip,
        userAgent: meta.userAgent?.slice(0, 400) ?? null,
        expiresAt: new Date(Date.now() + IDLE_MS),
      })
      .execute();
    await trx
      .updateTable('staffUser')
      .set({ lastLoginAt: new Date() })
      .where('orgId', '=', staff.orgId)
      .where('id', '=', staff.id)
      .execute();
  });
  return { token, csrfToken, staff };
}

/** Resolves a session cookie to its principal, sliding the expiry; undefined when invalid. */
export async function resolveSession(system: Kysely<DB>, token: string): Promise<Principal | undefined> {
  const id = hashToken(token);
  const row = await system
    .selectFrom('staffSession as s')
    .innerJoin('staffUser as u', (j) => j.onRef('u.orgId', '=', 's.orgId').onRef('u.id', '=', 's.staffId'))
    .select([
      's.id',
      's.orgId',
      's.staffId',
      's.csrfToken',
      's.expiresAt',
      's.lastSeenAt',
      'u.role',
      'u.extraPermissions',
      'u.active',
    ])
    .where('s.id', '=', id)
    .executeTakeFirst();
  if (!row || row.expiresAt < new Date() || !row.active) return undefined;
  if (Date.now() - row.lastSeenAt.getTime() > 60_000) {
    await system
      .updateTable('staffSession')
      .set({ lastSeenAt: new Date(), expiresAt: new Date(Date.now() + IDLE_MS) })
      .where('orgId', '=', row.orgId)
      .where('id', '=', id)
      .execute();
  }
  return {
    kind: 'staff',
    orgId: row.orgId,
    staffId: row.staffId,
    role: row.role,
    permissions: staffPermissions(row.role, row.extraPermissions),
    sessionId: row.id,
    csrfToken: row.csrfToken,
  };
}

/** Ends a session. */
export async function logout(system: Kysely<DB>, principal: Principal): Promise<void> {
  if (principal.kind !== 'staff') throw unauthenticated('Only a staff session can sign out');
  await system
    .deleteFrom('staffSession')
    .where('orgId', '=', principal.orgId)
    .where('id', '=', principal.sessionId)
    .execute();
}
