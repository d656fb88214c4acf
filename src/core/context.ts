import type { TenantDb } from '../db/database.ts';

/** What every tenant-scoped service call receives: the org's scoped database and who acts. */
export interface Ctx {
  db: TenantDb;
  orgId: string;
  actor: { actorType: string; actorId: string | null };
  requestId: string | null;
  /**
   * What the actor may see (what `personal-data:read` masking reads), always explicit so masking
   * fails closed: a staff member's or API key's permissions, `'system'` for the CLI, jobs and
   * start-up work (operator tools on the server), `'customer'` for a customer in their own area or
   * the booking site (they see only what is theirs, unmasked).
   */
  permissions: Access;
}

export type Access = readonly string[] | 'system' | 'customer';
