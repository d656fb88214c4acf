import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

/** Tables that carry `org_id` and are scoped by TenantScopePlugin. Keep in sync with migrations (a test checks). */
export const TENANT_TABLES = new Set([
  'property',
  'staff_user',
  'staff_session',
  'api_key',
  'audit_log',
  'title',
  'tag',
  'guest_group',
  'guest',
  'guest_email',
  'guest_phone',
  'guest_address',
  'guest_note',
  'guest_history',
  'guest_kpi_stats',
  'segment',
  'guest_search_token',
  'guest_name_key',
  'guest_phone_suffix',
  'search_word',
  'guest_stats',
  'room_type',
  'room_night',
  'booking',
  'booking_guest',
  'identity_decision',
  'duplicate_candidate',
  'guest_merge',
  'guest_alias',
  'cart',
  'cart_item',
  'site_checkout',
  'site_host',
  'email_message',
  'email_template',
  'privacy_setting',
  'customer_account',
  'customer_session',
  'customer_token',
  'sign_in_event',
  'consent_purpose',
  'consent_wording',
  'guest_consent',
  'identity_model',
  'export_file',
  'import_run',
  'import_error',
  'hotel_contact',
  'thread',
  'thread_message',
  'thread_alias',
  'thread_attachment',
  'canned_reply',
  'identity_rescan',
  'identity_rescan_step',
  'company',
  'company_contact',
  'company_history',
  'company_duplicate',
]);

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
  country: string | null;
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
  /** Permissions beyond the role (only `personal-data:read`, given to reception). */
  extraPermissions: Generated<string[]>;
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

export interface TitleTable {
  orgId: string;
  id: string;
  labels: Json<Record<string, string>>;
  position: Generated<number>;
  createdAt: Timestamp;
}

export interface TagTable {
  orgId: string;
  id: string;
  name: string;
  predefined: Generated<boolean>;
  color: string | null;
  createdAt: Timestamp;
}

/** who sees a group's prices; `on_request` shows none ("price on request", booking by asking the hotel). */
export type PriceDisplay = 'everyone' | 'logged_in' | 'validated' | 'on_request';
export type GroupSystemKind = 'visitor' | 'guest' | 'customer';

export interface GuestGroupTable {
  orgId: string;
  id: string;
  name: string;
  discountPercent: ColumnType<number, number | undefined, number>;
  priceDisplay: Generated<PriceDisplay>;
  systemKind: GroupSystemKind | null;
  createdAt: Timestamp;
}

export type GuestSource = 'booking' | 'form' | 'import' | 'manual' | 'registration' | 'api';
type DateString = ColumnType<string | null, string | null | undefined, string | null>;

export interface GuestTable {
  orgId: string;
  id: string;
  titleId: string | null;
  firstName: Generated<string>;
  lastName: Generated<string>;
  secondLastName: string | null;
  nativeName: string | null;
  email: string | null;
  phone: string | null;
  phoneDisplay: string | null;
  language: string | null;
  nationality: string | null;
  country: string | null;
  birthDate: DateString;
  documentType: string | null;
  /** Encrypted (`enc:v1:…`, core/secret-box.ts); never plain text once the start-up step ran. */
  documentNumber: string | null;
  /** Keyed HMAC of the normalised number (blind index for exact-match lookups). */
  documentNumberIndex: string | null;
  documentCountry: string | null;
  documentExpiry: DateString;
  marketingConsent: Generated<boolean>;
  tagIds: Generated<string[]>;
  groupIds: Generated<string[]>;
  companyId: string | null;
  userId: string | null;
  username: string | null;
  source: Generated<GuestSource>;
  bookingCount: Generated<number>;
  revenue: ColumnType<number, number | undefined, number>;
  firstContactAt: Timestamp;
  lastActivityAt: Timestamp;
  blockedAt: TimestampNullable;
  blockReason: string | null;
  /** Staff chose the default group (Visitor/Guest/Customer) by hand: automatic assignment leaves it. */
  systemGroupManual: Generated<boolean>;
  createdAt: Timestamp;
  updatedAt: Timestamp;
}

export interface GuestEmailTable {
  orgId: string;
  guestId: string;
  email: string;
  isPrimary: Generated<boolean>;
  label: string | null;
  position: Generated<number>;
}

export interface GuestPhoneTable {
  orgId: string;
  guestId: string;
  e164: string;
  display: string;
  isPrimary: Generated<boolean>;
  label: string | null;
  position: Generated<number>;
}

export interface GuestAddressTable {
  orgId: string;
  id: string;
  guestId: string;
  name: string | null;
  street: string | null;
  city: string | null;
  region: string | null;
  postcode: string | null;
  country: string | null;
  isPrimary: Generated<boolean>;
  position: Generated<number>;
}

export interface GuestNoteTable {
  orgId: string;
  id: string;
  guestId: string;
  body: string;
  authorType: string;
  authorId: string | null;
  createdAt: Timestamp;
  updatedAt: Timestamp;
}

export interface GuestHistoryTable {
  orgId: string;
  id: string;
  guestId: string;
  actorType: string;
  actorId: string | null;
  actorName: string | null;
  field: string;
  oldValue: Json<unknown>;
  newValue: Json<unknown>;
  requestId: string | null;
  createdAt: Timestamp;
}

/** Running KPI totals per organisation, kept by triggers (migration 0010). */
/** Sharded running totals (migration 0025): sum an organisation's rows. */
export interface GuestKpiStatsTable {
  orgId: string;
  shard: Generated<number>;
  guests: number;
  returningGuests: number;
  bookings: number;
  revenue: number;
  consenting: number;
}

export interface SegmentTable {
  orgId: string;
  id: string;
  name: string;
  filters: Json<Record<string, unknown>>;
  createdBy: string | null;
  createdAt: Timestamp;
  updatedAt: Timestamp;
}

/** Every suffix (3+ digits) of every phone of a guest: phone fragments become prefix scans (migration 0024). */
export interface GuestPhoneSuffixTable {
  orgId: string;
  suffix: string;
  guestId: string;
}

/** Search index rows (maintained by triggers, see migration 0003). */
export interface GuestSearchTokenTable {
  orgId: string;
  token: string;
  guestId: string;
}

/** Sorted pairs of a guest's first-name and last-name words (migration 2026-12-10-0101), kept by triggers. */
export interface GuestNameKeyTable {
  orgId: string;
  key: string;
  guestId: string;
}

export interface SearchWordTable {
  orgId: string;
  word: string;
}

/** Sharded guest count (migration 0025): sum an organisation's rows. */
export interface GuestStatsTable {
  orgId: string;
  shard: Generated<number>;
  guestCount: ColumnType<number, number | undefined, number>;
}

export interface LoginThrottleTable {
  key: string;
  failures: Generated<number>;
  windowStart: Timestamp;
  blockedUntil: TimestampNullable;
}

/** An address (`ip:…`) or device cookie hash (`cookie:…`) that signed in to an account (migration 0301). */
export interface SignInDeviceTable {
  accountKey: string;
  device: string;
  firstSeenAt: Timestamp;
  lastSeenAt: Timestamp;
}

/** A source or an account starting to be slowed down at sign-in, shown to the owner. */
export interface SignInEventTable {
  orgId: string;
  id: string;
  kind: 'source_delayed' | 'account_slowed';
  subjectType: 'staff' | 'customer';
  subjectId: string;
  email: string;
  ip: string | null;
  failures: number;
  delayedUntil: TimestampNullable;
  createdAt: Timestamp;
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

export interface RoomTypeTable {
  orgId: string;
  id: string;
  propertyId: string;
  name: string;
  capacity: number;
  nightlyPrice: number;
  roomCount: number;
  active: Generated<boolean>;
  createdAt: Timestamp;
  updatedAt: Timestamp;
}

export interface RoomNightTable {
  orgId: string;
  roomTypeId: string;
  night: string;
  booked: Generated<number>;
}

export type BookingStatus = 'confirmed' | 'in_house' | 'checked_out' | 'cancelled' | 'no_show';

export interface BookingTable {
  orgId: string;
  id: string;
  reference: string;
  propertyId: string;
  roomTypeId: string;
  customerId: string | null;
  /** The e-mail the booking was made with (lower case): what a verified customer account proves. */
  contactEmail: string | null;
  checkIn: string;
  checkOut: string;
  adults: Generated<number>;
  children: Generated<number>;
  status: Generated<BookingStatus>;
  total: ColumnType<number, number | undefined, number>;
  currency: Generated<string>;
  source: string;
  externalRef: string | null;
  /** The channel a connected tool's booking came from (`booking.com`); part of its idempotency key. */
  channel: string | null;
  notes: string | null;
  createdByType: string;
  createdById: string | null;
  blockedGuest: Generated<boolean>;
  createdAt: Timestamp;
  updatedAt: Timestamp;
  cancelledAt: TimestampNullable;
  /** The company the booking was made for (issue 15, C-4) and the company's contact who made it. */
  companyId: ColumnType<string | null, string | null | undefined, string | null>;
  contactId: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface BookingGuestTable {
  orgId: string;
  bookingId: string;
  guestId: string;
  role: 'customer' | 'stay' | 'additional';
  position: Generated<number>;
}

export interface IdentityDecisionTable {
  orgId: string;
  id: string;
  guestId: string;
  source: string;
  role: string;
  outcome: 'matched' | 'created';
  rule: string;
  score: number;
  reasons: Json<string[]>;
  createdAt: Timestamp;
}

export interface DuplicateCandidateTable {
  orgId: string;
  guestA: string;
  guestB: string;
  kind: 'candidate' | 'related';
  score: number;
  rule: string;
  reasons: Json<string[]>;
  status: Generated<'open' | 'dismissed' | 'merged'>;
  createdAt: Timestamp;
  updatedAt: Timestamp;
}

export type CustomerAccountStatus = 'new' | 'validated' | 'cancelled';

export interface CustomerAddress {
  street: string | null;
  city: string | null;
  region: string | null;
  postcode: string | null;
  country: string | null;
}

export interface CustomerAccountTable {
  orgId: string;
  id: string;
  /** The CRM profile staff see the account on; set only from a verified e-mail (never read by the account). */
  guestId: string | null;
  username: string;
  passwordHash: string | null;
  status: Generated<CustomerAccountStatus>;
  emailVerifiedAt: TimestampNullable;
  ownsProfile: Generated<boolean>;
  firstName: Generated<string>;
  lastName: Generated<string>;
  phone: string | null;
  language: string | null;
  address: Json<CustomerAddress | null>;
  marketingConsent: Generated<boolean>;
  origin: Generated<'registration' | 'checkout' | 'staff'>;
  createdAt: Timestamp;
  updatedAt: Timestamp;
  validatedAt: TimestampNullable;
  validatedBy: string | null;
  cancelledAt: TimestampNullable;
  cancelledBy: string | null;
  lastLoginAt: TimestampNullable;
}

export interface CustomerSessionTable {
  orgId: string;
  id: string;
  accountId: string;
  csrfToken: string;
  ip: string | null;
  userAgent: string | null;
  createdAt: Timestamp;
  lastSeenAt: Timestamp;
  expiresAt: Timestamp;
}

export interface CustomerTokenTable {
  orgId: string;
  id: string;
  accountId: string;
  purpose: 'set_password' | 'reset_password' | 'verify_email';
  createdAt: Timestamp;
  expiresAt: Timestamp;
  usedAt: TimestampNullable;
}

export type EmailStatus = 'queued' | 'sending' | 'sent' | 'failed' | 'held';

export interface EmailMessageTable {
  orgId: string;
  id: string;
  event: string;
  toAddress: string;
  language: string;
  subject: string;
  bodyText: string;
  bodyHtml: string | null;
  status: Generated<EmailStatus>;
  attempts: Generated<number>;
  nextAttemptAt: TimestampNullable;
  lastError: string | null;
  sentAt: TimestampNullable;
  messageId: string | null;
  guestId: string | null;
  dedupeKey: string | null;
  /** Where a reply goes (a thread's reply address), when not the sender. */
  replyTo: string | null;
  createdAt: Timestamp;
  updatedAt: Timestamp;
}

export interface EmailTemplateTable {
  orgId: string;
  event: string;
  language: string;
  subject: string;
  bodyText: string;
  bodyHtml: string | null;
  updatedByType: string;
  updatedById: string | null;
  updatedAt: Timestamp;
}

/** One merge of guest profiles with what undoing it needs (migration 0022, SPEC I-5). */
export interface GuestMergeTable {
  orgId: string;
  id: string;
  survivorId: string;
  mergedIds: string[];
  mergedNames: string[];
  choices: Json<Record<string, string>>;
  snapshot: Json<Record<string, unknown>>;
  moves: Json<Record<string, unknown>>;
  createdAt: Timestamp;
  createdByType: string;
  createdById: string | null;
  createdByName: string | null;
  undoneAt: TimestampNullable;
  undoneByType: string | null;
  undoneById: string | null;
  undoneByName: string | null;
  /** Set when a guest of this merge was erased: snapshot and moves are emptied, undo is refused. */
  erasedAt: TimestampNullable;
}

/** A merged-away guest id and the profile it now lives in. */
export interface GuestAliasTable {
  orgId: string;
  oldId: string;
  survivorId: string;
  mergeId: string;
  createdAt: Timestamp;
}

export type ConsentChannel = 'email' | 'sms' | 'phone' | 'post';
export type ConsentStatus = 'granted' | 'withdrawn';
export type ConsentSource = 'booking_site' | 'account' | 'staff' | 'import' | 'api';

export interface ConsentPurposeTable {
  orgId: string;
  key: string;
  names: Json<Record<string, string>>;
  createdAt: Generated<Date>;
}

export interface ConsentWordingTable {
  orgId: string;
  id: string;
  purpose: Generated<string>;
  language: string;
  version: number;
  text: string;
  createdAt: Generated<Date>;
  createdByType: string | null;
  createdById: string | null;
}

/** One consent change (append-only; a merge re-points `guestId`, `subjectGuestId` keeps the original profile). */
export interface GuestConsentTable {
  orgId: string;
  id: string;
  guestId: string;
  subjectGuestId: string;
  channel: ConsentChannel;
  purpose: string;
  status: ConsentStatus;
  at: Generated<Date>;
  source: ConsentSource;
  wordingVersion: number | null;
  wordingLanguage: string | null;
  wordingText: string | null;
  actorType: string | null;
  actorId: string | null;
  ip: string | null;
  reference: string | null;
  migrated: Generated<boolean>;
  createdAt: Generated<Date>;
}

export interface DB {
  consentPurpose: ConsentPurposeTable;
  consentWording: ConsentWordingTable;
  guestConsent: GuestConsentTable;
  importRun: ImportRunTable;
  importError: ImportErrorTable;
  organisation: OrganisationTable;
  property: PropertyTable;
  staffUser: StaffUserTable;
  staffSession: StaffSessionTable;
  apiKey: ApiKeyTable;
  auditLog: AuditLogTable;
  title: TitleTable;
  tag: TagTable;
  guestGroup: GuestGroupTable;
  guest: GuestTable;
  guestEmail: GuestEmailTable;
  guestPhone: GuestPhoneTable;
  guestAddress: GuestAddressTable;
  guestNote: GuestNoteTable;
  guestHistory: GuestHistoryTable;
  guestKpiStats: GuestKpiStatsTable;
  segment: SegmentTable;
  guestSearchToken: GuestSearchTokenTable;
  guestNameKey: GuestNameKeyTable;
  guestPhoneSuffix: GuestPhoneSuffixTable;
  searchWord: SearchWordTable;
  guestStats: GuestStatsTable;
  roomType: RoomTypeTable;
  roomNight: RoomNightTable;
  booking: BookingTable;
  bookingGuest: BookingGuestTable;
  identityDecision: IdentityDecisionTable;
  duplicateCandidate: DuplicateCandidateTable;
  guestMerge: GuestMergeTable;
  guestAlias: GuestAliasTable;
  customerAccount: CustomerAccountTable;
  customerSession: CustomerSessionTable;
  customerToken: CustomerTokenTable;
  loginThrottle: LoginThrottleTable;
  signInDevice: SignInDeviceTable;
  signInEvent: SignInEventTable;
  job: JobTable;
  cart: CartTable;
  cartItem: CartItemTable;
  siteCheckout: SiteCheckoutTable;
  siteHost: SiteHostTable;
  privacySetting: PrivacySettingTable;
  identityModel: IdentityModelTable;
  siteThrottle: SiteThrottleTable;
  emailMessage: EmailMessageTable;
  emailTemplate: EmailTemplateTable;
  exportFile: ExportFileTable;
  hotelContact: HotelContactTable;
  thread: ThreadTable;
  threadMessage: ThreadMessageTable;
  threadAlias: ThreadAliasTable;
  threadAttachment: ThreadAttachmentTable;
  cannedReply: CannedReplyTable;
  identityRescan: IdentityRescanTable;
  identityRescanStep: IdentityRescanStepTable;
  company: CompanyTable;
  companyContact: CompanyContactTable;
  companyHistory: CompanyHistoryTable;
  companyDuplicate: CompanyDuplicateTable;
}

export type StaffUserRow = Selectable<StaffUserTable>;
export type NewStaffUser = Insertable<StaffUserTable>;
export type StaffUserUpdate = Updateable<StaffUserTable>;
export type ApiKeyRow = Selectable<ApiKeyTable>;
export type JobRow = Selectable<JobTable>;
export type GuestRow = Selectable<GuestTable>;
export type RoomTypeRow = Selectable<RoomTypeTable>;
export type BookingRow = Selectable<BookingTable>;
export type CustomerAccountRow = Selectable<CustomerAccountTable>;

/** Booking-site carts (B-3); `abandoned` is derived at query time from last activity. */
export interface CartTable {
  orgId: string;
  id: string;
  visitorKey: string | null;
  guestId: string | null;
  status: Generated<'active' | 'converted'>;
  itemCount: Generated<number>;
  value: ColumnType<number, number | undefined, number>;
  currency: string | null;
  customerName: string | null;
  createdAt: Timestamp;
  lastActivityAt: Timestamp;
  convertedAt: TimestampNullable;
  refusedAt: TimestampNullable;
  refusedGuestId: string | null;
}

export interface CartItemTable {
  orgId: string;
  id: string;
  cartId: string;
  propertyId: string;
  roomTypeId: string;
  checkIn: string;
  checkOut: string;
  adults: Generated<number>;
  children: Generated<number>;
  nights: number;
  nightlyPrice: number;
  discountPercent: ColumnType<number, number | undefined, number>;
  price: number;
  currency: string;
  createdAt: Timestamp;
}

/** One site checkout, unique by its idempotency key (header or cart id). */
export interface SiteCheckoutTable {
  orgId: string;
  id: string;
  idempotencyKey: string;
  cartId: string;
  status: Generated<'pending' | 'completed'>;
  bookingIds: ColumnType<string[], string[] | undefined, string[]>;
  accountCreated: Generated<boolean>;
  createdAt: Timestamp;
  /** sha256 of the checkout's request body (Idempotency-Key checkouts); null before migration 0501. */
  requestHash: string | null;
  /** State of the account created at this checkout ('new' = awaiting staff validation). */
  accountStatus: 'new' | 'validated' | null;
}

/** A host name an organisation's booking site answers on (issue 11 #23); unique on the server. */
/** Privacy settings of an organisation (issue 12, P-6): the retention rule, the backups' lifetime. */
export interface PrivacySettingTable {
  orgId: string;
  /** Anonymise guests with no activity for this many years (null: off). */
  retentionYears: number | null;
  backupDays: Generated<number>;
  updatedAt: Generated<Date>;
  updatedBy: string | null;
}

/** The organisation's identity model (issue 14): name frequencies (names of 5+ profiles) and EM weights. */
export interface IdentityModelTable {
  orgId: string;
  version: Generated<number>;
  names: Json;
  weights: Json | null;
  profiles: number;
  pairs: Generated<number>;
  computedAt: Generated<Date>;
}

export interface SiteHostTable {
  orgId: string;
  host: string;
  createdAt: Timestamp;
}

/** Anonymous-checkout rate counters and e-mail gates (global; keys are hashes). */
export interface SiteThrottleTable {
  key: string;
  windowStart: Date;
  hits: number;
}

/** Guest exports (issue 13, D-2): the request, its progress and its file until it expires. */
export interface ExportFileTable {
  orgId: string;
  id: string;
  format: 'csv' | 'xlsx' | 'vcf';
  status: Generated<'queued' | 'running' | 'done' | 'failed'>;
  segmentId: string | null;
  filters: Json<Record<string, unknown>>;
  fields: Json<string[]>;
  masked: boolean;
  createdByType: string;
  createdById: string | null;
  fileName: string | null;
  rowCount: Generated<number>;
  total: number | null;
  sizeBytes: ColumnType<string | null, number | null | undefined, number | null>;
  error: string | null;
  createdAt: Generated<Date>;
  finishedAt: Date | null;
  expiresAt: Date;
  deletedAt: Date | null;
  deletedReason: 'expired' | 'erasure' | null;
}

/** One import of an uploaded file (issue 13): progress, counters and the checkpoint it resumes from. */
export interface ImportRunTable {
  orgId: string;
  id: string;
  status: Generated<'queued' | 'running' | 'done' | 'failed'>;
  dryRun: Generated<boolean>;
  onExisting: Generated<'enrich' | 'overwrite' | 'skip'>;
  overwriteFields: Json<string[] | null>;
  fileName: string;
  uploadName: string;
  uploadSize: ColumnType<number, number | undefined, number>;
  uploadDeletedAt: TimestampNullable;
  kind: 'csv' | 'xlsx';
  encoding: string | null;
  delimiter: string | null;
  formatId: string;
  formatName: string;
  headers: Json<string[]>;
  mapping: Json<Record<string, string>>;
  total: number | null;
  checkpoint: Generated<number>;
  records: Generated<number>;
  created: Generated<number>;
  updated: Generated<number>;
  unchanged: Generated<number>;
  invalid: Generated<number>;
  bookingsCreated: Generated<number>;
  bookingsExisting: Generated<number>;
  tagsDropped: Generated<number>;
  roomTypesCreated: Json<string[]>;
  jobId: string | null;
  heartbeatAt: TimestampNullable;
  failure: string | null;
  createdByType: string | null;
  createdById: string | null;
  createdAt: Generated<Date>;
  startedAt: TimestampNullable;
  finishedAt: TimestampNullable;
}

/** A rejected record of an import: its problems and its cells as they were in the file. */
export interface ImportErrorTable {
  orgId: string;
  importId: string;
  record: number;
  line: number;
  problems: Json<Array<{ field: string; code: string; message: string }>>;
  cells: Json<string[]>;
}

/** A contact of the hotel a guest writes to (M-3): a queue of threads seen by its staff. */
export interface HotelContactTable {
  orgId: string;
  id: string;
  /** Its name per language (`en` always set). */
  names: Json<Record<string, string>>;
  description: Generated<string>;
  email: string;
  propertyId: string | null;
  /** The staff who see its threads (owners and managers see every thread). */
  staffIds: Generated<string[]>;
  position: Generated<number>;
  createdAt: Timestamp;
  updatedAt: Timestamp;
}

/** A company customer (issue 15): an agency, a corporate client, a wholesaler. */
export interface CompanyTable {
  orgId: string;
  id: string;
  name: string;
  legalName: string | null;
  /** As entered, upper case without separators. */
  taxId: string | null;
  /** Country + national number: what makes two companies the same (unique per organisation). */
  taxKey: string | null;
  country: string | null;
  language: string | null;
  billingStreet: string | null;
  billingCity: string | null;
  billingPostcode: string | null;
  billingRegion: string | null;
  billingCountry: string | null;
  groupId: string | null;
  discount: ColumnType<number | null, number | null | undefined, number | null>;
  rateCode: string | null;
  paymentTerms: string | null;
  notes: string | null;
  tags: Generated<string[]>;
  /** a company registered on the booking site is `new` until staff validate or cancel it. */
  status: Generated<CompanyStatus>;
  /** Why staff cancelled the registration (told to the contact). */
  statusReason: string | null;
  statusChangedAt: TimestampNullable;
  createdAt: Timestamp;
  updatedAt: Timestamp;
}

export type CompanyStatus = 'new' | 'validated' | 'cancelled';

export type ThreadStatus = 'open' | 'waiting_for_guest' | 'closed';
export type ThreadPriority = 'low' | 'normal' | 'high' | 'urgent';

/** A customer-service conversation (M-2). */
export interface ThreadTable {
  orgId: string;
  id: string;
  hotelContactId: string | null;
  guestId: string | null;
  bookingId: string | null;
  /** Opened from the company area for this company (issue 15); threads about its bookings are its too. */
  companyId: ColumnType<string | null, string | null | undefined, string | null>;
  subject: string;
  origin: 'contact_form' | 'account' | 'email' | 'staff';
  status: Generated<ThreadStatus>;
  priority: Generated<ThreadPriority>;
  assigneeId: string | null;
  tags: Generated<string[]>;
  waitingForReply: Generated<boolean>;
  contactName: Generated<string>;
  contactEmail: string | null;
  contactPhone: string | null;
  language: string | null;
  replyToken: string;
  messageCount: Generated<number>;
  createdAt: Timestamp;
  lastActivityAt: Timestamp;
}

export interface ThreadMessageTable {
  orgId: string;
  id: string;
  threadId: string;
  direction: 'in' | 'out' | 'note';
  body: string;
  authorType: string;
  authorId: string | null;
  authorName: Generated<string>;
  emailMessageId: string | null;
  createdAt: Timestamp;
  /** An e-mailed message's whole text, quoted history and signature included (`body` is without them). */
  originalBody: string | null;
  /** The Message-ID of the e-mail a message came in as (inbound SMTP). */
  inboundMessageId: string | null;
}

/** A thread merged into another (M-2): its former id and reply token lead to the survivor. */
export interface ThreadAliasTable {
  orgId: string;
  threadId: string;
  survivorId: string;
  replyToken: string;
  mergedAt: Generated<Timestamp>;
}

/** A file sent with a thread message (issue 16, M-3): kept in the files area "attachments" under `storageKey`. */
export interface ThreadAttachmentTable {
  orgId: string;
  id: string;
  messageId: string;
  /** The sender's file name, sanitised (no path, no control characters); never used as a path. */
  fileName: string;
  /** Detected from the content (magic bytes), never taken from the sender. */
  contentType: 'image/jpeg' | 'image/png' | 'image/gif' | 'image/webp' | 'application/pdf';
  size: number;
  sha256: string;
  storageKey: string;
  /** The order the files were sent in. */
  position: Generated<number>;
  createdAt: Generated<Date>;
}

/** A canned reply (issue 16, M-2): a title and a body per language, optionally for one hotel contact. */
export interface CannedReplyTable {
  orgId: string;
  id: string;
  title: string;
  bodies: Json<Record<string, string>>;
  hotelContactId: string | null;
  createdAt: Generated<Date>;
  updatedAt: Generated<Date>;
}

/** One identity rescan (issue 14, point 5): progress, counters and the checkpoint it resumes from. */
export interface IdentityRescanTable {
  orgId: string;
  id: string;
  status: Generated<'queued' | 'running' | 'done' | 'failed'>;
  dryRun: Generated<boolean>;
  total: number | null;
  done: Generated<number>;
  /** Id of the last profile done ('' before the first batch). */
  checkpoint: Generated<string>;
  compared: Generated<number>;
  merges: Generated<number>;
  mergedProfiles: Generated<number>;
  queued: Generated<number>;
  related: Generated<number>;
  removed: Generated<number>;
  skipped: Generated<number>;
  jobId: string | null;
  heartbeatAt: TimestampNullable;
  failure: string | null;
  createdByType: string | null;
  createdById: string | null;
  createdAt: Generated<Date>;
  startedAt: TimestampNullable;
  finishedAt: TimestampNullable;
  /** 'plan' until the plan's steps are stored, then 'apply'. */
  phase: Generated<'plan' | 'apply'>;
  /** Profiles of the organisation when the run started (`total` grows by the plan's steps). */
  profiles: number | null;
  /** Last plan step applied (0 before the first). */
  applied: Generated<number>;
}

/** One step of a rescan's stored plan: a merge (survivor first) or a review-queue change (a pair). */
export interface IdentityRescanStepTable {
  orgId: string;
  rescanId: string;
  seq: number;
  kind: 'merge' | 'candidate' | 'related' | 'remove';
  guestIds: string[];
  /** Merge: one decision per merged profile; pair: its decision; remove: none. */
  decisions: ColumnType<unknown, string | undefined, string>;
}

export type CompanyContactRole = 'purchasing' | 'billing' | 'logistics' | 'support';

/** A guest who is a contact of a company, with their roles (C-1, C-2). */
export interface CompanyContactTable {
  orgId: string;
  companyId: string;
  guestId: string;
  roles: Generated<CompanyContactRole[]>;
  invitedAt: TimestampNullable;
  createdAt: Timestamp;
  updatedAt: Timestamp;
}

export interface CompanyHistoryTable {
  orgId: string;
  id: string;
  companyId: string;
  field: string;
  oldValue: Json | null;
  newValue: Json | null;
  actorType: string;
  actorId: string | null;
  actorName: string | null;
  requestId: string | null;
  at: Timestamp;
}

/** Two companies that may be one (issue 15 point 1): queued for review; `companyA` < `companyB`. */
export interface CompanyDuplicateTable {
  orgId: string;
  id: string;
  companyA: string;
  companyB: string;
  score: number;
  reasons: string[];
  status: Generated<'open' | 'merged' | 'dismissed'>;
  createdAt: Generated<Date>;
  decidedAt: TimestampNullable;
  decidedByType: string | null;
  decidedById: string | null;
}

export type CompanyRow = Selectable<CompanyTable>;
