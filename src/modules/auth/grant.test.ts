import { describe, expect, it } from 'vitest';
import { AppError } from '../../core/errors.ts';
import { assertMayGrantRole, assertMayGrantScopes, systemGrantor, type Grantor } from './grant.ts';
import { ROLE_PERMISSIONS } from './permissions.ts';

const staff = (role: keyof typeof ROLE_PERMISSIONS, extra: string[] = []): Grantor => ({
  kind: 'staff',
  orgId: 'org_1',
  staffId: 'stf_1',
  role,
  permissions: [...ROLE_PERMISSIONS[role], ...extra],
  sessionId: 's',
  csrfToken: 'c',
});
const codeOf = (fn: () => void) => {
  try {
    fn();
    return 'allowed';
  } catch (err) {
    return err instanceof AppError ? err.code : 'thrown';
  }
};

describe('the grant rule', () => {
  it('never lets a principal raise its own role, even one given staff:write', () => {
    const manager = staff('manager', ['staff:write']);
    expect(codeOf(() => assertMayGrantRole(manager, 'owner', 'manager'))).toBe('owner_role_required');
    const reception = staff('reception', ['staff:write']);
    expect(codeOf(() => assertMayGrantRole(reception, 'manager', 'reception'))).toBe('role_not_held');
    expect(codeOf(() => assertMayGrantRole(reception, 'reception', 'reception'))).toBe('allowed');
  });

  it('keeps the owner role to owners, and lets the system (CLI, first start) grant anything', () => {
    expect(codeOf(() => assertMayGrantRole(staff('owner'), 'owner'))).toBe('allowed');
    const adminKey: Grantor = { kind: 'api_key', orgId: 'org_1', keyId: 'key_1', permissions: ['admin'] };
    expect(codeOf(() => assertMayGrantRole(adminKey, 'owner'))).toBe('owner_role_required');
    expect(codeOf(() => assertMayGrantRole(adminKey, 'read_only', 'owner'))).toBe('owner_role_required');
    expect(codeOf(() => assertMayGrantRole(systemGrantor(), 'owner'))).toBe('allowed');
    expect(codeOf(() => assertMayGrantScopes(systemGrantor(), ['admin']))).toBe('allowed');
  });

  it('treats write as covering read and admin as covering every scope', () => {
    const key: Grantor = { kind: 'api_key', orgId: 'org_1', keyId: 'key_1', permissions: ['guests:write'] };
    expect(codeOf(() => assertMayGrantScopes(key, ['guests:read', 'guests:write']))).toBe('allowed');
    expect(codeOf(() => assertMayGrantScopes(key, ['personal-data:read']))).toBe('scope_not_held');
    expect(codeOf(() => assertMayGrantScopes(staff('owner'), ['admin', 'staff:write']))).toBe('allowed');
  });
});
