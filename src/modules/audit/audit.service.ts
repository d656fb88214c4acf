import type { Ctx } from '../../core/context.ts';
import { newId } from '../../core/ids.ts';
import type { TenantDb } from '../../db/database.ts';

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
    .values({
      id: newId('aud'),
      orgId: ctx.orgId,
      actorType: ctx.actor.actorType,
      actorId: ctx.actor.actorId,
      action,
      entityType: entity.type,
      entityId: entity.id,
      data: JSON.stringify(data),
      requestId: ctx.requestId,
    })
    .execute();
}
