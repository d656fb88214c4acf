import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { enqueueJob } from './queue.ts';
import { deleteExpiredImportUploads } from '../modules/imports/index.ts';

export const HOUSEKEEPING_JOB = 'maintenance.cleanup';
const dayKey = (d: Date) => `day:${d.toISOString().slice(0, 10)}`;

/** Queues today's housekeeping (start-up); each run queues the next day's, so it runs daily. */
export async function scheduleHousekeeping(system: Kysely<DB>, now = new Date()): Promise<string> {
  return enqueueJob(system, HOUSEKEEPING_JOB, {}, { dedupeKey: dayKey(now) });
}

/** The daily run: housekeeping, then tomorrow's run queued (02:30 UTC) in the same transaction. */
export async function runDailyHousekeeping(trx: Kysely<DB>, now = new Date()) {
  const deleted = await runHousekeeping(trx, now);
  deleted.importUploads = await deleteExpiredImportUploads(trx, now);
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

/** One kind of record: its table, the timestamp that ages it, and how long past it the record goes. */
const RULES: { name: string; table: string; column: string; days: number; where?: ReturnType<typeof sql> }[] = [
  { name: 'staffSessions', table: 'staff_session', column: 'expires_at', days: 0 },
  { name: 'customerSessions', table: 'customer_session', column: 'expires_at', days: 0 },
  { name: 'customerTokens', table: 'customer_token', column: 'expires_at', days: KEEP.customerTokenDays },
  { name: 'loginThrottle', table: 'login_throttle', column: 'window_start', days: KEEP.loginThrottleDays },
  { name: 'siteThrottle', table: 'site_throttle', column: 'window_start', days: KEEP.siteThrottleDays },
  { name: 'signInEvents', table: 'sign_in_event', column: 'created_at', days: KEEP.signInEventDays },
  { name: 'signInDevices', table: 'sign_in_device', column: 'last_seen_at', days: KEEP.signInDeviceDays },
  {
    name: 'abandonedCarts',
    table: 'cart',
    column: 'last_activity_at',
    days: KEEP.abandonedCartDays,
    where: sql`status = 'active'`,
  },
  { name: 'siteCheckouts', table: 'site_checkout', column: 'created_at', days: KEEP.siteCheckoutDays },
  { name: 'doneJobs', table: 'job', column: 'finished_at', days: KEEP.doneJobDays, where: sql`status = 'done'` },
  { name: 'failedJobs', table: 'job', column: 'finished_at', days: KEEP.failedJobDays, where: sql`status = 'failed'` },
];

/** Deletes what has outlived its purpose; answers the rows deleted per kind of record. */
export async function runHousekeeping(db: Kysely<DB>, now = new Date()): Promise<Record<string, number>> {
  const deleted: Record<string, number> = {};
  for (const rule of RULES) {
    const r = await sql`delete from ${sql.table(rule.table)}
      where ${sql.ref(rule.column)} < ${ago(rule.days, now)} and ${rule.where ?? sql`true`}`.execute(db);
    deleted[rule.name] = Number(r.numAffectedRows ?? 0);
  }
  return deleted;
}
