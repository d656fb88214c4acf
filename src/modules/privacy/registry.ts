import * as accounts from './erase-accounts.ts';
import * as bookings from './erase-bookings.ts';
import { COMPANY_PLACES } from './erase-companies.ts';
import { EXPORT_PLACES } from './erase-exports.ts';
import { THREAD_PLACES } from './erase-threads.ts';
import { THREAD_ATTACHMENT_PLACES } from './erase-thread-attachments.ts';
import * as guest from './erase-guest.ts';
import * as records from './erase-records.ts';
import type { ErasureRun } from './erasure-run.ts';
import * as imports from '../imports/import-erasure.ts';
// The leaf service, not identity/index.ts (identity reaches guests, which reaches privacy).
import { eraseIdentityModel } from '../identity/model.service.ts';
import { scrubColumns } from './scrub-columns.ts';

/**
 * The one registry of the places where a guest's personal data lives (issue 12, P-2). Erasure
 * walks it in order; a test checks that every table of the database with a text or json column is
 * either here (each of its text/json columns classified) or in NO_PERSONAL_DATA with a reason, so a
 * new table cannot be forgotten. One entry per place: a new feature adds its own.
 */
export interface TablePlace {
  kind: 'table';
  table: string;
  /** Columns that can hold the guest's personal data. */
  personal: string[];
  /** The table's other text/json columns, declared free of personal data (ids, codes, hashes). */
  other: string[];
  /** How the guest's rows are found. */
  find: string;
  /** What erasure does to them. */
  erase: string;
  /** Runs the erasure of this place; answers the rows deleted or changed. Absent: a cascade does it. */
  run?: (r: ErasureRun) => Promise<number>;
}

/** A place outside the database's tables (log output, files in the data directory, backups). */
export interface OtherPlace {
  kind: 'log' | 'files' | 'backup';
  name: string;
  find: string;
  erase: string;
  run?: (r: ErasureRun) => Promise<number>;
}

export type PersonalDataPlace = TablePlace | OtherPlace;

const WHOLE = "scrubbed of the person's full names, e-mails, phones and document numbers";

export const PERSONAL_DATA_PLACES: readonly PersonalDataPlace[] = [
  {
    kind: 'table',
    table: 'guest_merge',
    personal: ['merged_names', 'choices', 'snapshot', 'moves'],
    other: [
      'id',
      'survivor_id',
      'merged_ids',
      'created_by_type',
      'created_by_id',
      'created_by_name',
      'undone_by_type',
      'undone_by_id',
      'undone_by_name',
    ],
    find: 'survivor_id or merged_ids name the guest or a profile merged into it (followed transitively)',
    erase: `undo data emptied, merged_names → *****, erased_at set (undo → 409 merge_erased); other merges ${WHOLE}`,
    run: records.eraseMerges,
  },
  {
    kind: 'table',
    table: 'guest_alias',
    personal: [],
    other: ['old_id', 'survivor_id', 'merge_id'],
    find: 'merge_id of an erased merge, or old_id/survivor_id of the guest',
    erase: 'deleted (with the merge runs above)',
  },
  {
    kind: 'table',
    table: 'booking',
    personal: ['customer_id', 'notes', 'contact_email', 'created_by_id', 'contact_id'],
    other: [
      'id',
      'reference',
      'property_id',
      'room_type_id',
      'status',
      'currency',
      'source',
      'external_ref',
      'channel',
      'created_by_type',
      'company_id',
    ],
    find: 'customer_id (the guest made it), booking_guest (they stayed), contact_email, any notes',
    erase: `own bookings: customer_id, contact_email, notes, customer creator → null (shown as *****); party bookings: notes scrubbed of every name word; all notes ${WHOLE}`,
    run: bookings.eraseBookings,
  },
  {
    kind: 'table',
    table: 'booking_guest',
    personal: ['guest_id'],
    other: ['booking_id', 'role'],
    find: 'guest_id',
    erase: 'deleted',
    run: bookings.eraseBookingParty,
  },
  {
    kind: 'table',
    table: 'cart',
    personal: ['guest_id', 'refused_guest_id', 'customer_name', 'visitor_key'],
    other: ['id', 'status', 'currency'],
    find: 'guest_id or refused_guest_id',
    erase: `deleted, with their site checkouts; other carts' customer_name ${WHOLE}`,
    run: bookings.eraseCarts,
  },
  {
    kind: 'table',
    table: 'cart_item',
    personal: [],
    other: ['id', 'cart_id', 'property_id', 'room_type_id', 'currency'],
    find: 'cart_id of a deleted cart',
    erase: 'deleted by cascade with the cart',
  },
  {
    kind: 'table',
    table: 'site_checkout',
    personal: ['idempotency_key', 'request_hash'],
    other: ['id', 'cart_id', 'status', 'booking_ids', 'account_status'],
    find: "cart_id of the guest's carts, or booking_ids overlapping the bookings they made",
    erase: 'deleted (deleted with the carts above)',
  },
  {
    kind: 'table',
    table: 'email_message',
    personal: ['to_address', 'subject', 'body_text', 'body_html', 'last_error', 'guest_id'],
    other: ['id', 'event', 'language', 'status', 'message_id', 'dedupe_key', 'reply_to'],
    find: "guest_id, or to_address one of the person's e-mails (outbox and mail log)",
    erase: `deleted; other messages ${WHOLE}`,
    run: records.eraseEmails,
  },
  {
    kind: 'table',
    table: 'customer_session',
    personal: ['ip', 'user_agent'],
    other: ['id', 'account_id', 'csrf_token'],
    find: "account_id of the person's accounts",
    erase: 'deleted',
    run: (r) => accounts.eraseCustomerSessions(r, 'customerSession'),
  },
  {
    kind: 'table',
    table: 'customer_token',
    personal: [],
    other: ['id', 'account_id', 'purpose'],
    find: "account_id of the person's accounts (one-time links)",
    erase: 'deleted',
    run: (r) => accounts.eraseCustomerSessions(r, 'customerToken'),
  },
  {
    kind: 'table',
    table: 'sign_in_event',
    personal: ['email', 'ip', 'subject_id'],
    other: ['id', 'kind', 'subject_type'],
    find: "subject_id of the person's accounts, or email one of theirs",
    erase: 'deleted',
    run: accounts.eraseSignInEvents,
  },
  {
    kind: 'table',
    table: 'sign_in_device',
    personal: ['account_key', 'device'],
    other: [],
    find: 'account_key customer:<org>:<e-mail> (installation table)',
    erase: 'deleted, with the login_throttle counters of that key',
    run: accounts.eraseSignInThrottle,
  },
  {
    kind: 'table',
    table: 'login_throttle',
    personal: ['key'],
    other: [],
    find: 'key account:customer:<org>:<e-mail> or pair:customer:<org>:<e-mail>|…',
    erase: 'deleted (with sign_in_device above); per-address counters hold IPs for at most a day',
  },
  {
    kind: 'table',
    table: 'customer_account',
    personal: [
      'username',
      'first_name',
      'last_name',
      'phone',
      'address',
      'guest_id',
      'password_hash',
      'validated_by',
      'cancelled_by',
    ],
    other: ['id', 'status', 'origin', 'language'],
    find: "guest_id, or username one of the person's e-mails",
    erase: 'deleted (the account is closed with the guest)',
    run: accounts.eraseCustomerAccounts,
  },
  {
    kind: 'table',
    table: 'identity_decision',
    personal: ['guest_id', 'reasons'],
    other: ['id', 'source', 'role', 'outcome', 'rule'],
    find: 'guest_id',
    erase: `deleted; other decisions' reasons ${WHOLE}`,
    run: guest.eraseIdentityDecisions,
  },
  {
    kind: 'table',
    table: 'duplicate_candidate',
    personal: ['guest_a', 'guest_b', 'reasons'],
    other: ['kind', 'rule', 'status'],
    find: 'guest_a or guest_b',
    erase: `deleted; other pairs' reasons ${WHOLE}`,
    run: guest.eraseDuplicatePairs,
  },
  {
    kind: 'table',
    table: 'identity_rescan_step',
    personal: ['guest_ids', 'decisions'],
    other: ['rescan_id', 'kind'],
    find: 'guest_ids contains the profile',
    erase: `deleted (a running rescan skips the step); other steps' decisions ${WHOLE}; all steps are deleted when their rescan ends`,
    run: guest.eraseRescanSteps,
  },
  {
    kind: 'table',
    table: 'guest_consent',
    personal: ['guest_id', 'subject_guest_id', 'ip', 'actor_id', 'reference', 'wording_text'],
    other: ['id', 'channel', 'purpose', 'status', 'source', 'wording_language', 'actor_type'],
    find: 'guest_id or subject_guest_id (the profile the record was made for, before a merge)',
    erase: 'deleted (the ledger proves consent while the person exists; the audit keeps that they were erased)',
    run: guest.eraseConsents,
  },
  {
    kind: 'table',
    table: 'guest_note',
    personal: ['body', 'guest_id'],
    other: ['id', 'author_type', 'author_id'],
    find: 'guest_id',
    erase: `deleted; other guests' notes ${WHOLE}`,
    run: guest.eraseNotes,
  },
  {
    kind: 'table',
    table: 'guest_history',
    personal: ['old_value', 'new_value', 'actor_name', 'guest_id'],
    other: ['id', 'actor_type', 'actor_id', 'field', 'request_id'],
    find: 'guest_id',
    erase: `deleted; other guests' history values ${WHOLE}`,
    run: guest.eraseHistory,
  },
  ...(['guest_email', 'guest_phone', 'guest_address'] as const).map((table): TablePlace => ({
    kind: 'table',
    table,
    personal: {
      guest_email: ['email', 'label', 'guest_id'],
      guest_phone: ['e164', 'display', 'label', 'guest_id'],
      guest_address: ['name', 'street', 'city', 'region', 'postcode', 'country', 'guest_id'],
    }[table],
    other: table === 'guest_address' ? ['id'] : [],
    find: 'guest_id',
    erase: 'deleted',
    run: (r) =>
      guest.eraseGuestLists(
        r,
        ({ guest_email: 'guestEmail', guest_phone: 'guestPhone', guest_address: 'guestAddress' } as const)[table],
      ),
  })),
  {
    kind: 'table',
    table: 'guest_search_token',
    personal: ['token', 'guest_id'],
    other: [],
    find: "the tokens the profile lists (guest.search_tokens), through the table's primary key",
    erase: 'deleted',
    run: guest.eraseSearchTokens,
  },
  {
    kind: 'table',
    table: 'guest_name_key',
    personal: ['key', 'guest_id'],
    other: [],
    find: "the keys the profile's names give (guest_name_keys), through the table's primary key",
    erase: 'deleted',
    run: guest.eraseNameKeys,
  },
  {
    kind: 'table',
    table: 'guest_phone_suffix',
    personal: ['suffix', 'guest_id'],
    other: [],
    find: "the fragments of the person's phones, through the table's primary key",
    erase: 'deleted',
    run: guest.erasePhoneSuffixes,
  },
  {
    kind: 'table',
    table: 'guest',
    personal: [
      'id',
      'first_name',
      'last_name',
      'second_last_name',
      'native_name',
      'email',
      'phone',
      'phone_display',
      'nationality',
      'country',
      'document_type',
      'document_number',
      'document_number_index',
      'document_country',
      'user_id',
      'username',
      'block_reason',
      'search_tokens',
      'tag_ids',
      'group_ids',
      'company_id',
      'language',
      'title_id',
    ],
    other: ['source'],
    find: 'id (the guest; profiles merged into it were deleted by the merge)',
    erase: `deleted (KPI and count triggers keep the counters right); other guests' block_reason ${WHOLE}`,
    run: async (r) => (await guest.eraseGuestRow(r)) + (await guest.scrubOtherGuests(r)),
  },
  {
    kind: 'table',
    table: 'identity_model',
    personal: ['names'],
    other: ['org_id', 'weights'],
    find: "the organisation's model: counts of first names and surnames shared by 5+ profiles (rarer names are never stored)",
    erase:
      'the row is deleted after any build in progress commits, and a rebuild is queued in the same transaction (it reads the guests once the erasure has committed)',
    run: (r) => eraseIdentityModel(r.trx, r.ctx.orgId),
  },
  {
    kind: 'table',
    table: 'search_word',
    personal: ['word'],
    other: [],
    find: "the words of the person's names and e-mails (shared by the organisation)",
    erase: 'a word no remaining guest has is deleted',
    run: guest.eraseSearchWords,
  },
  {
    kind: 'table',
    table: 'segment',
    personal: ['filters'],
    other: ['id', 'name', 'created_by'],
    find: 'any saved filter (a search text may name the person)',
    erase: WHOLE,
    run: records.eraseSegmentFilters,
  },
  {
    kind: 'table',
    table: 'audit_log',
    personal: ['data', 'entity_id'],
    other: ['id', 'actor_type', 'actor_id', 'action', 'entity_type', 'request_id'],
    find: "entity guest/customer_account of the person; any entry's data",
    erase: `entries about the person deleted (one guest.erased entry under an opaque id stays); other entries' data ${WHOLE}`,
    run: records.eraseAuditEntries,
  },
  {
    kind: 'table',
    table: 'job',
    personal: ['payload', 'result', 'progress', 'last_error', 'dedupe_key'],
    other: ['id', 'name', 'status', 'locked_by'],
    find: 'any job of the organisation (or of none): payloads may carry an e-mail (password resets)',
    erase: WHOLE,
    run: records.eraseJobData,
  },
  {
    kind: 'log',
    name: 'server log output (pino)',
    find: 'request bodies, query strings, error messages',
    erase: 'never written: src/core/logger.ts redacts personal fields and query strings before a line is written',
  },
  {
    kind: 'table',
    table: 'import_error',
    personal: ['cells', 'problems'],
    other: ['import_id'],
    find: "rejected import records whose cells, read as one line, hold the person's full name, an e-mail, a phone or a document number",
    erase: 'deleted (imports.eraseImportErrors)',
    run: (r) => imports.eraseImportErrors(r.trx, r.subject.orgId, r.org),
  },
  {
    kind: 'table',
    table: 'import_run',
    personal: ['file_name'],
    other: [
      'id',
      'status',
      'on_existing',
      'overwrite_fields',
      'upload_name',
      'kind',
      'encoding',
      'delimiter',
      'format_id',
      'format_name',
      'headers',
      'mapping',
      'room_types_created',
      'job_id',
      'failure',
      'created_by_type',
      'created_by_id',
    ],
    find: "any import of the organisation whose file name holds one of the person's whole values",
    erase: WHOLE,
    run: (r) =>
      scrubColumns(
        r.trx,
        r.subject.orgId,
        { table: 'import_run', key: ['id'], columns: [{ name: 'file_name', kind: 'text' }] },
        r.org,
      ),
  },
  {
    kind: 'files',
    name: 'files directory (CLIENTELA_FILES_DIR): import uploads',
    find: 'uploads kept after their imports ended (a real import deletes its upload when it ends; dry-run uploads wait 24 h)',
    erase:
      "every kept upload of the organisation deleted at once (imports.eraseKeptUploads); a running import's upload goes when it ends",
    run: (r) => imports.eraseKeptUploads(r.trx, r.subject.orgId),
  },
  ...THREAD_ATTACHMENT_PLACES,
  ...THREAD_PLACES,
  ...EXPORT_PLACES,
  ...COMPANY_PLACES,
  {
    kind: 'backup',
    name: 'database backups and PostgreSQL dead rows',
    find: 'backups taken before the erasure; dead row versions until VACUUM',
    erase:
      'VACUUM of the touched tables after commit (job privacy.vacuum); backups age out (docs/guide/privacy/erasure.md)',
  },
];

/** Tables with text or json columns that hold no guest's personal data, and why. */
export const NO_PERSONAL_DATA: Readonly<Record<string, string>> = {
  organisation: "the hotel's own name and settings",
  property: "the hotel's properties",
  room_type: "the hotel's room types",
  room_night: 'inventory counts per night',
  title: 'salutation labels',
  tag: "the hotel's tag vocabulary (links to guests are the guest's tag_ids)",
  guest_group: "the hotel's groups (links to guests are the guest's group_ids)",
  guest_stats: 'counters only, kept by triggers on guest',
  guest_kpi_stats: 'counters only, kept by triggers on guest',
  email_template: "the hotel's wording; a guest's data is filled in when a message is rendered (email_message)",
  site_host: "the booking site's host names",
  privacy_setting: "the organisation's retention rule and backup lifetime",
  identity_rescan: 'identity rescan runs: ids (the last profile done), counters and status only',
  consent_purpose: "the hotel's consent purposes and their names per language",
  consent_wording: "the hotel's consent wording (versioned texts shown to guests)",
  site_throttle: 'sha256-hashed keys (no raw address or e-mail), deleted after a day',
  staff_user: 'staff, not guests (staff data is not erased with a guest)',
  staff_session: 'staff sessions (staff IPs and browsers, not guests)',
  api_key: "the hotel's API keys",
  deferred_index: 'index definitions for bulk loads',
  kysely_migration: 'migration names',
  kysely_migration_lock: 'migration lock',
  thread_alias: "a merged thread's former id and random reply token (its messages moved to the survivor's thread)",
  hotel_contact: "the hotel's contacts (names, the hotel's notification address, the staff who see them)",
  canned_reply:
    "the hotel's reply templates (titles and bodies per language; guests' details are placeholders filled when inserted)",
  company_duplicate:
    'pairs of company ids queued as possible duplicates: a score, reason codes, the status and which staff member decided',
};

export const tablePlaces = (): TablePlace[] => PERSONAL_DATA_PLACES.filter((p): p is TablePlace => p.kind === 'table');
