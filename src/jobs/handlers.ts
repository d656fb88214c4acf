import type { Config } from '../config/config.ts';
import { accountJobHandlers } from '../modules/accounts/index.ts';
import { exportJobHandlers } from '../modules/exports/index.ts';
import { emailJobHandlers } from '../modules/email/index.ts';
import { importJobHandlers } from '../modules/imports/index.ts';
import { identityJobHandlers } from '../modules/identity/index.ts';
import { rescanJobHandlers } from '../modules/identity-rescan/index.ts';
import { privacyJobHandlers } from '../modules/privacy/index.ts';
import { HOUSEKEEPING_JOB, runDailyHousekeeping } from './housekeeping.ts';
import { retentionJobHandlers } from '../modules/retention/index.ts';
import type { JobHandler } from './queue.ts';

/** Every job type the worker runs, by name. Modules add theirs here. */
export function jobHandlers(
  config?: Pick<Config, 'smtpUrl' | 'mailFrom'> & Partial<Pick<Config, 'database' | 'imports'>>,
): Record<string, JobHandler> {
  return {
    // Outbox (M-4); without config (or SMTP_URL) messages are held, never lost.
    ...emailJobHandlers({ smtpUrl: config?.smtpUrl, mailFrom: config?.mailFrom ?? 'Clientela <no-reply@localhost>' }),
    // Customer accounts: forgotten-password requests (issue 11, 13).
    ...accountJobHandlers,
    // Erasure (P-2): VACUUM of the tables an erasure touched, after it committed.
    ...privacyJobHandlers,
    // Privacy: the daily retention rule (P-6), in batches through the erasure path.
    ...retentionJobHandlers,
    // Exports (D-2): writing a file, deleting files past their 7 days.
    ...exportJobHandlers,
    // Imports (issue 13): one job per import, batches committed with their checkpoint, resumed after a crash.
    ...importJobHandlers({
      database: config?.database ?? ({ kind: 'embedded' } as never),
      imports: config?.imports ?? { maxBytes: 0, staleSeconds: 60, batchSize: 2000 },
    }),
    // Identity (issue 14): the organisation's model (name frequencies, EM weights), offline.
    ...identityJobHandlers,
    // Identity rescan (issue 14): the resolver over every profile, batches committed with their checkpoint.
    ...rescanJobHandlers(),
    // Housekeeping: operational records that can name a person, once they have done their work (KEEP).
    [HOUSEKEEPING_JOB]: async (_job, trx) => runDailyHousekeeping(trx),
  };
}
