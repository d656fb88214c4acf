import { createHash } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import { AppError } from '../../core/errors.ts';
import { randomToken } from '../../core/ids.ts';
import type { Database } from '../../db/database.ts';
import type { DB } from '../../db/schema.ts';
import { recordSignInEvent, type SignInSubject } from './sign-in-event.service.ts';

/**
 * Sign-in throttling without lockouts (issue 11 point 12), counted in the database so it holds
 * across server processes. Three counters in `login_throttle`, each with the earliest next
 * attempt in `blocked_until`:
 * - per account + source (a known device cookie, else the address): a few free failures, then
 *   each further attempt waits 10 s, 20 s, 40 s … up to 15 min, whatever the password;
 * - per account, all sources together: past 10 failures in 15 min, unknown sources wait up to
 *   a minute between attempts (rotating addresses gains nothing), known ones are never slowed;
 * - per address, all accounts together (spraying): past 30 failures in 15 min, unknown
 *   sources from that address wait, up to 15 min.
 * A known source is an address or a device cookie that has signed in to this account before.
 */
export const THROTTLE = {
  source: { freeFailures: 3, baseDelaySeconds: 10, maxDelaySeconds: 15 * 60, windowSeconds: 24 * 3600 },
  account: { freeFailures: 10, baseDelaySeconds: 10, maxDelaySeconds: 60, windowSeconds: 15 * 60 },
  address: { freeFailures: 30, baseDelaySeconds: 5, maxDelaySeconds: 15 * 60, windowSeconds: 15 * 60 },
} as const;
type Limit = (typeof THROTTLE)[keyof typeof THROTTLE];

/** The long-lived cookie that makes a browser a known device of the accounts it signed in to. */
export const DEVICE_COOKIE = 'clientela_device';

export interface SignInAttempt {
  /** The account's key: `staff:<e-mail>` or `customer:<orgId>:<e-mail>` (whether or not it exists). */
  account: string;
  /** Which sign-in the per-address counter belongs to: `staff` or `customer`. */
  realm: string;
  ip: string;
  /** The device cookie the browser sent, if any. */
  deviceToken?: string | undefined;
}

/** An attempt that passed the gates, with the counters its outcome updates. */
export interface SignInGate {
  attempt: SignInAttempt;
  keys: { source: string; account: string; address: string };
  known: boolean;
}

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
const cookieDevice = (token: string) => `cookie:${sha256(token)}`;
const isToken = (s: string | undefined): s is string => !!s && /^[\w-]{20,100}$/.test(s);

/** Lets the attempt through, or throws 429 `too_many_attempts` with Retry-After while it must wait. */
export async function openSignInAttempt(system: Kysely<DB>, attempt: SignInAttempt): Promise<SignInGate> {
  const devices = [`ip:${attempt.ip}`, ...(isToken(attempt.deviceToken) ? [cookieDevice(attempt.deviceToken)] : [])];
  const known = await system
    .selectFrom('signInDevice')
    .select('device')
    .where('accountKey', '=', attempt.account)
    .where('device', 'in', devices)
    .execute();
  const knownCookie = known.find((d) => d.device.startsWith('cookie:'))?.device;
  const keys = {
    source: `pair:${attempt.account}|${knownCookie ?? `ip:${attempt.ip}`}`,
    account: `account:${attempt.account}`,
    address: `ip:${attempt.realm}:${attempt.ip}`,
  };
  const gates = known.length ? [keys.source] : [keys.source, keys.account, keys.address];
  const rows = await system
    .selectFrom('loginThrottle')
    .select('blockedUntil')
    .where('key', 'in', gates)
    .where('blockedUntil', '>', new Date())
    .execute();
  const until = Math.max(0, ...rows.map((r) => r.blockedUntil?.getTime() ?? 0));
  if (until) {
    const seconds = Math.max(1, Math.ceil((until - Date.now()) / 1000));
    throw new AppError(
      'rate_limited',
      'too_many_attempts',
      `Too many failed sign-ins. Try again in ${seconds < 120 ? `${seconds} seconds` : `${Math.ceil(seconds / 60)} minutes`}.`,
      [],
      { 'retry-after': String(seconds) },
    );
  }
  return { attempt, keys, known: known.length > 0 };
}

/** Counts a failed attempt; the first delay of a source or of an account is shown to the owner. */
export async function recordSignInFailure(
  database: Database,
  gate: SignInGate,
  subject: SignInSubject | undefined,
): Promise<void> {
  const system = database.system;
  const source = await countFailure(system, gate.keys.source, THROTTLE.source);
  const account = await countFailure(system, gate.keys.account, THROTTLE.account);
  await countFailure(system, gate.keys.address, THROTTLE.address);
  if (!subject) return;
  const ip = gate.attempt.ip;
  if (source.failures === THROTTLE.source.freeFailures + 1)
    await recordSignInEvent(database, subject, { kind: 'source_delayed', ip, ...source });
  if (account.failures === THROTTLE.account.freeFailures + 1)
    await recordSignInEvent(database, subject, { kind: 'account_slowed', ip: null, ...account });
}

/**
 * After a correct password: forgets the source's failures (not the account's, which an attacker
 * could otherwise reset), remembers the address and the device, and returns the device cookie.
 */
export async function recordSignInSuccess(system: Kysely<DB>, gate: SignInGate): Promise<string> {
  const token = isToken(gate.attempt.deviceToken) ? gate.attempt.deviceToken : randomToken(32);
  await system.deleteFrom('loginThrottle').where('key', '=', gate.keys.source).execute();
  await system
    .insertInto('signInDevice')
    .values([
      { accountKey: gate.attempt.account, device: `ip:${gate.attempt.ip}` },
      { accountKey: gate.attempt.account, device: cookieDevice(token) },
    ])
    .onConflict((oc) => oc.columns(['accountKey', 'device']).doUpdateSet({ lastSeenAt: new Date() }))
    .execute();
  return token;
}

// One failure more in the key's window; past the free failures, the next attempt waits
// base × 2^(failures − free − 1) seconds, capped.
async function countFailure(
  system: Kysely<DB>,
  key: string,
  limit: Limit,
): Promise<{ failures: number; delayedUntil: Date | null }> {
  const expired = sql`login_throttle.window_start < now() - make_interval(secs => ${limit.windowSeconds}::float8)`;
  const failures = sql<number>`(case when ${expired} then 1 else login_throttle.failures + 1 end)`;
  const row = await sql<{ failures: number; blockedUntil: Date | null }>`
    insert into login_throttle (key, failures, window_start, blocked_until)
    values (${key}, 1, now(), null)
    on conflict (key) do update set
      failures = ${failures},
      window_start = case when ${expired} then now() else login_throttle.window_start end,
      blocked_until = case when ${failures} > ${limit.freeFailures}::int
        then now() + make_interval(secs => least(${limit.maxDelaySeconds}::float8,
          ${limit.baseDelaySeconds}::float8 * power(2::float8, least(${failures} - ${limit.freeFailures}::int - 1, 30))))
        else null end
    returning failures, blocked_until as "blockedUntil"
  `.execute(system);
  const r = row.rows[0];
  return { failures: Number(r?.failures ?? 0), delayedUntil: r?.blockedUntil ?? null };
}
