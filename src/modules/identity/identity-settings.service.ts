import { sql } from 'kysely';
import type { Ctx } from '../../core/context.ts';
import type { TenantDb } from '../../db/database.ts';
import { enqueueJob, type JobHandler } from '../../jobs/queue.ts';
import { recordAudit } from '../audit/index.ts';
import type { IdentitySettings, IdentitySettingsInput } from './identity-settings.schemas.ts';
import { computeIdentityModel, IDENTITY_MODEL_JOB, identityModelSummary } from './model.service.ts';
import { settingsFrom } from './resolver.service.ts';

export { IDENTITY_MODEL_JOB };

export async function getIdentitySettings(db: TenantDb, orgId: string): Promise<IdentitySettings> {
  const org = await db.selectFrom('organisation').select('settings').where('id', '=', orgId).executeTakeFirst();
  const s = settingsFrom(org?.settings);
  return {
    mode: s.mode ?? 'balanced',
    matchOnNameAlone: s.matchOnNameAlone,
    model: await identityModelSummary(db, orgId),
  };
}

/** Stores the mode / name-alone setting under `organisation.settings.identity`. */
export async function saveIdentitySettings(ctx: Ctx, input: IdentitySettingsInput): Promise<IdentitySettings> {
  await ctx.db.transaction().execute(async (trx) => {
    const before = await getIdentitySettings(trx, ctx.orgId);
    const identity = {
      mode: input.mode ?? before.mode,
      matchOnNameAlone: input.matchOnNameAlone ?? before.matchOnNameAlone,
    };
    await trx
      .updateTable('organisation')
      .set({
        settings: sql`jsonb_set(coalesce(settings, '{}'::jsonb), '{identity}', coalesce(settings -> 'identity', '{}'::jsonb) || ${JSON.stringify(identity)}::jsonb)`,
      })
      .where('id', '=', ctx.orgId)
      .execute();
    await recordAudit(
      ctx,
      'settings.identity_updated',
      { type: 'organisation', id: ctx.orgId },
      { mode: { from: before.mode, to: identity.mode }, matchOnNameAlone: identity.matchOnNameAlone },
      trx,
    );
  });
  return getIdentitySettings(ctx.db, ctx.orgId);
}

/** Queues the (re)build of the organisation's model; one waiting job per organisation. */
export async function requestIdentityModel(ctx: Ctx): Promise<{ jobId: string }> {
  const jobId = await enqueueJob(
    ctx.db,
    IDENTITY_MODEL_JOB,
    { orgId: ctx.orgId },
    { orgId: ctx.orgId, dedupeKey: `identity-model:${ctx.orgId}`, maxAttempts: 2 },
  );
  return { jobId };
}

export const identityJobHandlers: Record<string, JobHandler> = {
  [IDENTITY_MODEL_JOB]: async (job, trx) => {
    const orgId = (job.payload as { orgId?: string }).orgId ?? job.orgId;
    if (!orgId) return { skipped: 'no organisation' };
    return { ...(await computeIdentityModel(trx, orgId)) };
  },
};
