import { type NormalisedEmail, normaliseEmail } from './email.ts';
import { type PreparedName, prepareName } from './names.ts';
import { compactCode, digitsOf, foldText } from './normalise.ts';
import { normalisePhoneE164 } from './phone.ts';

/** One postal address as a record gives it; every part optional. */
export interface AddressInput {
  streetNumber?: string | null;
  line1?: string | null;
  line2?: string | null;
  city?: string | null;
  postcode?: string | null;
  region?: string | null;
  country?: string | null;
}

/** A person as any entry point describes them (booking guest, import row, stored profile). */
export interface PersonInput {
  firstName?: string | null;
  lastName?: string | null;
  emails?: readonly string[];
  phones?: readonly string[];
  /** `YYYY-MM-DD`, `YYYYMMDD` or `DD/MM/YYYY`. */
  birthDate?: string | null;
  addresses?: readonly AddressInput[];
  /** Passport / national ID / loyalty numbers: a key like an e-mail. */
  documentIds?: readonly string[];
  /** ISO country assumed for phone numbers written without a prefix. */
  country?: string | null;
}

export interface PreparedAddress {
  number: string;
  street: string;
  line2: string;
  city: string;
  postcode: string;
  region: string;
  country: string;
}

/** A person prepared once for many comparisons: everything folded, parsed and keyed. */
export interface MatchSubject {
  name: PreparedName;
  emails: NormalisedEmail[];
  /** Keys of the non-relay addresses only. */
  emailKeys: string[];
  /** E.164. */
  phones: string[];
  documents: string[];
  /** Digits of the birth date as `YYYYMMDD` (possibly mistyped), '' when unknown. */
  birth: string;
  addresses: PreparedAddress[];
  /** Has an e-mail (not a relay) or a phone: rule I-2 (3) applies only when neither side has one. */
  hasContact: boolean;
}

function birthDigits(input: string | null | undefined): string {
  const text = (input ?? '').trim();
  const dmy = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(text);
  if (dmy) return `${dmy[3]}${dmy[2]!.padStart(2, '0')}${dmy[1]!.padStart(2, '0')}`;
  return digitsOf(text);
}

function prepareAddress(a: AddressInput): PreparedAddress {
  return {
    number: foldText(a.streetNumber).replace(/ /g, ''),
    street: foldText(a.line1),
    line2: foldText(a.line2),
    city: foldText(a.city),
    postcode: compactCode(a.postcode),
    region: foldText(a.region),
    country: foldText(a.country),
  };
}

function unique<T>(values: T[]): T[] {
  return [...new Set(values)];
}

/** Prepares a person for matching (pure; call once per record or stored profile). */
export function prepareSubject(person: PersonInput): MatchSubject {
  const emails: NormalisedEmail[] = [];
  for (const e of person.emails ?? []) {
    const n = normaliseEmail(e);
    if (n && !emails.some((x) => x.key === n.key)) emails.push(n);
  }
  const emailKeys = emails.filter((e) => !e.relay).map((e) => e.key);
  const phones = unique(
    (person.phones ?? []).map((p) => normalisePhoneE164(p, person.country ?? undefined)).filter((p) => p !== undefined),
  );
  const addresses = (person.addresses ?? [])
    .map(prepareAddress)
    .filter((a) => a.number || a.street || a.line2 || a.city || a.postcode || a.region);
  return {
    name: prepareName(person.firstName, person.lastName),
    emails,
    emailKeys,
    phones,
    documents: unique((person.documentIds ?? []).map(compactCode).filter((d) => d.length >= 4)),
    birth: birthDigits(person.birthDate),
    addresses,
    hasContact: emailKeys.length > 0 || phones.length > 0,
  };
}
