import type { StaffUserRow } from '../../db/schema.ts';
import { staffPermissions } from '../auth/permissions.ts';
import type { User } from './staff.schemas.ts';

/** The public shape of a staff member: never the hash or the lockout counters. */
export function presentUser(row: StaffUserRow, organisation: { id: string; name: string }): User {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    language: row.language,
    active: row.active,
    permissions: staffPermissions(row.role, row.extraPermissions),
    extraPermissions: staffPermissions(row.role, row.extraPermissions).filter((p) => row.extraPermissions.includes(p)),
    organisation,
    createdAt: row.createdAt.toISOString(),
    lastLoginAt: row.lastLoginAt ? row.lastLoginAt.toISOString() : null,
  };
}
