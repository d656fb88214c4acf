/**
 * vCard 4.0 (RFC 6350) text, written here: the npm vCard packages are either vCard 3.0 only or
 * unmaintained (vcards-js: last release 2019, 3.0), and what an export needs is small — escaping
 * (§3.4), line folding at 75 octets (§3.2) and five properties.
 */

/** Escapes a text value (§3.4): backslash, comma, semicolon and line breaks. */
export function escapeVcardText(value: string): string {
  return value
    .replace(/\\/g, '\\\\')
    .replace(/,/g, '\\,')
    .replace(/;/g, '\\;')
    .replace(/\r\n|\r|\n/g, '\\n');
}

/** A structured value (N, ADR): each component escaped, joined with ";". */
export const structured = (parts: readonly string[]): string => parts.map(escapeVcardText).join(';');

/**
 * Folds a content line at 75 octets (§3.2): CRLF + one space, never inside a UTF-8 character.
 * Answers the line with its CRLF.
 */
export function foldLine(line: string): string {
  if (Buffer.byteLength(line) <= 75) return `${line}\r\n`;
  const out: string[] = [];
  let current = '';
  let bytes = 0;
  let limit = 75;
  for (const ch of line) {
    const size = Buffer.byteLength(ch);
    if (bytes + size > limit) {
      out.push(current);
      current = '';
      bytes = 0;
      limit = 74; // the leading space of a continuation line counts
    }
    current += ch;
    bytes += size;
  }
  out.push(current);
  return `${out.join('\r\n ')}\r\n`;
}

export interface VcardPerson {
  uid: string;
  givenName: string;
  familyName: string;
  emails: string[];
  /** E.164 numbers (written as tel: URIs) or masked text. */
  phones: string[];
  address?: { street: string; city: string; region: string; postcode: string; country: string };
}

/** One vCard 4.0 card: N, FN, EMAIL, TEL, ADR (and UID, so a contacts app updates rather than duplicates). */
export function vcardOf(p: VcardPerson): string {
  const fn = [p.givenName, p.familyName].filter(Boolean).join(' ') || p.emails[0] || p.uid;
  const lines = ['BEGIN:VCARD', 'VERSION:4.0', `UID:${escapeVcardText(`urn:clientela:${p.uid}`)}`];
  lines.push(`FN:${escapeVcardText(fn)}`);
  lines.push(`N:${structured([p.familyName, p.givenName, '', '', ''])}`);
  p.emails.forEach((e, i) => lines.push(`EMAIL${i === 0 ? ';PREF=1' : ''}:${escapeVcardText(e)}`));
  p.phones.forEach((t, i) => {
    const pref = i === 0 ? ';PREF=1' : '';
    lines.push(
      /^\+\d{4,15}$/.test(t) ? `TEL;VALUE=uri${pref}:tel:${t}` : `TEL;VALUE=text${pref}:${escapeVcardText(t)}`,
    );
  });
  const a = p.address;
  if (a && Object.values(a).some(Boolean))
    lines.push(`ADR:${structured(['', '', a.street, a.city, a.region, a.postcode, a.country])}`);
  lines.push('END:VCARD');
  return lines.map(foldLine).join('');
}
