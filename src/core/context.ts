import type { TenantDb } from '../db/database.ts';

/** What every tenant-scoped service call receives: the org's scoped database and who acts. */
export interface Ctx {
  db: TenantDb;
  orgId: string;
  actor: { actorType: string; actorId: string | null };
  requestId: string | null;
}
