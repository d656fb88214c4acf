import {
  type AddressEntry,
  type EmailEntry,
  MAX_TAGS,
  normaliseDocumentNumber,
  openDocumentNumber,
  type PhoneEntry,
  sealDocumentNumber,
} from '../../guests/index.ts';
import type { ImportField, ImportedPerson } from '../reading/index.ts';

/** What an import reads and writes of a profile. */
export interface ProfileState {
  titleId: string | null;
  firstName: string;
  lastName: string;
  language: string | null;
  nationality: string | null;
  country: string | null;
  birthDate: string | null;
  documentType: string | null;
  /** Sealed (core/secret-box.ts). */
  documentNumber: string | null;
  documentNumberIndex: string | null;
  marketingConsent: boolean;
  /** The guest's ledger holds a marketing record: what they said stands against an enriching import. */
  hasMarketingRecord: boolean;
  emails: EmailEntry[];
  phones: PhoneEntry[];
  addresses: AddressEntry[];
  tagIds: string[];
  groupIds: string[];
  /** Bodies of the guest's notes (a note already there is not added again). */
  notes: string[];
}

/** A record's person with its catalog names turned into ids. */
export interface IncomingPerson {
  person: ImportedPerson;
  titleId?: string | undefined;
  tagIds: string[];
  groupIds: string[];
}

/**
 * `fill`: the record that made the profile (everything it has goes in); `enrich`, `overwrite`,
 * `skip`: the import's choice for a profile that was there.
 */
export interface FoldRule {
  mode: 'fill' | 'enrich' | 'overwrite' | 'skip';
  /** With `overwrite`: the fields replaced (every field when absent). */
  fields?: ReadonlySet<ImportField> | undefined;
}

export interface FoldResult {
  changed: boolean;
  /** Tags of the record left out by the cap. */
  tagsDropped: string[];
  /** New notes to write. */
  notes: string[];
  /** A marketing consent record to write (the new state). */
  consent?: boolean;
}

const clone = (s: ProfileState): ProfileState => structuredClone(s);
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
const fold = (s: string | null | undefined) =>
  (s ?? '')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();

/** The address a record describes, as a profile stores it (line 1 and 2 as the street). */
export function addressOf(person: ImportedPerson): Omit<AddressEntry, 'primary'> | undefined {
  const a = person.address;
  if (!a) return undefined;
  const street = [a.line1, a.line2].filter(Boolean).join(', ') || null;
  const entry = {
    name: null,
    street,
    city: a.city ?? null,
    region: a.region ?? null,
    postcode: a.postcode ?? null,
    country: a.country ?? null,
  };
  return entry.street || entry.city || entry.region || entry.postcode || entry.country ? entry : undefined;
}

const sameAddress = (a: Omit<AddressEntry, 'primary'>, b: Omit<AddressEntry, 'primary'>) =>
  fold(a.street) === fold(b.street) &&
  fold(a.city) === fold(b.city) &&
  fold(a.postcode) === fold(b.postcode) &&
  (a.country ?? b.country) === (b.country ?? a.country);

/**
 * Applies one record to a profile's state (mutated in place) by the rule: `enrich` fills what is
 * empty and adds new e-mails, phones, addresses, tags (up to nine), groups and notes, never
 * replacing anything; `overwrite` replaces the chosen fields and enriches the others; `skip`
 * changes nothing. Pure, apart from sealing a document number.
 */
export function foldRecord(state: ProfileState, incoming: IncomingPerson, rule: FoldRule): FoldResult {
  const result: FoldResult = { changed: false, tagsDropped: [], notes: [] };
  if (rule.mode === 'skip') return result;
  const before = clone(state);
  const p = incoming.person;
  const over = (...fields: ImportField[]) =>
    rule.mode === 'overwrite' && fields.some((f) => !rule.fields || rule.fields.has(f));
  const setScalar = <K extends 'titleId' | 'language' | 'nationality' | 'country' | 'birthDate'>(
    key: K,
    value: string | undefined,
    overwrite: boolean,
  ) => {
    if (!value) return;
    if (overwrite || state[key] === null) state[key] = value;
  };

  if (p.givenName && (over('givenName', 'middleName', 'fullName') || !state.firstName.trim()))
    state.firstName = p.givenName;
  if (p.familyName && (over('familyName', 'fullName') || !state.lastName.trim())) state.lastName = p.familyName;
  setScalar('titleId', incoming.titleId, over('title'));
  setScalar('birthDate', p.birthDate, over('birthDate'));
  setScalar('language', p.language, over('language'));
  setScalar('nationality', p.nationality, over('nationality'));
  setScalar('country', p.address?.country, over('country'));

  if (p.document) {
    const plain = state.documentNumber === null ? null : openDocumentNumber(state.documentNumber);
    const isSame = plain !== null && normaliseDocumentNumber(plain) === normaliseDocumentNumber(p.document.number);
    if (!isSame && (state.documentNumber === null || over('documentNumber')))
      Object.assign(state, sealDocumentNumber(p.document.number));
    if (p.document.type && (state.documentType === null || over('documentType'))) state.documentType = p.document.type;
  }

  state.emails = mergeList(
    state.emails,
    p.emails.map((email) => ({ email, primary: false, label: null })),
    // An e-mail in other capitals is the same address (the resolver matched on it), not a new one.
    (e) => e.email.toLowerCase(),
    over('email'),
  );
  state.phones = mergeList(
    state.phones,
    p.phones.map((ph) => ({ e164: ph.e164, display: ph.display, primary: false, label: null })),
    (e) => e.e164,
    over('phone'),
  );

  const address = addressOf(p);
  if (address) {
    const overwrite = over('addressLine1', 'addressLine2', 'city', 'region', 'postcode');
    const primary = state.addresses.findIndex((a) => a.primary);
    if (overwrite && primary >= 0) {
      if (!sameAddress(state.addresses[primary]!, address)) state.addresses[primary] = { ...address, primary: true };
    } else if (!state.addresses.some((a) => sameAddress(a, address))) {
      state.addresses.push({ ...address, primary: state.addresses.length === 0 });
    }
  }

  // Tags: the record's tags after the profile's own (or instead of them, overwriting), nine at most.
  const wanted = over('tags') && incoming.tagIds.length ? [] : [...state.tagIds];
  for (const id of incoming.tagIds) {
    if (wanted.includes(id)) continue;
    if (wanted.length >= MAX_TAGS) result.tagsDropped.push(id);
    else wanted.push(id);
  }
  state.tagIds = wanted;

  const groups = over('groups') && incoming.groupIds.length ? [] : [...state.groupIds];
  for (const id of incoming.groupIds) if (!groups.includes(id)) groups.push(id);
  state.groupIds = groups;

  for (const note of p.notes) {
    const body = note.trim();
    if (body && !state.notes.some((n) => n.trim() === body)) {
      state.notes.push(body);
      result.notes.push(body);
    }
  }

  const newsletter = p.consents.find((c) => c.purpose === 'newsletter');
  if (newsletter && newsletter.granted !== state.marketingConsent) {
    // An enriching import does not contradict what the guest said (their ledger has a record).
    if (over('newsletter') || !state.hasMarketingRecord) {
      state.marketingConsent = newsletter.granted;
      state.hasMarketingRecord = true;
      result.consent = newsletter.granted;
    }
  }

  result.changed = !same(before, state);
  return result;
}

/**
 * Adds the incoming entries missing from a list (primary only when the list was empty), or, when
 * `overwrite`, puts them first with the first one primary and keeps the other entries after them.
 */
function mergeList<T extends { primary: boolean }>(
  list: T[],
  incoming: T[],
  key: (e: T) => string,
  overwrite: boolean,
): T[] {
  if (!incoming.length) return list;
  if (overwrite) {
    const keys = new Set(incoming.map(key));
    const next = [
      ...incoming.map((e, i) => ({ ...(list.find((x) => key(x) === key(e)) ?? e), primary: i === 0 })),
      ...list.filter((e) => !keys.has(key(e))).map((e) => ({ ...e, primary: false })),
    ];
    return same(next, list) ? list : next;
  }
  const out = [...list];
  for (const e of incoming) if (!out.some((x) => key(x) === key(e))) out.push({ ...e, primary: out.length === 0 });
  return out;
}
