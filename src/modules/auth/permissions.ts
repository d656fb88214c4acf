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
    'personal-data:read',
  ],
  marketing: [
    'guests:write',
    'bookings:read',
    'companies:read',
    'messages:read',
    'exports:write',
    'imports:write',
    'properties:read',
    'personal-data:read',
  ],
  read_only: all('read', ['staff', 'api-keys', 'audit']),
};

export const ROLES = Object.keys(ROLE_PERMISSIONS) as StaffRole[];

/** True when `granted` covers `needed`: `admin` covers all, `x:write` covers `x:read`. */
export function hasPermission(granted: readonly string[], needed: Permission): boolean {
  if (granted.includes('admin') || granted.includes(needed)) return true;
  if (needed.endsWith(':read')) return granted.includes(needed.replace(/:read$/, ':write'));
  return false;
}
