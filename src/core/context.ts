import type { TenantDb } from '../db/database.ts';

/** What every tenant-scoped service call receives: the org's scoped database and who acts. */
export interface Ctx {
  db: TenantDb;
  orgId: string;
  actor: { actorType: string; actorId: string | null };
  requestId: string | null;
  /**
   * The staff member's or API key's permissions (what `personal-data:read` masking reads). Absent for
   * the CLI, jobs and a customer in their own area: they are not limited by staff permissions.
   */
  permissions?: readonly string[];
}
