import fc from 'fast-check';
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { describe, expect, it } from 'vitest';
import { parseYesNo } from './consent.ts';
import { excelSerialToDate, parseDate } from './dates.ts';
import { normaliseEmail } from './email.ts';
import { splitFullName } from './names.ts';
import { normalisePhone } from './phone.ts';
import { readCountry, readLanguage } from './places.ts';
import { splitList } from './text.ts';

describe('names', () => {
  it.each([
    ['Juan de la Rosa', 'single', 'Juan', 'de la Rosa'],
    ['María García López', 'double', 'María', 'García López'],
    ['José María García López', 'double', 'José María', 'García López'],
    ['John Michael Smith', 'single', 'John Michael', 'Smith'],
    ['García López, María', 'single', 'María', 'García López'],
    ['Smith, John Michael', 'single', 'John Michael', 'Smith'],
    ['Ludwig van Beethoven', 'single', 'Ludwig', 'van Beethoven'],
    ['Sra. Ana Pérez', 'single', 'Ana', 'Pérez'],
    ['Cher', 'single', 'Cher', ''],
    ["Jeanne d'Arc", 'single', 'Jeanne', "d'Arc"],
  ] as const)('splits "%s" (%s surnames)', (full, style, given, family) => {
    expect(splitFullName(full, style)).toEqual({ givenName: given, familyName: family });
  });

  it('keeps every word of a name, in order (property)', () => {
    const word = fc.stringMatching(/^[A-Za-zÀ-ÿ]{1,12}$/);
    fc.assert(
      fc.property(
        fc.array(word, { minLength: 1, maxLength: 6 }),
        fc.constantFrom('single', 'double'),
        (words, style) => {
          const full = words.join(' ');
          const { givenName, familyName } = splitFullName(full, style);
          const rejoined = [givenName, familyName].filter(Boolean).join(' ');
          // A leading title word may be dropped; nothing else is lost or reordered.
          expect(full.endsWith(rejoined)).toBe(true);
          expect(givenName.length).toBeGreaterThan(0);
        },
      ),
    );
  });
});

describe('e-mails', () => {
  it.each([
    ['  Ana@Example.COM ', 'Ana@example.com'],
    ['mailto:eva@example.org', 'eva@example.org'],
    ['Eva Pérez <eva@example.org>', 'eva@example.org'],
    ['josé@correo.españa.es', 'josé@correo.españa.es'],
  ])('accepts %j', (input, email) => {
    expect(normaliseEmail(input)).toEqual({ ok: true, email });
  });

  it.each(['ana@', 'ana@@example.com', 'ana example.com', 'ana@example', 'a@b.c', `${'a'.repeat(250)}@example.com`])(
    'refuses %j',
    (input) => {
      expect(normaliseEmail(input)).toMatchObject({ ok: false });
    },
  );

  it('treats an empty cell as no e-mail', () => {
    expect(normaliseEmail('   ')).toBeUndefined();
  });
});

describe('phones', () => {
  it('uses the row country first, then the default country', () => {
    expect(normalisePhone('06 12 34 56 78', ['FR', 'ES'])).toMatchObject({ ok: true, e164: '+33612345678' });
    expect(normalisePhone('612 34 56 78', [undefined, 'ES'])).toMatchObject({ ok: true, e164: '+34612345678' });
  });

  it('recognises a number Excel turned into digits without "+" and a "00" prefix', () => {
    expect(normalisePhone('34612345678', ['FR'])).toMatchObject({ ok: true, e164: '+34612345678' });
    expect(normalisePhone('447911123456', [])).toMatchObject({ ok: true, e164: '+447911123456' });
    expect(normalisePhone('0033 6 12 34 56 78', ['ES'])).toMatchObject({ ok: true, e164: '+33612345678' });
  });

  it('reports what cannot be a phone number', () => {
    expect(normalisePhone('12', ['ES'])).toEqual({ ok: false, value: '12' });
    expect(normalisePhone('call me', ['ES'])).toMatchObject({ ok: false });
    expect(normalisePhone('', ['ES'])).toBeUndefined();
  });

  it('finds the same E.164 number whether written nationally, internationally or as bare digits (property)', () => {
    const spanishMobile = fc.integer({ min: 600_000_000, max: 699_999_999 });
    fc.assert(
      fc.property(spanishMobile, (n) => {
        const expected = parsePhoneNumberFromString(`+34${n}`);
        fc.pre(expected?.isValid() === true);
        const e164 = expected.number;
        expect(normalisePhone(expected.formatNational(), ['ES'])).toMatchObject({ e164 });
        expect(normalisePhone(expected.formatInternational(), ['FR'])).toMatchObject({ e164 });
        expect(normalisePhone(e164.slice(1), ['GB'])).toMatchObject({ e164 });
      }),
    );
  });
});

describe('dates', () => {
  it.each([
    ['2026-05-03', 'dmy', { ok: true, date: '2026-05-03' }],
    ['2026-05-03 14:00:00', 'dmy', { ok: true, date: '2026-05-03' }],
    ['03/05/2026', 'dmy', { ok: true, date: '2026-05-03' }],
    ['03/05/2026', 'mdy', { ok: true, date: '2026-03-05' }],
    ['3.5.26', 'dmy', { ok: true, date: '2026-05-03' }],
    ['5/3/1975', 'mdy', { ok: true, date: '1975-05-03' }],
    ['--05-03', 'dmy', { ok: true, monthDay: '--05-03' }],
    ['--02-29', 'dmy', { ok: true, monthDay: '--02-29' }],
    ['03/25', 'mdy', { ok: true, monthDay: '--03-25' }],
    ['46145', 'dmy', { ok: true, date: '2026-05-03' }],
    ['31/02/2026', 'dmy', { ok: false, code: 'impossible_date', value: '31/02/2026' }],
    ['2026-02-30', 'dmy', { ok: false, code: 'impossible_date', value: '2026-02-30' }],
    ['tomorrow', 'dmy', { ok: false, code: 'invalid_date', value: 'tomorrow' }],
  ] as const)('reads %j (%s)', (input, order, expected) => {
    expect(parseDate(input, order)).toEqual(expected);
  });

  it.each(['', '  ', '0/0/00', '00/00/0000', '0000-00-00', '0000-00-00 00:00:00'])('takes %j as no date', (input) => {
    expect(parseDate(input, 'dmy')).toBeUndefined();
  });

  it('reads Excel serials across the 1900 leap-year bug', () => {
    expect(excelSerialToDate(1)).toBe('1900-01-01');
    expect(excelSerialToDate(59)).toBe('1900-02-28');
    expect(excelSerialToDate(61)).toBe('1900-03-01');
    expect(excelSerialToDate(25569)).toBe('1970-01-01');
    expect(excelSerialToDate(0)).toBeUndefined();
  });

  it('reads back any real date written ISO, d/m/Y and M/D/YYYY (property)', () => {
    const day = fc.date({
      min: new Date(Date.UTC(1900, 0, 1)),
      max: new Date(Date.UTC(2099, 11, 31)),
      noInvalidDate: true,
    });
    fc.assert(
      fc.property(day, (date) => {
        const y = date.getUTCFullYear();
        const m = date.getUTCMonth() + 1;
        const d = date.getUTCDate();
        const iso = `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
        expect(parseDate(iso, 'dmy')).toEqual({ ok: true, date: iso });
        expect(parseDate(`${d}/${m}/${y}`, 'dmy')).toEqual({ ok: true, date: iso });
        expect(parseDate(`${m}/${d}/${y}`, 'mdy')).toEqual({ ok: true, date: iso });
      }),
    );
  });

  it('never throws, whatever the cell holds (property)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), fc.constantFrom('dmy', 'mdy'), (input, order) => {
        const result = parseDate(input, order);
        if (result?.ok && 'date' in result) expect(result.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      }),
    );
  });
});

describe('consents, lists, countries and languages', () => {
  it.each([
    ['1', true],
    ['Sí', true],
    ['oui', true],
    ['subscribed', true],
    ['0', false],
    ['non', false],
    ['unsubscribed', false],
    ['maybe', undefined],
    ['', undefined],
  ])('reads %j as %s', (input, expected) => {
    expect(parseYesNo(input)).toBe(expected);
  });

  it('splits lists on " ::: ", ";", "|" and ",", without duplicates and returns them all (no cap here)', () => {
    expect(splitList('VIP ::: Repeat ::: vip')).toEqual(['VIP', 'Repeat']);
    expect(splitList('a;b|c,d;e;f;g;h;i;j;k')).toHaveLength(11);
  });

  it('reads country codes and names in English, Spanish and French', () => {
    expect(['ES', 'es', 'Spain', 'España', 'Espagne', 'France', 'Royaume-Uni'].map(readCountry)).toEqual([
      'ES',
      'ES',
      'ES',
      'ES',
      'ES',
      'FR',
      'GB',
    ]);
    expect(readCountry('Narnia')).toBeUndefined();
  });

  it('reads language codes, locales and names', () => {
    expect(['es', 'es_ES', 'fr-FR', 'English', 'Español', 'français'].map(readLanguage)).toEqual([
      'es',
      'es',
      'fr',
      'en',
      'es',
      'fr',
    ]);
    expect(readLanguage('Klingon')).toBeUndefined();
  });
});
