import type { Ctx } from '../../core/context.ts';
import { newId } from '../../core/ids.ts';
import type { TenantDb } from '../../db/database.ts';

/** The audit_log row of an action: for `recordAudit`, or for a statement that folds it in as a CTE. */
export function auditRow(
  ctx: Ctx,
  action: string,
  entity: { type: string; id: string | null },
  data: Record<string, unknown> = {},
) {
  return {
    id: newId('aud'),
    orgId: ctx.orgId,
    actorType: ctx.actor.actorType,
    actorId: ctx.actor.actorId,
    action,
    entityType: entity.type,
    entityId: entity.id,
    data: JSON.stringify(data),
    requestId: ctx.requestId,
  };
}

/** Records who did what to which record (S-2), in the caller's transaction. */
export async function recordAudit(
  ctx: Ctx,
  action: string,
  entity: { type: string; id: string | null },
  data: Record<string, unknown> = {},
  db: TenantDb = ctx.db,
): Promise<void> {
  await db
    .insertInto('auditLog')
    .values(auditRow(ctx, action, entity, data))
    .execute();
}
