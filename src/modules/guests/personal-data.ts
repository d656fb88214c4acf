import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import type { Ctx } from '../../core/context.ts';
import { forbidden } from '../../core/errors.ts';
import { hasPermission } from '../auth/permissions.ts';
import type { Guest } from './guest.schemas.ts';
import { maskedDocumentNumber } from './guest-document.ts';

/**
 * Personal data (issue 11 point 4, docs/security/personal-data.md): without `personal-data:read`
 * a principal sees e-mails, phones, birth dates, document numbers and addresses masked. Every
 * presenter that returns them goes through the functions here, so the rule lives in one place.
 */

const DOT = '•';

/**
 * True when the request may see personal data unmasked. Fail-closed: only the explicit system
 * access (CLI, jobs), a customer in their own area, or a permission list holding
 * `personal-data:read` qualify; anything else (a context built without access) sees masks.
 */
export function canReadPersonalData(ctx: Pick<Ctx, 'permissions'>): boolean {
  const access: unknown = ctx.permissions;
  if (access === 'system' || access === 'customer') return true;
  return Array.isArray(access) && hasPermission(access as string[], 'personal-data:read');
}

/** `john.doe@gmail.com` → `j•••@gmail.com` (the domain stays: it says which provider, not who). */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  if (at <= 0) return `${email.slice(0, 1)}${DOT.repeat(3)}`;
  return `${email.slice(0, 1)}${DOT.repeat(3)}${email.slice(at)}`;
}

/** `+34612345612` → `+34 •••• ••12` (the country code and the last two digits). */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  const parsed = parsePhoneNumberFromString(phone.startsWith('+') ? phone : `+${digits}`);
  const cc = parsed?.countryCallingCode;
  const last = digits.slice(-2);
  return `${cc ? `+${cc} ` : ''}${DOT.repeat(4)} ${DOT.repeat(2)}${last}`;
}

/** A guest as a principal without `personal-data:read` sees it. */
export function maskGuest(g: Guest): Guest {
  return {
    ...g,
    email: g.email && maskEmail(g.email),
    emails: g.emails.map((e) => ({ ...e, email: maskEmail(e.email) })),
    phone: g.phone && maskPhone(g.phone),
    phoneDisplay: g.phone ? maskPhone(g.phone) : g.phoneDisplay && maskPhone(g.phoneDisplay),
    phones: g.phones.map((p) => ({ ...p, e164: maskPhone(p.e164), display: maskPhone(p.e164) })),
    addresses: g.addresses.map((a) => ({ ...a, name: null, street: null, region: null, postcode: null })),
    birthDate: null,
    // The number is already masked by the presenter (for everyone); the expiry goes too.
    document: g.document && { ...g.document, expiry: null },
    username: g.username && (g.username.includes('@') ? maskEmail(g.username) : g.username),
  };
}

/** The presenter hook: guests as this request may see them. */
export function guestsFor(ctx: Pick<Ctx, 'permissions'>, guests: Guest[]): Guest[] {
  return canReadPersonalData(ctx) ? guests : guests.map(maskGuest);
}

/** Any object with `email` / `phone` (duplicate summaries, previews) as this request may see it. */
export function contactFor<T extends { email: string | null; phone: string | null }>(
  ctx: Pick<Ctx, 'permissions'>,
  s: T,
): T {
  if (canReadPersonalData(ctx)) return s;
  return { ...s, email: s.email && maskEmail(s.email), phone: s.phone && maskPhone(s.phone) };
}

type Masker = (value: unknown) => unknown;
const list =
  <T>(one: (x: T) => T): Masker =>
  (v) =>
    Array.isArray(v) ? (v as T[]).map(one) : v;
const str =
  (one: (s: string) => string): Masker =>
  (v) =>
    typeof v === 'string' ? one(v) : v;

/** How each personal field of the API guest is masked when it appears alone (history, merge previews). */
const FIELD_MASKS: Record<string, Masker> = {
  email: str(maskEmail),
  emails: list<{ email?: string }>((e) => (typeof e.email === 'string' ? { ...e, email: maskEmail(e.email) } : e)),
  phone: str(maskPhone),
  phoneDisplay: str(maskPhone),
  phones: list<{ e164?: string; display?: string }>((p) => ({
    ...p,
    ...(p.e164 ? { e164: maskPhone(p.e164) } : {}),
    ...(p.display ? { display: maskPhone(p.e164 ?? p.display) } : {}),
  })),
  addresses: list<Record<string, unknown>>((a) => ({ ...a, name: null, street: null, region: null, postcode: null })),
  birthDate: (v) => (v === null || v === undefined ? v : DOT.repeat(5)),
  document: (v) => (v && typeof v === 'object' ? { ...v, expiry: null } : v),
  username: str((u) => (u.includes('@') ? maskEmail(u) : u)),
};

/** A stored document value (history, merge previews) with its number masked, for everyone (SPEC P-5). */
function documentMasked(v: unknown): unknown {
  if (!v || typeof v !== 'object') return v;
  const n = (v as { number?: unknown }).number;
  return { ...v, number: typeof n === 'string' ? maskedDocumentNumber(n) : null };
}

/** One field's value as this request may see it (fields that are not personal data pass unchanged). */
export function fieldValueFor(ctx: Pick<Ctx, 'permissions'>, field: string, value: unknown): unknown {
  if (field === 'document') value = documentMasked(value);
  if (canReadPersonalData(ctx)) return value;
  const mask = FIELD_MASKS[field];
  return mask ? mask(value) : value;
}

/**
 * Refuses a search by e-mail or phone to a principal that would see the values masked: otherwise the
 * result (found / not found) would confirm that a given address or number is a guest's.
 */
export function assertMaySearchContact(ctx: Pick<Ctx, 'permissions'>, q: string | undefined): void {
  if (!q || canReadPersonalData(ctx)) return;
  if (q.includes('@') || /^[\d\s()+.\-/]+$/.test(q.trim()))
    throw forbidden(
      'Searching by e-mail or phone number needs the personal-data:read permission',
      'personal_data_required',
    );
}

/** E-mail addresses and phone-like numbers inside free text (a rendered e-mail), masked. */
export function maskFreeText(text: string): string {
  return text
    .replace(/[^\s<>"'(),;:]+@[^\s<>"'(),;:]+\.[a-z]{2,}/gi, (e) => maskEmail(e))
    .replace(/\+?\d[\d\s().-]{7,}\d/g, (p) =>
      // Nine digits or more, and not a date: a phone number (amounts and dates stay readable).
      p.replace(/\D/g, '').length >= 9 && !/\d{4}-\d{2}-\d{2}/.test(p) ? maskPhone(p) : p,
    );
}

/** A mail-log message as this request may see it: recipient and any addresses or numbers in the body masked. */
export function messageFor<T extends { to: string; bodyText?: string; bodyHtml?: string | null }>(
  ctx: Pick<Ctx, 'permissions'>,
  m: T,
): T {
  if (canReadPersonalData(ctx)) return m;
  return {
    ...m,
    to: maskEmail(m.to),
    ...(m.bodyText === undefined ? {} : { bodyText: maskFreeText(m.bodyText) }),
    ...(m.bodyHtml ? { bodyHtml: maskFreeText(m.bodyHtml) } : {}),
  };
}
