import { createHash } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';

/**
 * Abuse limits of the public booking site, kept in the database (`site_throttle`) rather than in
 * process memory so they hold across several server processes on PostgreSQL. Keys are hashed:
 * the table never stores an IP address or an e-mail address.
 */
export function throttleKey(scope: string, ...parts: string[]): string {
  return `${scope}:${createHash('sha256').update(parts.join('\u0001')).digest('hex')}`;
}

/** Counts one hit in the key's fixed window; answers the hits so far and the seconds left in the window. */
export async function countHit(
  db: Kysely<DB>,
  key: string,
  windowSeconds: number,
): Promise<{ hits: number; retryAfterSeconds: number }> {
  const expired = sql<boolean>`site_throttle.window_start <= now() - make_interval(secs => ${windowSeconds})`;
  const row = await db
    .insertInto('siteThrottle')
    .values({ key, windowStart: sql<Date>`now()`, hits: 1 })
    .onConflict((oc) =>
      oc.column('key').doUpdateSet({
        windowStart: sql<Date>`case when ${expired} then now() else site_throttle.window_start end`,
        hits: sql<number>`case when ${expired} then 1 else site_throttle.hits + 1 end`,
      }),
    )
    .returning([
      'hits',
      sql<number>`extract(epoch from window_start + make_interval(secs => ${windowSeconds}) - now())`.as('left'),
    ])
    .executeTakeFirstOrThrow();
  if (row.hits === 1) await forgetOldWindows(db);
  return { hits: row.hits, retryAfterSeconds: Math.max(1, Math.ceil(Number(row.left))) };
}

/**
 * "At most one per window": true (and the window starts now) when the key has not passed in the
 * last `windowSeconds`, else false. Run inside the caller's transaction, so a rolled-back use
 * does not consume the window; concurrent callers of one key wait on its row.
 */
export async function passGate(db: Kysely<DB>, key: string, windowSeconds: number): Promise<boolean> {
  if (windowSeconds <= 0) return true;
  const row = await db
    .insertInto('siteThrottle')
    .values({ key, windowStart: sql<Date>`now()`, hits: 1 })
    .onConflict((oc) =>
      oc
        .column('key')
        .doUpdateSet({ windowStart: sql<Date>`now()`, hits: 1 })
        .where(sql<boolean>`site_throttle.window_start <= now() - make_interval(secs => ${windowSeconds})`),
    )
    .returning('hits')
    .executeTakeFirst();
  return row !== undefined;
}

/** Rows older than 8 days are of no use any more (the longest window, the confirmation gate's, is 7 days). */
async function forgetOldWindows(db: Kysely<DB>): Promise<void> {
  await db
    .deleteFrom('siteThrottle')
    .where('windowStart', '<', sql<Date>`now() - interval '8 days'`)
    .execute();
}
