/** Shapes of the guest API (mirrors the server's response schemas, /api/v1/guests…). */
export const guestSources = ['booking', 'form', 'import', 'manual', 'registration', 'api'] as const;
export type GuestSource = (typeof guestSources)[number];

export interface GuestEmail {
  email: string;
  primary: boolean;
  label: string | null;
}

export interface GuestPhone {
  e164: string;
  display: string;
  primary: boolean;
  label: string | null;
}

export interface GuestAddress {
  id: string;
  name: string | null;
  street: string | null;
  city: string | null;
  region: string | null;
  postcode: string | null;
  country: string | null;
  primary: boolean;
}

export interface GuestDocument {
  type: string | null;
  number: string | null;
  issuingCountry: string | null;
  expiry: string | null;
}

export interface Guest {
  id: string;
  titleId: string | null;
  firstName: string;
  lastName: string;
  secondLastName: string | null;
  nativeName: string | null;
  email: string | null;
  emails: GuestEmail[];
  phone: string | null;
  phoneDisplay: string | null;
  phones: GuestPhone[];
  language: string | null;
  nationality: string | null;
  country: string | null;
  addresses: GuestAddress[];
  birthDate: string | null;
  document: GuestDocument | null;
  marketingConsent: boolean;
  tags: string[];
  groupIds: string[];
  /** The default group (Visitor/Guest/Customer) was chosen by staff, not assigned automatically. */
  systemGroupManual: boolean;
  companyId: string | null;
  userId: string | null;
  username: string | null;
  bookingCount: number;
  revenue: number;
  rfm: { recencyDays: number; frequency: number; lifetimeValue: number };
  firstContactAt: string;
  lastActivityAt: string;
  createdAt: string;
  updatedAt: string;
  source: GuestSource;
  blocked: { at: string; reason: string } | null;
}

export interface GuestPage {
  items: Guest[];
  nextCursor: string | null;
  total: number;
}

export interface Actor {
  type: string;
  id: string | null;
  name: string | null;
}

export interface HistoryEntry {
  id: string;
  at: string;
  actor: Actor;
  field: string;
  oldValue: unknown;
  newValue: unknown;
}

export interface HistoryPage {
  items: HistoryEntry[];
  nextCursor: string | null;
}

export interface GuestNote {
  id: string;
  body: string;
  author: Actor;
  createdAt: string;
  updatedAt: string;
}

export interface BulkResult {
  updated: number;
  refused?: { guestId: string; reason: string }[];
}

export type KpiInterval = 'day' | 'week' | 'month';

export interface GuestKpis {
  totals: {
    guests: number;
    newInPeriod: number;
    returningRate: number;
    bookingsPerGuest: number;
    revenuePerGuest: number;
    consentRate: number;
  };
  series: { period: string; newGuests: number; totalGuests: number }[];
}

export interface Title {
  id: string;
  labels: { en: string; es: string; fr: string };
  position: number;
}

/** A catalog entry's name in en/es/fr (translations for predefined tags and default groups). */
export type CatalogNames = Record<'en' | 'es' | 'fr', string>;

export interface Tag {
  id: string;
  name: string;
  names: CatalogNames;
  predefined: boolean;
  color: string | null;
  guestCount: number;
}

export const priceDisplayModes = ['everyone', 'logged_in', 'validated', 'on_request'] as const;
export type PriceDisplay = (typeof priceDisplayModes)[number];

export interface GuestGroup {
  id: string;
  name: string;
  names: CatalogNames;
  discountPercent: number;
  priceDisplay: PriceDisplay;
  systemKind: 'visitor' | 'guest' | 'customer' | null;
  memberCount: number;
}

export interface Segment {
  id: string;
  name: string;
  filters: Record<string, unknown>;
  createdAt: string;
  updatedAt: string;
}
