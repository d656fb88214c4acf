/** Shapes of the import API (mirrors src/modules/imports: routes and reading/fields.ts). */

/** The fields a column can feed, in the order the mapping dropdown lists them. */
export const IMPORT_FIELDS = [
  'ignore',
  'externalId',
  'title',
  'givenName',
  'middleName',
  'familyName',
  'fullName',
  'email',
  'phone',
  'birthDate',
  'language',
  'nationality',
  'addressLine1',
  'addressLine2',
  'city',
  'region',
  'postcode',
  'country',
  'documentType',
  'documentNumber',
  'company',
  'notes',
  'tags',
  'groups',
  'newsletter',
  'partnerOffers',
  'bookingReference',
  'bookingStatus',
  'bookingCreatedAt',
  'checkIn',
  'checkOut',
  'roomType',
  'adults',
  'children',
  'totalPrice',
  'stayGuestName',
] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];

/** How the dropdown groups the fields. */
export const FIELD_GROUPS: Array<{ key: string; fields: ImportField[] }> = [
  { key: 'person', fields: ['externalId', 'title', 'givenName', 'middleName', 'familyName', 'fullName', 'birthDate'] },
  { key: 'contact', fields: ['email', 'phone', 'language', 'nationality', 'company'] },
  { key: 'address', fields: ['addressLine1', 'addressLine2', 'city', 'region', 'postcode', 'country'] },
  { key: 'document', fields: ['documentType', 'documentNumber'] },
  { key: 'marketing', fields: ['notes', 'tags', 'groups', 'newsletter', 'partnerOffers'] },
  {
    key: 'booking',
    fields: [
      'bookingReference',
      'bookingStatus',
      'bookingCreatedAt',
      'checkIn',
      'checkOut',
      'roomType',
      'adults',
      'children',
      'totalPrice',
      'stayGuestName',
    ],
  },
];

/** Column header → field. */
export type ImportMapping = Record<string, ImportField>;

export const ON_EXISTING = ['enrich', 'overwrite', 'skip'] as const;
export type OnExisting = (typeof ON_EXISTING)[number];

export type ImportStatus = 'queued' | 'running' | 'done' | 'failed';

export interface ImportProblem {
  record: number;
  field: string;
  code: string;
  message: string;
}

export interface ImportFormatInfo {
  /** 'csv' or 'xlsx'. */
  kind: string;
  encoding: string | null;
  delimiter: string | null;
}

export interface ImportSummary {
  records: number;
  created: number;
  updated: number;
  unchanged: number;
  invalid: number;
  format: ImportFormatInfo;
  mapping: ImportMapping;
  /** The recognised system ("prestashop-import") and its name. */
  formatId?: string | null;
  formatName?: string | null;
  /** Absent from the history's items (the full import has them). */
  errors?: ImportProblem[];
  bookings?: { created: number; existing: number };
  roomTypesCreated?: string[];
  tagsDropped?: number;
}

/** Who started an import: a staff member, an API key or the command line (`system`). */
export interface ImportAuthor {
  type: string | null;
  id: string | null;
  name?: string | null;
}

export interface ImportRun {
  id: string;
  status: ImportStatus;
  dryRun: boolean;
  progress: { done: number; total: number | null };
  summary: ImportSummary | null;
  onExisting?: OnExisting;
  fileName?: string | null;
  createdAt?: string;
  createdBy?: ImportAuthor | null;
  finishedAt?: string | null;
  failure?: string | null;
  /** The uploaded file is still on the server (it can be run again). */
  uploadKept?: boolean;
}

export interface ImportPage {
  items: ImportRun[];
  nextCursor?: string | null;
}

export interface ImportColumn {
  header: string;
  field: ImportField;
  samples: string[];
}

export interface ImportColumns {
  formatId: string;
  formatName: string;
  kind: string;
  encoding: string | null;
  delimiter: string | null;
  columns: ImportColumn[];
}
