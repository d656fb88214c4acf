import { cleanCell } from './text.ts';

// Deliberately plain: one "@", a dotted domain, no spaces; the identity resolver normalises further.
const EMAIL = /^[^\s@"(),:;<>[\\\]]+@(?:[\p{L}\p{N}](?:[\p{L}\p{N}-]*[\p{L}\p{N}])?\.)+[\p{L}]{2,}$/u;

export type EmailResult = { ok: true; email: string } | { ok: false; value: string };

/** Trims an e-mail address (and a "mailto:" or "<…>" around it), lower-cases the domain and checks it. */
export function normaliseEmail(input: string): EmailResult | undefined {
  let value = cleanCell(input).replace(/^mailto:/i, '');
  const angle = /<([^>]+)>/.exec(value);
  if (angle?.[1]) value = angle[1].trim();
  if (!value) return undefined;
  if (value.length > 254 || !EMAIL.test(value)) return { ok: false, value };
  const at = value.lastIndexOf('@');
  return { ok: true, email: `${value.slice(0, at)}@${value.slice(at + 1).toLowerCase()}` };
}
