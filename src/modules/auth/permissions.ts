import type { StaffRole } from '../../db/schema.ts';

/** Resources a permission (and an API key scope) can name: `guests:read`, `bookings:write` … */
export const RESOURCES = [
  'guests',
  'bookings',
  'properties',
  'companies',
  'messages',
  'imports',
  'exports',
  'settings',
  'staff',
  'api-keys',
  'audit',
  'webhooks',
  'threads',
] as const;
export type Resource = (typeof RESOURCES)[number];
export type Permission = `${Resource}:${'read' | 'write'}` | 'personal-data:read' | 'admin';

/** Every scope an API key may carry. */
export const SCOPES: Permission[] = [
  ...RESOURCES.flatMap((r) => [`${r}:read`, `${r}:write`] as Permission[]),
  'personal-data:read',
  'admin',
];

const all = (access: 'read' | 'write', except: Resource[] = []): Permission[] =>
  RESOURCES.filter((r) => !except.includes(r)).map((r) => `${r}:${access}` as Permission);

/** The permission matrix: the one place that says what each staff role may do. */
export const ROLE_PERMISSIONS: Record<StaffRole, Permission[]> = {
  owner: ['admin'],
  manager: [...all('write', ['staff', 'api-keys']), ...all('read'), 'personal-data:read'],
  reception: [
    'guests:write',
    'bookings:write',
    'companies:write',
    'messages:write',
    'properties:read',
    'imports:read',
    'threads:write',
  ],
  marketing: [
    'guests:write',
    'bookings:read',
    'companies:read',
    'messages:read',
    'exports:write',
    'imports:write',
    'properties:read',
  ],
  read_only: all('read', ['staff', 'api-keys', 'audit']),
};

export const ROLES = Object.keys(ROLE_PERMISSIONS) as StaffRole[];

/**
 * Permissions one staff member may be given beyond their role (`staff_user.extra_permissions`):
 * reception may be trusted with personal data (issue 12 point 5); marketing and read-only may not.
 */
export const EXTRA_PERMISSIONS: Partial<Record<StaffRole, Permission[]>> = { reception: ['personal-data:read'] };

/** A staff member's permissions: their role's, plus the extras their role may carry. */
export function staffPermissions(role: StaffRole, extra: readonly string[] = []): Permission[] {
  const allowed = EXTRA_PERMISSIONS[role] ?? [];
  const base = ROLE_PERMISSIONS[role];
  return [...base, ...allowed.filter((p) => extra.includes(p) && !base.includes(p))];
}

/** True when `granted` covers `needed`: `admin` covers all, `x:write` covers `x:read`. */
export function hasPermission(granted: readonly string[], needed: Permission): boolean {
  if (granted.includes('admin') || granted.includes(needed)) return true;
  if (needed.endsWith(':read')) return granted.includes(needed.replace(/:read$/, ':write'));
  return false;
}
