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
  /** Where a consent change made in this call comes from, when the actor does not say it (the booking site, the customer area). */
  consentSource?: 'booking_site' | 'account' | 'staff' | 'import' | 'api';
  /** The client's IP address, kept on consent records made from the booking site and the customer area. */
  ip?: string;
  /** The consent wording (version and language) the booking site or customer area showed; its form sends it back. */
  consentWording?: { version: number; language: string };
  /** The file or import a consent change comes from (an import sets it with `consentSource: 'import'`). */
  consentReference?: string;
}

export type Access = readonly string[] | 'system' | 'customer';
