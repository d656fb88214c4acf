import type { Config } from '../config/config.ts';
import { accountJobHandlers } from '../modules/accounts/index.ts';
import { emailJobHandlers } from '../modules/email/index.ts';
import { retentionJobHandlers } from '../modules/retention/index.ts';
import type { JobHandler } from './queue.ts';

/** Every job type the worker runs, by name. Modules add theirs here. */
export function jobHandlers(config?: Pick<Config, 'smtpUrl' | 'mailFrom'>): Record<string, JobHandler> {
  return {
    // Outbox (M-4); without config (or SMTP_URL) messages are held, never lost.
    ...emailJobHandlers({ smtpUrl: config?.smtpUrl, mailFrom: config?.mailFrom ?? 'Clientela <no-reply@localhost>' }),
    // Customer accounts: forgotten-password requests (issue 11, 13).
    ...accountJobHandlers,
    // Privacy: the daily retention rule (P-6), in batches through the erasure path.
    ...retentionJobHandlers,
    // Housekeeping: expired sessions and old login counters.
    'maintenance.cleanup': async (_job, trx) => {
      const sessions = await trx.deleteFrom('staffSession').where('expiresAt', '<', new Date()).executeTakeFirst();
      const throttle = await trx
        .deleteFrom('loginThrottle')
        .where('windowStart', '<', new Date(Date.now() - 24 * 3600_000))
        .executeTakeFirst();
      return { sessions: Number(sessions.numDeletedRows), throttle: Number(throttle.numDeletedRows) };
    },
  };
}
