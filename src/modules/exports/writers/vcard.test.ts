import { describe, expect, it } from 'vitest';
import { escapeVcardText, foldLine, vcardOf } from './vcard.ts';

describe('vCard 4.0 text (RFC 6350)', () => {
  it('escapes backslashes, commas, semicolons and line breaks (§3.4)', () => {
    expect(escapeVcardText('a\\b, c; d\r\ne\nf')).toBe('a\\\\b\\, c\\; d\\ne\\nf');
  });

  it('folds lines at 75 octets without splitting a UTF-8 character (§3.2)', () => {
    const line = `NOTE:${'é'.repeat(100)}`;
    const folded = foldLine(line);
    const parts = folded.slice(0, -2).split('\r\n');
    expect(parts.length).toBeGreaterThan(2);
    for (const p of parts) expect(Buffer.byteLength(p)).toBeLessThanOrEqual(75);
    expect(parts.map((p, i) => (i ? p.slice(1) : p)).join('')).toBe(line);
    expect(foldLine('FN:short')).toBe('FN:short\r\n');
  });

  it('writes N, FN, EMAIL, TEL and ADR; a masked phone is text, not a tel: URI', () => {
    const card = vcardOf({
      uid: 'gst_1',
      givenName: 'Ana',
      familyName: 'López',
      emails: ['a•••@example.es'],
      phones: ['+34 •••• ••78'],
      address: { street: '', city: 'Madrid', region: '', postcode: '', country: 'ES' },
    });
    expect(card.split('\r\n')).toEqual([
      'BEGIN:VCARD',
      'VERSION:4.0',
      'UID:urn:clientela:gst_1',
      'FN:Ana López',
      'N:López;Ana;;;',
      'EMAIL;PREF=1:a•••@example.es',
      'TEL;VALUE=text;PREF=1:+34 •••• ••78',
      'ADR:;;;Madrid;;;ES',
      'END:VCARD',
      '',
    ]);
  });
});
