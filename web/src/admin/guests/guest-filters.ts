import { guestSources, type GuestSource } from './guest.types.ts';

/** Columns the server sorts by; a leading `-` means descending. */
export const sortFields = ['name', 'firstContactAt', 'lastActivityAt', 'bookingCount'] as const;
export type SortField = (typeof sortFields)[number];
export type GuestSort = SortField | `-${SortField}`;

/** Everything that narrows the guest list: the search box and the filter panel (G-3, G-4). */
export interface GuestFilters {
  q: string;
  language: string | null;
  marketingConsent: boolean | null;
  firstContactFrom: string | null;
  firstContactTo: string | null;
  lastActivityFrom: string | null;
  lastActivityTo: string | null;
  tag: string[];
  tagMode: 'any' | 'all';
  groupId: string | null;
  country: string | null;
  hasAccount: boolean | null;
  minBookings: number | null;
  maxBookings: number | null;
  source: GuestSource | null;
  /** A company's people: contacts, customers and travellers of its bookings (issue 15). */
  companyId: string | null;
}

export const emptyFilters: GuestFilters = {
  q: '',
  language: null,
  marketingConsent: null,
  firstContactFrom: null,
  firstContactTo: null,
  lastActivityFrom: null,
  lastActivityTo: null,
  tag: [],
  tagMode: 'any',
  groupId: null,
  country: null,
  hasAccount: null,
  minBookings: null,
  maxBookings: null,
  source: null,
  companyId: null,
};

/** The filter-panel fields (everything but `q`), in the order their chips appear. */
export const panelFilterKeys = [
  'tag',
  'language',
  'marketingConsent',
  'firstContactFrom',
  'firstContactTo',
  'lastActivityFrom',
  'lastActivityTo',
  'groupId',
  'country',
  'hasAccount',
  'minBookings',
  'maxBookings',
  'source',
  'companyId',
] as const;
export type PanelFilterKey = (typeof panelFilterKeys)[number];

const textKeys = [
  'language',
  'firstContactFrom',
  'firstContactTo',
  'lastActivityFrom',
  'lastActivityTo',
  'groupId',
  'country',
  'companyId',
] as const;
const booleanKeys = ['marketingConsent', 'hasAccount'] as const;
const numberKeys = ['minBookings', 'maxBookings'] as const;

const isSortField = (value: string): value is SortField => (sortFields as readonly string[]).includes(value);

export function parseSort(value: string | null): GuestSort | null {
  if (!value) return null;
  return isSortField(value.replace(/^-/, '')) ? (value as GuestSort) : null;
}

function parseBoolean(value: unknown): boolean | null {
  if (value === true || value === 'true') return true;
  if (value === false || value === 'false') return false;
  return null;
}

function parseCount(value: unknown): number | null {
  if (value === null || value === undefined || value === '') return null;
  const n = Number(value);
  return Number.isInteger(n) && n >= 0 ? n : null;
}

const asText = (value: unknown): string | null => (typeof value === 'string' && value.trim() ? value : null);

/** Reads filters from a plain object (a saved segment's `filters`, or URL params turned into one). */
export function filtersFromRecord(record: Record<string, unknown>): GuestFilters {
  const filters: GuestFilters = { ...emptyFilters, tag: [] };
  filters.q = typeof record.q === 'string' ? record.q : '';
  for (const key of textKeys) filters[key] = asText(record[key]);
  for (const key of booleanKeys) filters[key] = parseBoolean(record[key]);
  for (const key of numberKeys) filters[key] = parseCount(record[key]);
  const tags = record.tag ?? record.tags;
  filters.tag = (Array.isArray(tags) ? tags : typeof tags === 'string' ? [tags] : []).filter(
    (tag): tag is string => typeof tag === 'string' && tag !== '',
  );
  filters.tagMode = record.tagMode === 'all' ? 'all' : 'any';
  const source = asText(record.source);
  filters.source = source && (guestSources as readonly string[]).includes(source) ? (source as GuestSource) : null;
  return filters;
}

export function filtersFromParams(params: URLSearchParams): GuestFilters {
  const record: Record<string, unknown> = Object.fromEntries(params.entries());
  record.tag = params.getAll('tag');
  return filtersFromRecord(record);
}

/** The filters as JSON for a saved segment: only what is set, with real booleans and numbers. */
export function filtersToRecord(filters: GuestFilters): Record<string, unknown> {
  const record: Record<string, unknown> = {};
  if (filters.q.trim()) record.q = filters.q.trim();
  for (const key of [...textKeys, ...booleanKeys, ...numberKeys, 'source'] as const) {
    if (filters[key] !== null) record[key] = filters[key];
  }
  if (filters.tag.length > 0) {
    record.tag = filters.tag;
    if (filters.tagMode === 'all') record.tagMode = 'all';
  }
  return record;
}

/** The filters as query parameters (the page URL and `GET /guests`); `tag` repeats. */
export function filtersToParams(filters: GuestFilters, sort: GuestSort | null = null): URLSearchParams {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filtersToRecord(filters))) {
    if (Array.isArray(value)) for (const item of value) params.append(key, String(item));
    else params.set(key, String(value));
  }
  if (sort) params.set('sort', sort);
  return params;
}

/** Which panel filters are set (one chip each). */
export function activeFilterKeys(filters: GuestFilters): PanelFilterKey[] {
  return panelFilterKeys.filter((key) => (key === 'tag' ? filters.tag.length > 0 : filters[key] !== null));
}

/** The filters with one panel filter cleared. */
export function clearFilter(filters: GuestFilters, key: PanelFilterKey): GuestFilters {
  if (key === 'tag') return { ...filters, tag: [], tagMode: 'any' };
  return { ...filters, [key]: null };
}

export function sameFilters(a: GuestFilters, b: GuestFilters): boolean {
  return filtersToParams(a).toString() === filtersToParams(b).toString();
}
