/** Shapes of the API responses the web UI reads (mirrors the server's response schemas). */
export const languages = ['en', 'es', 'fr'] as const;
export type Language = (typeof languages)[number];

export const roles = ['owner', 'manager', 'reception', 'marketing', 'read_only'] as const;
export type Role = (typeof roles)[number];

export interface User {
  id: string;
  email: string;
  name: string;
  role: Role;
  language: Language;
  active: boolean;
  permissions: string[];
  /** Permissions given beyond the role (reception: `personal-data:read`). */
  extraPermissions?: string[];
  organisation: { id: string; name: string };
  createdAt: string;
  lastLoginAt: string | null;
}

export interface Session {
  user: User;
  csrfToken: string;
}

export interface ItemList<T> {
  items: T[];
}

export interface RoleDefinition {
  role: Role;
  permissions: string[];
}

export interface RolesResponse {
  roles: RoleDefinition[];
  scopes: string[];
}

export interface ApiKey {
  id: string;
  name: string;
  scopes: string[];
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export interface CreatedApiKey extends ApiKey {
  secret: string;
}

export const isLanguage = (value: unknown): value is Language =>
  typeof value === 'string' && (languages as readonly string[]).includes(value);
