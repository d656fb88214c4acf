import { BOOKING_FIELDS, type ImportField } from './fields.ts';
import type { ImportFormat } from './formats/format.ts';
import type { TableRecord } from './table.ts';
import { type ImportedConsent, parseYesNo } from './values/consent.ts';
import { type DateResult, parseDate } from './values/dates.ts';
import { normaliseEmail } from './values/email.ts';
import { type SplitName, splitFullName, surnameStyleFor } from './values/names.ts';
import { normalisePhone } from './values/phone.ts';
import { readCountry, readLanguage } from './values/places.ts';
import { cleanCell, splitList } from './values/text.ts';

/** A guest as read from one record of a file, every value normalised. */
export interface ImportedPerson {
  externalId?: string;
  title?: string;
  givenName: string;
  familyName: string;
  emails: string[];
  phones: Array<{ e164: string; display: string }>;
  /** `YYYY-MM-DD`. */
  birthDate?: string;
  /** `--MM-DD` when the file has the day but no year. */
  birthMonthDay?: string;
  language?: string;
  nationality?: string;
  address?: { line1?: string; line2?: string; city?: string; region?: string; postcode?: string; country?: string };
  document?: { type?: string; number: string };
  company?: string;
  notes: string[];
  /** Every tag of the record: the nine-tag cap is applied (and reported) when importing. */
  tags: string[];
  groups: string[];
  consents: ImportedConsent[];
}

/** The booking a record of a booking export describes (one room of it). */
export interface ImportedBooking {
  reference: string;
  status?: string;
  createdAt?: string;
  checkIn?: string;
  checkOut?: string;
  totalPrice?: string;
  rooms: Array<{ roomType?: string; adults?: number; children?: number; stayGuests: SplitName[] }>;
}

export type ProblemCode =
  | 'invalid_email'
  | 'invalid_phone'
  | 'invalid_date'
  | 'impossible_date'
  | 'missing_name'
  | 'invalid_country'
  | 'invalid_language'
  | 'invalid_number'
  | 'unreadable_record';

/** What is wrong with one field of a record. An `error` keeps the record out; a `warning` drops only the value. */
export interface FieldProblem {
  field: ImportField | 'record';
  /** The column the value came from. */
  column?: string;
  code: ProblemCode;
  severity: 'error' | 'warning';
  message: string;
  value?: string;
}

/** One record read: the person, the booking (booking exports), and its problems. */
export interface ReadRecord {
  record: number;
  line: number;
  person: ImportedPerson;
  booking?: ImportedBooking;
  problems: FieldProblem[];
  /** At least one problem is an error: the record is not imported. */
  rejected: boolean;
}

/** How values are read: the file's format and the country assumed for phone numbers. */
export interface ReadOptions {
  format: Pick<ImportFormat, 'dateOrder' | 'surnameStyle'>;
  /**
   * Countries tried, in order, for a phone without "+" after the row's own country: the
   * property's, then the organisation's (ISO 3166 alpha-2).
   */
  defaultCountry?: string | readonly string[];
}

const TITLES_BY_ID: Record<string, string | undefined> = { '0': undefined, '1': 'Mr', '2': 'Ms' };

function collect(
  headers: string[],
  fields: ImportField[],
  cells: string[],
): Map<ImportField, Array<{ column: string; value: string }>> {
  const values = new Map<ImportField, Array<{ column: string; value: string }>>();
  fields.forEach((field, i) => {
    if (field === 'ignore') return;
    // A leading ' before = + - @ is a formula guard (src/core/csv-safe.ts, OWASP): the value is what follows it.
    const value = (cells[i] ?? '').replace(/\0/g, '').replace(/^(\s*)'(?=[=+\-@\t\r])/, '$1');
    if (cleanCell(value) === '') return;
    const list = values.get(field) ?? [];
    list.push({ column: headers[i] ?? '', value });
    values.set(field, list);
  });
  return values;
}

function toCount(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const number = Number(cleanCell(value));
  return Number.isInteger(number) && number >= 0 && number < 1000 ? number : undefined;
}

/**
 * Reads one record into a normalised person (and booking, for booking exports) with a problem per
 * field that could not be read. Errors (an invalid e-mail, an impossible or unreadable date, no
 * name at all) reject the record; warnings (a phone, country or language not recognised) drop the
 * value and keep the record. Pure: no database.
 */
export function readRecord(
  row: TableRecord,
  headers: string[],
  fields: ImportField[],
  options: ReadOptions,
): ReadRecord {
  const values = collect(headers, fields, row.cells);
  const problems: FieldProblem[] = [];
  const first = (field: ImportField): { column: string; value: string } | undefined => values.get(field)?.[0];
  const text = (field: ImportField): string | undefined => {
    const value = first(field);
    return value ? cleanCell(value.value) : undefined;
  };
  const problem = (p: FieldProblem): void => {
    problems.push(p);
  };

  const country = (() => {
    const value = first('country');
    if (!value) return undefined;
    const code = readCountry(cleanCell(value.value));
    if (!code)
      problem({
        field: 'country',
        column: value.column,
        code: 'invalid_country',
        severity: 'warning',
        message: 'Country not recognised.',
        value: cleanCell(value.value),
      });
    return code;
  })();
  const nationality = (() => {
    const value = first('nationality');
    if (!value) return undefined;
    const code = readCountry(cleanCell(value.value));
    if (!code)
      problem({
        field: 'nationality',
        column: value.column,
        code: 'invalid_country',
        severity: 'warning',
        message: 'Nationality not recognised.',
        value: cleanCell(value.value),
      });
    return code;
  })();

  // Names: given/middle/family columns win; a full-name column fills what they leave empty.
  const style = surnameStyleFor(country ?? nationality, options.format.surnameStyle);
  let givenName = [text('givenName'), text('middleName')].filter(Boolean).join(' ');
  let familyName = text('familyName') ?? '';
  const full = text('fullName');
  if (full && (!givenName || !familyName)) {
    const split = splitFullName(full, style);
    if (!givenName && !familyName) ({ givenName, familyName } = split);
    else if (!givenName) givenName = full.replace(familyName, '').trim() || split.givenName;
    else familyName = split.familyName;
  }
  if (!givenName && !familyName) {
    problem({
      field: 'fullName',
      code: 'missing_name',
      severity: 'error',
      message: 'The record has neither a first nor a last name.',
    });
  }

  const emails: string[] = [];
  for (const { column, value } of values.get('email') ?? []) {
    // An address never holds ";", "," or " ::: ": they separate several addresses in one cell.
    for (const part of value.split(/:::|[;,]/)) {
      const email = normaliseEmail(part);
      if (!email) continue;
      if (email.ok) {
        if (!emails.includes(email.email)) emails.push(email.email);
      } else {
        problem({
          field: 'email',
          column,
          code: 'invalid_email',
          severity: 'error',
          message: 'Not a valid e-mail address.',
          value: email.value,
        });
      }
    }
  }

  const phones: ImportedPerson['phones'] = [];
  for (const { column, value } of values.get('phone') ?? []) {
    for (const part of value.split(/:::|;/)) {
      const phone = normalisePhone(part, [country, ...[options.defaultCountry ?? []].flat()]);
      if (!phone) continue;
      if (phone.ok) {
        if (!phones.some((known) => known.e164 === phone.e164))
          phones.push({ e164: phone.e164, display: phone.display });
      } else {
        problem({
          field: 'phone',
          column,
          code: 'invalid_phone',
          severity: 'warning',
          message: 'Not a phone number that can be dialled; left out.',
          value: phone.value,
        });
      }
    }
  }

  const readDateField = (field: ImportField): DateResult | undefined => {
    const value = first(field);
    if (!value) return undefined;
    const date = parseDate(value.value, options.format.dateOrder);
    if (date && !date.ok) {
      problem({
        field,
        column: value.column,
        code: date.code,
        severity: 'error',
        message: date.code === 'impossible_date' ? 'This date does not exist.' : 'Not a date that can be read.',
        value: date.value,
      });
      return undefined;
    }
    return date;
  };
  const birth = readDateField('birthDate');

  const language = (() => {
    const value = first('language');
    if (!value) return undefined;
    const code = readLanguage(cleanCell(value.value));
    if (!code)
      problem({
        field: 'language',
        column: value.column,
        code: 'invalid_language',
        severity: 'warning',
        message: 'Language not recognised.',
        value: cleanCell(value.value),
      });
    return code;
  })();

  const consents: ImportedConsent[] = [];
  for (const purpose of ['newsletter', 'partnerOffers'] as const) {
    const value = text(purpose);
    const granted = value === undefined ? undefined : parseYesNo(value);
    if (granted !== undefined) consents.push({ purpose, granted, source: 'import' });
  }

  const listOf = (field: ImportField): string[] => {
    const items = (values.get(field) ?? []).flatMap(({ value }) => splitList(value));
    // Google's system labels ("* myContacts", "* starred") are not the hotel's tags; Mailchimp quotes its tags.
    const cleaned = items
      .map((item) => item.replace(/^"(.*)"$/, '$1').trim())
      .filter((item) => item && !item.startsWith('* '));
    return [...new Set(cleaned)];
  };

  const titleText = text('title');
  const title = titleText !== undefined && titleText in TITLES_BY_ID ? TITLES_BY_ID[titleText] : titleText;
  const address = {
    line1: text('addressLine1'),
    line2: text('addressLine2'),
    city: text('city'),
    region: text('region'),
    postcode: text('postcode'),
    country,
  };
  const documentNumber = text('documentNumber');

  const person: ImportedPerson = {
    ...(text('externalId') ? { externalId: text('externalId') } : {}),
    ...(title ? { title } : {}),
    givenName,
    familyName,
    emails,
    phones,
    ...(birth?.ok && 'date' in birth ? { birthDate: birth.date } : {}),
    ...(birth?.ok && 'monthDay' in birth ? { birthMonthDay: birth.monthDay } : {}),
    ...(language ? { language } : {}),
    ...(nationality ? { nationality } : {}),
    ...(Object.values(address).some(Boolean)
      ? { address: Object.fromEntries(Object.entries(address).filter(([, v]) => v)) }
      : {}),
    ...(documentNumber
      ? { document: { number: documentNumber, ...(text('documentType') ? { type: text('documentType') } : {}) } }
      : {}),
    ...(text('company') ? { company: text('company') } : {}),
    notes: (values.get('notes') ?? []).map(({ value }) => value.replace(/\0/g, '').trim()).filter(Boolean),
    tags: listOf('tags'),
    groups: listOf('groups'),
    consents,
  };

  const booking = readBooking(values, fields, readDateField, style);
  return {
    record: row.record,
    line: row.line,
    person,
    ...(booking ? { booking } : {}),
    problems,
    rejected: problems.some((p) => p.severity === 'error'),
  };
}

function readBooking(
  values: Map<ImportField, Array<{ column: string; value: string }>>,
  fields: ImportField[],
  readDateField: (field: ImportField) => DateResult | undefined,
  style: ReturnType<typeof surnameStyleFor>,
): ImportedBooking | undefined {
  if (!fields.some((field) => BOOKING_FIELDS.has(field))) return undefined;
  const text = (field: ImportField): string | undefined => {
    const value = values.get(field)?.[0];
    return value ? cleanCell(value.value) : undefined;
  };
  const reference = text('bookingReference');
  if (!reference) return undefined;
  const dates = new Map<ImportField, string | undefined>();
  const dateOf = (field: ImportField): string | undefined => {
    if (!dates.has(field)) {
      const date = readDateField(field);
      dates.set(field, date?.ok && 'date' in date ? date.date : undefined);
    }
    return dates.get(field);
  };
  const stayGuests = (values.get('stayGuestName') ?? [])
    .flatMap(({ value }) => value.split(/[;,\n]| and | y | et /))
    .map((name) => cleanCell(name))
    .filter(Boolean)
    .map((name) => splitFullName(name, style));
  return {
    reference,
    ...(text('bookingStatus') ? { status: text('bookingStatus') } : {}),
    ...(dateOf('bookingCreatedAt') ? { createdAt: dateOf('bookingCreatedAt') } : {}),
    ...(dateOf('checkIn') ? { checkIn: dateOf('checkIn') } : {}),
    ...(dateOf('checkOut') ? { checkOut: dateOf('checkOut') } : {}),
    ...(text('totalPrice') ? { totalPrice: text('totalPrice') } : {}),
    rooms: [
      {
        ...(text('roomType') ? { roomType: text('roomType') } : {}),
        ...(toCount(text('adults')) !== undefined ? { adults: toCount(text('adults')) } : {}),
        ...(toCount(text('children')) !== undefined ? { children: toCount(text('children')) } : {}),
        stayGuests,
      },
    ],
  };
}
