import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

/** Tables that carry `org_id` and are scoped by TenantScopePlugin. Keep in sync with migrations (a test checks). */
export const TENANT_TABLES = new Set(['property', 'staff_user', 'staff_session', 'api_key', 'audit_log', 'guest']);

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type TimestampNullable = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
type Json<T = unknown> = ColumnType<T, string | T | undefined, string | T>;

export interface OrganisationTable {
  id: string;
  name: string;
  settings: Json<Record<string, unknown>>;
  createdAt: Timestamp;
}

export interface PropertyTable {
  orgId: string;
  id: string;
  name: string;
  timezone: Generated<string>;
  currency: Generated<string>;
  createdAt: Timestamp;
}

export type StaffRole = 'owner' | 'manager' | 'reception' | 'marketing' | 'read_only';
export type Language = 'en' | 'es' | 'fr';

export interface StaffUserTable {
  orgId: string;
  id: string;
  email: string;
  name: string;
  passwordHash: string;
  role: StaffRole;
  language: Generated<Language>;
  propertyIds: string[] | null;
  active: Generated<boolean>;
  failedLogins: Generated<number>;
  lockedUntil: TimestampNullable;
  createdAt: Timestamp;
  updatedAt: Timestamp;
  lastLoginAt: TimestampNullable;
}

export interface StaffSessionTable {
  orgId: string;
  id: string;
  staffId: string;
  csrfToken: string;
  ip: string | null;
  userAgent: string | null;
  createdAt: Timestamp;
  lastSeenAt: Timestamp;
  expiresAt: Timestamp;
}

export interface ApiKeyTable {
  orgId: string;
  id: string;
  name: string;
  scopes: string[];
  prefix: string;
  secretHash: string;
  createdBy: string | null;
  createdAt: Timestamp;
  lastUsedAt: TimestampNullable;
  revokedAt: TimestampNullable;
}

export interface AuditLogTable {
  orgId: string;
  id: string;
  actorType: string;
  actorId: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  data: Json<Record<string, unknown>>;
  requestId: string | null;
  createdAt: Timestamp;
}

export interface GuestTable {
  orgId: string;
  id: string;
  firstName: Generated<string>;
  lastName: Generated<string>;
  email: string | null;
  phone: string | null;
  language: string | null;
  createdAt: Timestamp;
  updatedAt: Timestamp;
}

export interface LoginThrottleTable {
  key: string;
  failures: Generated<number>;
  windowStart: Timestamp;
  blockedUntil: TimestampNullable;
}

export type JobStatus = 'queued' | 'running' | 'done' | 'failed';

export interface JobTable {
  id: string;
  orgId: string | null;
  name: string;
  payload: Json<Record<string, unknown>>;
  status: Generated<JobStatus>;
  runAt: Timestamp;
  attempts: Generated<number>;
  maxAttempts: Generated<number>;
  lockedAt: TimestampNullable;
  lockedBy: string | null;
  lastError: string | null;
  progress: Json<Record<string, unknown> | null>;
  result: Json<Record<string, unknown> | null>;
  dedupeKey: string | null;
  createdAt: Timestamp;
  finishedAt: TimestampNullable;
}

export interface DB {
  organisation: OrganisationTable;
  property: PropertyTable;
  staffUser: StaffUserTable;
  staffSession: StaffSessionTable;
  apiKey: ApiKeyTable;
  auditLog: AuditLogTable;
  guest: GuestTable;
  loginThrottle: LoginThrottleTable;
  job: JobTable;
}

export type StaffUserRow = Selectable<StaffUserTable>;
export type NewStaffUser = Insertable<StaffUserTable>;
export type StaffUserUpdate = Updateable<StaffUserTable>;
export type ApiKeyRow = Selectable<ApiKeyTable>;
export type JobRow = Selectable<JobTable>;
