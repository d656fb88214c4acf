import { describe, expect, it } from 'vitest';
import { COMPANY_DUPLICATE_THRESHOLD, companyNameSimilarity, normaliseCompanyName } from './company-names.ts';

describe('company names for dedupe', () => {
  it('drops case, accents, punctuation and trailing legal forms', () => {
    expect(normaliseCompanyName('Viajes Sól, S.L.')).toBe('viajes sol');
    expect(normaliseCompanyName('VIAJES SOL SL')).toBe('viajes sol');
    expect(normaliseCompanyName('Viajes Sol S. L. U.')).toBe('viajes sol');
    expect(normaliseCompanyName('Hôtels Martin S.A.R.L.')).toBe('hotels martin');
    expect(normaliseCompanyName('Müller & Söhne GmbH & Co. KG')).toBe('muller sohne');
    expect(normaliseCompanyName('Acme Widgets Ltd.')).toBe('acme widgets');
    expect(normaliseCompanyName('Acme Widgets, Inc')).toBe('acme widgets');
    expect(normaliseCompanyName('Voyages Lumière SAS')).toBe('voyages lumiere');
    // A lone initial stays; a name that is only a legal form keeps it.
    expect(normaliseCompanyName('John F Kennedy Travel')).toBe('john f kennedy travel');
    expect(normaliseCompanyName('S.A.')).toBe('sa');
    expect(normaliseCompanyName(null)).toBe('');
  });

  it('scores near-identical names above the threshold and different ones below', () => {
    const score = (a: string, b: string) => companyNameSimilarity(normaliseCompanyName(a), normaliseCompanyName(b));
    expect(score('Viajes Sol S.L.', 'VIAJES SOL, SL')).toBe(1);
    expect(score('Viajes Sol', 'Sol Viajes')).toBe(1);
    expect(score('Viajes Solmar', 'Viajes Solmer')).toBeGreaterThanOrEqual(COMPANY_DUPLICATE_THRESHOLD);
    expect(score('Acme Widgets Ltd', 'Acme Widget Inc')).toBeGreaterThanOrEqual(COMPANY_DUPLICATE_THRESHOLD);
    expect(score('Viajes Sol', 'Viajes Mar')).toBeLessThan(COMPANY_DUPLICATE_THRESHOLD);
    expect(score('Hoteles Iberia', 'Hoteles Levante')).toBeLessThan(COMPANY_DUPLICATE_THRESHOLD);
    expect(score('', 'Acme')).toBe(0);
  });
});
