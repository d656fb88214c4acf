import type { TenantDb } from '../../db/database.ts';
import type { GuestRow } from '../../db/schema.ts';
import { findExistingGroupIds, findTagNames, findTagsByNames } from '../guest-catalog/index.ts';
import type { GuestProblems } from './guest-problems.ts';
import type { CreateGuestInput, UpdateGuestInput } from './guest.schemas.ts';
import { DEFAULT_PHONE_COUNTRY, normalisePhone } from './phone.ts';
import { isInternational, loadPhoneCountries, phoneCountryOrder } from './phone-countries.ts';

/** The most tags one guest may carry (G-5; also a check constraint on guest.tag_ids). */
export const MAX_TAGS = 9;

export interface EmailEntry {
  email: string;
  primary: boolean;
  label: string | null;
}
export interface PhoneEntry {
  e164: string;
  display: string;
  primary: boolean;
  label: string | null;
}
export interface AddressEntry {
  name: string | null;
  street: string | null;
  city: string | null;
  region: string | null;
  postcode: string | null;
  country: string | null;
  primary: boolean;
}

/** A guest's list-valued fields, as stored and as recorded in history (tags by name). */
export interface GuestLists {
  emails: EmailEntry[];
  phones: PhoneEntry[];
  addresses: AddressEntry[];
  tags: string[];
  tagIds: string[];
  groupIds: string[];
}

const blank = (s: string | null | undefined) => (s?.trim() ? s.trim() : null);

/** Loads a stored guest's lists (for PATCH and history). */
export async function loadGuestLists(db: TenantDb, row: GuestRow): Promise<GuestLists> {
  const [emails, phones, addresses, names] = await Promise.all([
    db.selectFrom('guestEmail').selectAll().where('guestId', '=', row.id).orderBy('position').execute(),
    db.selectFrom('guestPhone').selectAll().where('guestId', '=', row.id).orderBy('position').execute(),
    db.selectFrom('guestAddress').selectAll().where('guestId', '=', row.id).orderBy('position').execute(),
    findTagNames(db, row.tagIds),
  ]);
  return {
    emails: emails.map((e) => ({ email: e.email, primary: e.isPrimary, label: e.label })),
    phones: phones.map((p) => ({ e164: p.e164, display: p.display, primary: p.isPrimary, label: p.label })),
    addresses: addresses.map((a) => ({
      name: a.name,
      street: a.street,
      city: a.city,
      region: a.region,
      postcode: a.postcode,
      country: a.country,
      primary: a.isPrimary,
    })),
    tags: row.tagIds.flatMap((id) => names.get(id) ?? []),
    tagIds: row.tagIds,
    groupIds: row.groupIds,
  };
}

/** Exactly one primary entry when the list is not empty: the one marked, else the first. */
function withOnePrimary<T extends { primary: boolean }>(list: T[], field: string, problems: GuestProblems): T[] {
  const marked = list.filter((e) => e.primary).length;
  if (marked > 1) problems.add('too_many_primaries', field, 'only one entry can be primary');
  return list.map((e, i) => ({ ...e, primary: marked === 0 ? i === 0 : e.primary }));
}

/** `email`/`phone` on PATCH replace the primary entry and keep the others. */
function replacePrimary<T extends { primary: boolean }>(list: T[], entry: T | null, same: (a: T) => boolean): T[] {
  const rest = list.filter((e) => !e.primary && !(entry && same(e))).map((e) => ({ ...e, primary: false }));
  return entry ? [{ ...entry, primary: true }, ...rest] : rest.map((e, i) => ({ ...e, primary: i === 0 }));
}

type ListInput = CreateGuestInput | UpdateGuestInput;

/**
 * The countries the body's national phone numbers are read with (issue 14 point 6a): the one the
 * caller names (`defaultCountry`), the guest's own (country of residence, then the addresses'),
 * then the organisation's (phone-countries.ts) — read only when a number needs them.
 */
async function phoneCountriesOf(
  db: TenantDb,
  body: ListInput,
  current: GuestLists,
  currentCountry: string | null | undefined,
): Promise<string[]> {
  const numbers = [...(body.phones ?? []).map((p) => p.number), ...(body.phone ? [body.phone] : [])];
  const addresses = body.addresses ?? current.addresses;
  const own = [
    body.defaultCountry,
    body.country === undefined ? currentCountry : body.country,
    ...[...addresses].sort((a, b) => Number(b.primary ?? false) - Number(a.primary ?? false)).map((a) => a.country),
  ];
  const ownOnly = phoneCountryOrder({ orgDefault: '', properties: new Map(), roomTypes: new Map() }, own);
  // Every number readable with the guest's own countries (or written with "+"): no query.
  if (numbers.every((n) => isInternational(n) || normalisePhone(n, ownOnly)))
    return ownOnly.length ? ownOnly : [DEFAULT_PHONE_COUNTRY];
  return phoneCountryOrder(await loadPhoneCountries(db), own);
}

/**
 * Validates and normalises the list fields of a create or PATCH against the current lists
 * (empty on create): e-mails, phones (E.164, kept as entered), addresses, tags by name from
 * the catalog (at most nine) and groups. Problems are collected, not thrown.
 */
export async function buildGuestLists(
  db: TenantDb,
  body: ListInput,
  current: GuestLists,
  problems: GuestProblems,
  /** The guest's stored country of residence (PATCH), read before the organisation's countries. */
  currentCountry?: string | null,
): Promise<GuestLists> {
  const next = { ...current };
  const country = await phoneCountriesOf(db, body, current, currentCountry);

  if (body.emails !== undefined) {
    const seen = new Set<string>();
    body.emails.forEach((e, i) => {
      if (seen.has(e.email)) problems.add('duplicate_entry', `emails.${i}.email`, 'appears twice');
      seen.add(e.email);
    });
    const list = body.emails.map((e) => ({ email: e.email, primary: e.primary ?? false, label: blank(e.label) }));
    next.emails = withOnePrimary(list, 'emails', problems);
  } else if (body.email !== undefined) {
    const entry = body.email ? { email: body.email, primary: true, label: null } : null;
    next.emails = replacePrimary(current.emails, entry, (e) => e.email === body.email);
  }

  if (body.phones !== undefined) {
    const seen = new Set<string>();
    const list: PhoneEntry[] = [];
    body.phones.forEach((p, i) => {
      const parsed = normalisePhone(p.number, country);
      if (!parsed) return problems.add('invalid_phone', `phones.${i}.number`, 'is not a valid phone number');
      if (seen.has(parsed.e164)) problems.add('duplicate_entry', `phones.${i}.number`, 'appears twice');
      seen.add(parsed.e164);
      list.push({ ...parsed, primary: p.primary ?? false, label: blank(p.label) });
    });
    next.phones = withOnePrimary(list, 'phones', problems);
  } else if (body.phone !== undefined) {
    const parsed = body.phone ? normalisePhone(body.phone, country) : null;
    if (parsed === undefined) problems.add('invalid_phone', 'phone', 'is not a valid phone number');
    const entry = parsed ? { ...parsed, primary: true, label: null } : null;
    next.phones = replacePrimary(current.phones, entry, (p) => p.e164 === parsed?.e164);
  }

  if (body.addresses !== undefined) {
    const list = body.addresses
      .map((a) => ({
        name: blank(a.name),
        street: blank(a.street),
        city: blank(a.city),
        region: blank(a.region),
        postcode: blank(a.postcode),
        country: a.country ?? null,
        primary: a.primary ?? false,
      }))
      .filter((a) => a.name || a.street || a.city || a.region || a.postcode || a.country);
    next.addresses = withOnePrimary(list, 'addresses', problems);
  }

  if (body.tags !== undefined) {
    const found = await findTagsByNames(db, body.tags);
    const byLower = new Map(found.map((t) => [t.name.toLowerCase(), t]));
    const tags: { id: string; name: string }[] = [];
    for (const name of body.tags) {
      const tag = byLower.get(name.toLowerCase());
      if (!tag) problems.add('unknown_tag', 'tags', `the tag "${name}" does not exist`);
      else if (!tags.some((t) => t.id === tag.id)) tags.push(tag);
    }
    if (tags.length > MAX_TAGS) {
      problems.add('too_many_tags', 'tags', `at most ${MAX_TAGS} tags per guest (${tags.length} given)`);
    }
    next.tags = tags.map((t) => t.name);
    next.tagIds = tags.map((t) => t.id);
  }

  if (body.groupIds !== undefined) {
    const ids = [...new Set(body.groupIds)];
    const existing = await findExistingGroupIds(db, ids);
    ids.forEach((id) => {
      if (!existing.has(id)) problems.add('unknown_group', 'groupIds', `the group ${id} does not exist`);
    });
    next.groupIds = ids;
  }
  return next;
}

/** The stored rows of a guest's e-mails, phones and addresses (position = list order). */
export function guestListRows(
  orgId: string,
  guestId: string,
  lists: Pick<GuestLists, 'emails' | 'phones' | 'addresses'>,
  newAddressId: () => string,
) {
  return {
    emails: lists.emails.map((e, position) => ({
      orgId,
      guestId,
      email: e.email,
      isPrimary: e.primary,
      label: e.label,
      position,
    })),
    phones: lists.phones.map((p, position) => ({
      orgId,
      guestId,
      e164: p.e164,
      display: p.display,
      isPrimary: p.primary,
      label: p.label,
      position,
    })),
    addresses: lists.addresses.map(({ primary, ...a }, position) => ({
      orgId,
      id: newAddressId(),
      guestId,
      ...a,
      isPrimary: primary,
      position,
    })),
  };
}

/** Replaces a guest's stored e-mails, phones and/or addresses (only the lists that changed). */
export async function writeGuestLists(
  trx: TenantDb,
  orgId: string,
  guestId: string,
  lists: Pick<GuestLists, 'emails' | 'phones' | 'addresses'>,
  changed: { emails: boolean; phones: boolean; addresses: boolean },
  newAddressId: () => string,
): Promise<void> {
  const rows = guestListRows(orgId, guestId, lists, newAddressId);
  if (changed.emails) {
    await trx.deleteFrom('guestEmail').where('guestId', '=', guestId).execute();
    if (rows.emails.length) await trx.insertInto('guestEmail').values(rows.emails).execute();
  }
  if (changed.phones) {
    await trx.deleteFrom('guestPhone').where('guestId', '=', guestId).execute();
    if (rows.phones.length) await trx.insertInto('guestPhone').values(rows.phones).execute();
  }
  if (changed.addresses) {
    await trx.deleteFrom('guestAddress').where('guestId', '=', guestId).execute();
    if (rows.addresses.length) await trx.insertInto('guestAddress').values(rows.addresses).execute();
  }
}
