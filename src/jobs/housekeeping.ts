import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { enqueueJob } from './queue.ts';

export const HOUSEKEEPING_JOB = 'maintenance.cleanup';
const dayKey = (d: Date) => `day:${d.toISOString().slice(0, 10)}`;

/** Queues today's housekeeping (start-up); each run queues the next day's, so it runs daily. */
export async function scheduleHousekeeping(system: Kysely<DB>, now = new Date()): Promise<string> {
  return enqueueJob(system, HOUSEKEEPING_JOB, {}, { dedupeKey: dayKey(now) });
}

/** The daily run: housekeeping, then tomorrow's run queued (02:30 UTC) in the same transaction. */
export async function runDailyHousekeeping(trx: Kysely<DB>, now = new Date()) {
  const deleted = await runHousekeeping(trx, now);
  const tomorrow = new Date(now.getTime() + 24 * 3600_000);
  tomorrow.setUTCHours(2, 30, 0, 0);
  await enqueueJob(trx, HOUSEKEEPING_JOB, {}, { runAt: tomorrow, dedupeKey: dayKey(tomorrow) });
  return { ...deleted, next: tomorrow.toISOString() };
}

const DAY = 24 * 3600_000;

/**
 * How long operational records that can name a person are kept (docs/guide/privacy.md, "How long").
 * They exist to run the service (sign-in, checkout, jobs), not to remember guests: the daily
 * maintenance job deletes them once they have done their work.
 */
export const KEEP = {
  /** Failed sign-in counters (staff). */
  loginThrottleDays: 1,
  /** Booking-site abuse counters (hashed keys). */
  siteThrottleDays: 1,
  /** Sign-in events shown to owners (throttling, slowed accounts: IP addresses). */
  signInEventDays: 90,
  /** Remembered sign-in devices not seen for this long. */
  signInDeviceDays: 365,
  /** One-time links (set password, verify e-mail) after they expire. */
  customerTokenDays: 7,
  /** Booking-site carts left without a booking (names and e-mails typed at checkout). */
  abandonedCartDays: 30,
  /** Checkout idempotency records (a retry comes within minutes). */
  siteCheckoutDays: 30,
  /** Finished background jobs (payloads can name a person) and failed ones (kept longer to investigate). */
  doneJobDays: 30,
  failedJobDays: 90,
} as const;

const ago = (days: number, now: Date) => new Date(now.getTime() - days * DAY);

/** Deletes what has outlived its purpose; answers the rows deleted per place. */
export async function runHousekeeping(db: Kysely<DB>, now = new Date()): Promise<Record<string, number>> {
  const n = (r: { numDeletedRows: bigint }) => Number(r.numDeletedRows);
  return {
    staffSessions: n(await db.deleteFrom('staffSession').where('expiresAt', '<', now).executeTakeFirstOrThrow()),
    customerSessions: n(await db.deleteFrom('customerSession').where('expiresAt', '<', now).executeTakeFirstOrThrow()),
    customerTokens: n(
      await db
        .deleteFrom('customerToken')
        .where('expiresAt', '<', ago(KEEP.customerTokenDays, now))
        .executeTakeFirstOrThrow(),
    ),
    loginThrottle: n(
      await db
        .deleteFrom('loginThrottle')
        .where('windowStart', '<', ago(KEEP.loginThrottleDays, now))
        .executeTakeFirstOrThrow(),
    ),
    siteThrottle: n(
      await db
        .deleteFrom('siteThrottle')
        .where('windowStart', '<', ago(KEEP.siteThrottleDays, now))
        .executeTakeFirstOrThrow(),
    ),
    signInEvents: n(
      await db
        .deleteFrom('signInEvent')
        .where('createdAt', '<', ago(KEEP.signInEventDays, now))
        .executeTakeFirstOrThrow(),
    ),
    signInDevices: n(
      await db
        .deleteFrom('signInDevice')
        .where('lastSeenAt', '<', ago(KEEP.signInDeviceDays, now))
        .executeTakeFirstOrThrow(),
    ),
    abandonedCarts: n(
      await db
        .deleteFrom('cart')
        .where('status', '=', 'active')
        .where('lastActivityAt', '<', ago(KEEP.abandonedCartDays, now))
        .executeTakeFirstOrThrow(),
    ),
    siteCheckouts: n(
      await db
        .deleteFrom('siteCheckout')
        .where('createdAt', '<', ago(KEEP.siteCheckoutDays, now))
        .executeTakeFirstOrThrow(),
    ),
    jobs: n(
      await db
        .deleteFrom('job')
        .where((eb) =>
          eb.or([
            eb.and([eb('status', '=', 'done'), eb('finishedAt', '<', ago(KEEP.doneJobDays, now))]),
            eb.and([eb('status', '=', 'failed'), eb('finishedAt', '<', ago(KEEP.failedJobDays, now))]),
          ]),
        )
        .executeTakeFirstOrThrow(),
    ),
  };
}
