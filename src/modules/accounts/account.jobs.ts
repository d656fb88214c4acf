import type { Ctx } from '../../core/context.ts';
import { TenantScopePlugin } from '../../db/tenant-scope.plugin.ts';
import type { JobHandler } from '../../jobs/queue.ts';
import { sendResetEmail } from './account-emails.ts';
import { findAccountByUsername } from './account-registration.service.ts';

/** The job a forgotten-password request becomes, whoever's e-mail it names (issue 11, 13). */
export const PASSWORD_RESET_JOB = 'account.password_reset_request';

/** Background work of customer accounts, run by the job worker. */
export const accountJobHandlers: Record<string, JobHandler> = {
  /** Queues the reset link if the e-mail has an account that is not cancelled; nothing otherwise. */
  [PASSWORD_RESET_JOB]: async (job, trx) => {
    const { email } = job.payload as { email: string };
    if (!job.orgId) return { sent: false };
    const db = trx.withPlugin(new TenantScopePlugin(job.orgId));
    const ctx: Ctx = {
      db,
      orgId: job.orgId,
      actor: { actorType: 'system', actorId: null },
      requestId: null,
      permissions: 'system',
    };
    const account = await findAccountByUsername(db, email);
    if (!account || account.status === 'cancelled') return { sent: false };
    await sendResetEmail(ctx, db, account);
    return { sent: true };
  },
};
