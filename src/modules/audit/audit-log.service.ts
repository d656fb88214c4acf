import { sql } from 'kysely';
import type { Ctx } from '../../core/context.ts';
import { decodeCursor, encodeCursor } from '../../core/cursor.ts';
import type { AuditEntry, ListAuditLogInput } from './audit-log.schemas.ts';

const DAY = 86_400_000;

/** A bare date as `from` is its first instant; as `to`, the first instant of the next day (so the day is included). */
function instant(value: string, end: boolean): Date {
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) {
    const start = new Date(`${value}T00:00:00.000Z`);
    return end ? new Date(start.getTime() + DAY) : start;
  }
  return new Date(value);
}

/** The organisation's audit log, newest first, filtered, in keyset pages (the cursor names the last entry shown). */
export async function listAuditLog(
  ctx: Ctx,
  query: ListAuditLogInput,
): Promise<{ items: AuditEntry[]; nextCursor: string | null }> {
  let q = ctx.db.selectFrom('auditLog').selectAll();
  if (query.actorType) q = q.where('actorType', '=', query.actorType);
  if (query.actorId) q = q.where('actorId', '=', query.actorId);
  if (query.action) {
    q = query.action.endsWith('.')
      ? q.where('action', 'like', `${query.action.replace(/_/g, '\\_')}%`)
      : q.where('action', '=', query.action);
  }
  if (query.entityType) q = q.where('entityType', '=', query.entityType);
  if (query.entityId) q = q.where('entityId', '=', query.entityId);
  if (query.from) q = q.where('createdAt', '>=', instant(query.from, false));
  if (query.to) q = q.where('createdAt', '<', instant(query.to, true));
  if (query.cursor) {
    // The cursor carries the last entry's id and the comparison reads its own timestamp, so entries that share a
    // millisecond (PostgreSQL keeps microseconds, JavaScript dates do not) are neither skipped nor repeated.
    const [id] = decodeCursor(query.cursor, 'audit_log', ['string']);
    q = q.where(
      sql<boolean>`(created_at, id) < (select c.created_at, c.id from audit_log c where c.org_id = ${ctx.orgId} and c.id = ${id})`,
    );
  }
  const rows = await q
    .orderBy('createdAt', 'desc')
    .orderBy('id', 'desc')
    .limit(query.limit + 1)
    .execute();
  const page = rows.slice(0, query.limit);
  const names = await actorNames(ctx, page);
  const last = page.at(-1);
  return {
    items: page.map((r) => ({
      id: r.id,
      createdAt: r.createdAt.toISOString(),
      action: r.action,
      actor: {
        type: r.actorType,
        id: r.actorId,
        name: (r.actorId && names.get(`${r.actorType}:${r.actorId}`)) ?? null,
      },
      entity: { type: r.entityType, id: r.entityId },
      data: r.data,
      requestId: r.requestId,
    })),
    nextCursor: rows.length > query.limit && last ? encodeCursor('audit_log', [last.id]) : null,
  };
}

/** Names of the staff members and API keys that acted (customers stay ids: their names are personal data). */
async function actorNames(
  ctx: Ctx,
  rows: { actorType: string; actorId: string | null }[],
): Promise<Map<string, string>> {
  const ids = (type: string) => [
    ...new Set(rows.filter((r) => r.actorType === type && r.actorId).map((r) => r.actorId!)),
  ];
  const staffIds = ids('staff');
  const keyIds = ids('api_key');
  const [staff, keys] = await Promise.all([
    staffIds.length
      ? ctx.db.selectFrom('staffUser').select(['id', 'name']).where('id', 'in', staffIds).execute()
      : Promise.resolve([]),
    keyIds.length
      ? ctx.db.selectFrom('apiKey').select(['id', 'name']).where('id', 'in', keyIds).execute()
      : Promise.resolve([]),
  ]);
  return new Map([
    ...staff.map((s) => [`staff:${s.id}`, s.name] as const),
    ...keys.map((k) => [`api_key:${k.id}`, k.name] as const),
  ]);
}
