import { randomId } from '@mantine/hooks';
import type { TFunction } from 'i18next';
import { fieldErrorsOf } from '../../shared/errors.ts';
import type { Guest, GuestSource } from './guest.types.ts';

/** At most nine tags per guest (G-5); the server refuses a tenth. */
export const MAX_TAGS = 9;

export interface EmailRow {
  key: string;
  email: string;
  primary: boolean;
  label: string;
}

export interface PhoneRow {
  key: string;
  number: string;
  /** As stored (E.164), empty for a new row. */
  e164: string;
  primary: boolean;
  label: string;
}

export interface AddressRow {
  key: string;
  name: string;
  street: string;
  city: string;
  region: string;
  postcode: string;
  country: string | null;
  primary: boolean;
}

export interface GuestFormValues {
  titleId: string | null;
  firstName: string;
  lastName: string;
  secondLastName: string;
  nativeName: string;
  emails: EmailRow[];
  phones: PhoneRow[];
  addresses: AddressRow[];
  language: string | null;
  nationality: string | null;
  country: string | null;
  birthDate: string;
  document: { type: string | null; number: string; issuingCountry: string | null; expiry: string };
  marketingConsent: boolean;
  tags: string[];
  groupIds: string[];
  source: GuestSource;
}

export const newEmail = (primary = false): EmailRow => ({ key: randomId(), email: '', primary, label: '' });
export const newPhone = (primary = false): PhoneRow => ({ key: randomId(), number: '', e164: '', primary, label: '' });
export const newAddress = (primary = false): AddressRow => ({
  key: randomId(),
  name: '',
  street: '',
  city: '',
  region: '',
  postcode: '',
  country: null,
  primary,
});

/** The form's starting values: the guest's, or an empty profile. */
export function valuesFromGuest(guest?: Guest): GuestFormValues {
  return {
    titleId: guest?.titleId ?? null,
    firstName: guest?.firstName ?? '',
    lastName: guest?.lastName ?? '',
    secondLastName: guest?.secondLastName ?? '',
    nativeName: guest?.nativeName ?? '',
    emails: guest
      ? guest.emails.map((e) => ({ key: randomId(), email: e.email, primary: e.primary, label: e.label ?? '' }))
      : [newEmail(true)],
    phones: guest
      ? guest.phones.map((p) => ({
          key: randomId(),
          number: p.display || p.e164,
          e164: p.e164,
          primary: p.primary,
          label: p.label ?? '',
        }))
      : [newPhone(true)],
    addresses: (guest?.addresses ?? []).map((a) => ({
      key: randomId(),
      name: a.name ?? '',
      street: a.street ?? '',
      city: a.city ?? '',
      region: a.region ?? '',
      postcode: a.postcode ?? '',
      country: a.country,
      primary: a.primary,
    })),
    language: guest?.language ?? null,
    nationality: guest?.nationality ?? null,
    country: guest?.country ?? null,
    birthDate: guest?.birthDate ?? '',
    document: {
      type: guest?.document?.type ?? null,
      number: guest?.document?.number ?? '',
      issuingCountry: guest?.document?.issuingCountry ?? null,
      expiry: guest?.document?.expiry ?? '',
    },
    marketingConsent: guest?.marketingConsent ?? false,
    tags: guest?.tags ?? [],
    groupIds: guest?.groupIds ?? [],
    source: guest?.source ?? 'manual',
  };
}

const text = (value: string) => value.trim() || null;

/** A list whose only row is blank counts as empty (the new-guest form starts with one blank row). */
function filled<T>(rows: T[], isBlank: (row: T) => boolean): T[] {
  return rows.length === 1 && rows[0] !== undefined && isBlank(rows[0]) ? [] : rows;
}
const blankEmail = (row: EmailRow) => !row.email.trim() && !row.label.trim();
const blankPhone = (row: PhoneRow) => !row.number.trim() && !row.label.trim();

/** The API body for these values (CreateGuestBody / UpdateGuestBody); empty texts become null. */
function fullBody(values: GuestFormValues): Record<string, unknown> {
  const document = {
    type: values.document.type,
    number: text(values.document.number),
    issuingCountry: values.document.issuingCountry,
    expiry: text(values.document.expiry),
  };
  return {
    titleId: values.titleId,
    firstName: values.firstName.trim(),
    lastName: values.lastName.trim(),
    secondLastName: text(values.secondLastName),
    nativeName: text(values.nativeName),
    // Rows are never dropped here, so the server's `emails.N…` errors point at the right row.
    emails: filled(values.emails, blankEmail).map((e) => ({
      email: e.email.trim(),
      primary: e.primary,
      label: text(e.label),
    })),
    phones: filled(values.phones, blankPhone).map((p) => ({
      number: p.number.trim(),
      primary: p.primary,
      label: text(p.label),
    })),
    addresses: values.addresses.map((a) => ({
      name: text(a.name),
      street: text(a.street),
      city: text(a.city),
      region: text(a.region),
      postcode: text(a.postcode),
      country: a.country,
      primary: a.primary,
    })),
    language: values.language,
    nationality: values.nationality,
    country: values.country,
    birthDate: text(values.birthDate),
    document: Object.values(document).some((v) => v !== null) ? document : null,
    marketingConsent: values.marketingConsent,
    tags: values.tags,
    groupIds: values.groupIds,
  };
}

/** POST body: only what is filled in, plus the source and the country used to read national phone numbers. */
export function createBody(values: GuestFormValues): Record<string, unknown> {
  const body = Object.fromEntries(Object.entries(fullBody(values)).filter(([, value]) => value !== null));
  const stripNulls = (row: Record<string, unknown>) =>
    Object.fromEntries(Object.entries(row).filter(([, v]) => v !== null));
  for (const list of ['emails', 'phones', 'addresses'] as const) {
    body[list] = (body[list] as Record<string, unknown>[]).map(stripNulls);
  }
  if (body.document) body.document = stripNulls(body.document as Record<string, unknown>);
  body.source = values.source;
  if (values.country) body.defaultCountry = values.country;
  return body;
}

/** PATCH body: only the fields that differ from the saved profile. */
export function updateBody(values: GuestFormValues, saved: GuestFormValues): Record<string, unknown> {
  const before = fullBody(saved);
  const body = Object.fromEntries(
    Object.entries(fullBody(values)).filter(([key, value]) => JSON.stringify(value) !== JSON.stringify(before[key])),
  );
  if (body.phones && values.country) body.defaultCountry = values.country;
  return body;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE = /^\+?[\d\s().\-/]{6,}$/;
const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Client-side checks (the server checks again, with libphonenumber for phones). */
export function validateGuest(values: GuestFormValues, t: TFunction): Record<string, string> {
  const errors: Record<string, string> = {};
  if (!values.firstName.trim() && !values.lastName.trim()) {
    errors.firstName = t('guests.validation.nameRequired');
    errors.lastName = t('guests.validation.nameRequired');
  }
  filled(values.emails, blankEmail).forEach((row, i) => {
    if (!EMAIL.test(row.email.trim()))
      errors[`emails.${i}.email`] = t(row.email.trim() ? 'validation.email' : 'guests.validation.fillOrRemove');
  });
  filled(values.phones, blankPhone).forEach((row, i) => {
    const digits = row.number.replace(/\D/g, '');
    if (!row.number.trim()) errors[`phones.${i}.number`] = t('guests.validation.fillOrRemove');
    else if (!PHONE.test(row.number.trim()) || digits.length < 6 || digits.length > 15)
      errors[`phones.${i}.number`] = t('guests.validation.phone');
  });
  values.addresses.forEach((row, i) => {
    const filled = [row.name, row.street, row.city, row.region, row.postcode].some((v) => v.trim()) || row.country;
    if (!filled) errors[`addresses.${i}.street`] = t('guests.validation.fillOrRemove');
  });
  const today = new Date().toISOString().slice(0, 10);
  const birth = values.birthDate;
  if (birth && (!ISO_DAY.test(birth) || birth > today || birth < '1900-01-01'))
    errors.birthDate = t('guests.validation.birthDate');
  if (values.document.expiry && !ISO_DAY.test(values.document.expiry))
    errors['document.expiry'] = t('guests.validation.date');
  if (values.tags.length > MAX_TAGS) errors.tags = t('guests.validation.tooManyTags', { count: MAX_TAGS });
  return errors;
}

/**
 * The server's `details[].field` errors as form paths: `emails.0.email` stays, `phone` (the
 * primary shortcut) becomes the primary phone row, `tags.3` becomes `tags`. Errors for fields the
 * form does not show are returned under `_form`.
 */
export function serverErrorsFor(error: unknown, values: GuestFormValues): Record<string, string> {
  const primary = (rows: { primary: boolean }[]) =>
    Math.max(
      0,
      rows.findIndex((row) => row.primary),
    );
  const out: Record<string, string> = {};
  for (const [field, message] of Object.entries(fieldErrorsOf(error))) {
    const parts = field.split('.');
    const [head, index, leaf] = parts;
    let path: string;
    if (head === 'email') path = `emails.${primary(values.emails)}.email`;
    else if (head === 'phone') path = `phones.${primary(values.phones)}.number`;
    else if (head === 'emails' && index !== undefined) path = `emails.${index}.email`;
    else if (head === 'phones' && index !== undefined) path = `phones.${index}.number`;
    else if (head === 'addresses' && index !== undefined) path = `addresses.${index}.${leaf ?? 'street'}`;
    else if (head === 'tags' || head === 'groupIds') path = head;
    else if (head === 'document') path = `document.${index ?? 'number'}`;
    else if (head && head in values) path = head;
    else path = '_form';
    out[path] = out[path] ? `${out[path]} ${message}` : message;
  }
  return out;
}
