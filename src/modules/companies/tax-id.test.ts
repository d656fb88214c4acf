import { describe, expect, it } from 'vitest';
import { isLuhn, parseTaxId } from './tax-id.ts';

const key = (raw: string, country?: string) => {
  const r = parseTaxId(raw, country);
  return r.ok ? r.taxId.key : `invalid: ${r.message}`;
};

describe('company tax ids', () => {
  it('checks Spanish NIF, NIE and CIF control characters', () => {
    expect(key('12345678Z', 'ES')).toBe('ES12345678Z');
    expect(key('12345678A', 'ES')).toMatch(/^invalid: the NIF letter/);
    expect(key('X1234567L', 'ES')).toBe('ESX1234567L');
    expect(key('X1234567T', 'ES')).toMatch(/^invalid: the NIE letter/);
    expect(key('B-1234567.4', 'ES')).toBe('ESB12345674');
    expect(key('B12345675', 'ES')).toMatch(/^invalid: the CIF control/);
    expect(key('Q1234567D', 'ES')).toBe('ESQ1234567D'); // K P Q R S N W: a letter
    expect(key('Q12345674', 'ES')).toMatch(/^invalid/);
  });

  it('keys a Spanish VAT number and its national number alike', () => {
    expect(key('ES B12345674')).toBe('ESB12345674');
    expect(key('esb12345674', 'FR')).toBe('ESB12345674');
    expect(key('ESB12345675')).toMatch(/^invalid/);
  });

  it('checks French SIREN and SIRET (Luhn) and the VAT key, all keyed on the SIREN', () => {
    expect(isLuhn('552032534')).toBe(true);
    expect(key('552 032 534', 'FR')).toBe('FR552032534');
    expect(key('552032535', 'FR')).toMatch(/^invalid: not a valid SIREN/);
    expect(key('FR27552032534')).toBe('FR552032534');
    expect(key('FR28552032534')).toMatch(/^invalid: the key/);
    // A SIRET: SIREN + establishment number, Luhn over 14 digits.
    const siret = ['00000', '00001', '00010', '00011', '00012', '00013', '00014', '00015', '00016', '00017']
      .map((n) => `552032534${n}`)
      .find(isLuhn)!;
    expect(key(siret, 'FR')).toBe('FR552032534');
    expect(key('ABC', 'FR')).toMatch(/^invalid: a French company number/);
  });

  it('checks the EU VAT format per prefix and keys national numbers like their VAT number', () => {
    expect(key('DE 123 456 789')).toBe('DE123456789');
    expect(key('123456789', 'DE')).toBe('DE123456789');
    expect(key('DE12345678')).toMatch(/^invalid: not a valid DE VAT number/);
    expect(key('NL123456789B01')).toBe('NL123456789B01');
    expect(key('123456789', 'GR')).toBe('EL123456789');
  });

  it('accepts other countries’ ids as entered (upper case, no separators), and refuses junk', () => {
    expect(parseTaxId('12-3456789', 'US')).toEqual({ ok: true, taxId: { value: '123456789', key: 'US:123456789' } });
    expect(key('12-3456789')).toBe('XX:123456789');
    expect(key('!!')).toMatch(/^invalid/);
    expect(key('x'.repeat(31))).toMatch(/^invalid/);
  });
});
