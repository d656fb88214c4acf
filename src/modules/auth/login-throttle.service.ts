import { sql, type Kysely } from 'kysely';
import { AppError } from '../../core/errors.ts';
import type { DB } from '../../db/schema.ts';

// Failed sign-ins are counted in the database (not in memory) so the limit holds across
// several server processes. Per account: 10 failures in 15 min block it for 15 min. Per IP:
// 30 failures in 15 min block that address (password spraying across accounts).
const WINDOW_MS = 15 * 60_000;
const LIMITS = { account: 10, ip: 30 } as const;

export const throttleKeys = (email: string, ip: string) => ({
  account: `account:${email.trim().toLowerCase()}`,
  ip: `ip:${ip}`,
});

/** Throws 429 with Retry-After when the account or the address is blocked. */
export async function assertNotThrottled(system: Kysely<DB>, keys: { account: string; ip: string }): Promise<void> {
  const rows = await system
    .selectFrom('loginThrottle')
    .select(['key', 'blockedUntil'])
    .where('key', 'in', [keys.account, keys.ip])
    .where('blockedUntil', '>', new Date())
    .execute();
  const until = rows.reduce<Date | undefined>(
    (m, r) => (r.blockedUntil && (!m || r.blockedUntil > m) ? r.blockedUntil : m),
    undefined,
  );
  if (until) {
    const seconds = Math.max(1, Math.ceil((until.getTime() - Date.now()) / 1000));
    throw new AppError(
      'rate_limited',
      'too_many_attempts',
      `Too many failed sign-ins. Try again in ${Math.ceil(seconds / 60)} minute(s).`,
      [],
      {
        'retry-after': String(seconds),
      },
    );
  }
}

/** Counts one failure against both keys, blocking a key that reaches its limit. */
export async function recordLoginFailure(system: Kysely<DB>, keys: { account: string; ip: string }): Promise<void> {
  const windowStart = new Date(Date.now() - WINDOW_MS);
  for (const [kind, key] of Object.entries(keys) as ['account' | 'ip', string][]) {
    await sql`
      insert into login_throttle (key, failures, window_start)
      values (${key}, 1, now())
      on conflict (key) do update set
        failures = case when login_throttle.window_start < ${windowStart} then 1 else login_throttle.failures + 1 end,
        window_start = case when login_throttle.window_start < ${windowStart} then now() else login_throttle.window_start end,
        blocked_until = case
          when login_throttle.window_start >= ${windowStart} and login_throttle.failures + 1 >= ${LIMITS[kind]}
          then now() + make_interval(secs => ${WINDOW_MS / 1000})
          else login_throttle.blocked_until end
    `.execute(system);
  }
}

/** Clears the account's counter after a successful sign-in (the address keeps its count). */
export async function clearLoginFailures(system: Kysely<DB>, accountKey: string): Promise<void> {
  await system.deleteFrom('loginThrottle').where('key', '=', accountKey).execute();
}
