import type { StaffRole } from '../../db/schema.ts';

/** Who is making a request: a signed-in staff member or a connected tool's API key. */
export type Principal =
  | {
      kind: 'staff';
      orgId: string;
      staffId: string;
      role: StaffRole;
      permissions: string[];
      sessionId: string;
      csrfToken: string;
    }
  | { kind: 'api_key'; orgId: string; keyId: string; permissions: string[] };

export function actorOf(p: Principal): { actorType: string; actorId: string } {
  return p.kind === 'staff' ? { actorType: 'staff', actorId: p.staffId } : { actorType: 'api_key', actorId: p.keyId };
}
