import { sql, type Expression, type SqlBool } from 'kysely';
import type { FastifyRequest } from 'fastify';

/**
 * Who is looking at threads. Owners, managers and API keys see every thread; other staff see the
 * threads of the contacts that list them (`hotel_contact.staff_ids`) and threads without a contact.
 * Identity never grants access: being the guest of a thread gives staff nothing more.
 */
export type ThreadViewer = { all: true } | { all: false; staffId: string };

export function viewerOf(req: FastifyRequest): ThreadViewer {
  const p = req.principal;
  if (p?.kind === 'staff' && p.role !== 'owner' && p.role !== 'manager') return { all: false, staffId: p.staffId };
  return { all: true };
}

/** The condition on `thread` (aliased `t`) that keeps only the threads the viewer may see. */
export function visibleTo(viewer: ThreadViewer, orgId: string): Expression<SqlBool> {
  if (viewer.all) return sql<SqlBool>`true`;
  return sql<SqlBool>`(t.hotel_contact_id is null or exists (
      select 1 from hotel_contact c
       where c.org_id = ${orgId} and c.id = t.hotel_contact_id and ${viewer.staffId} = any(c.staff_ids)))`;
}
