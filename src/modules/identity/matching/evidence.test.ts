import { describe, expect, it } from 'vitest';
import { compareSubjects } from './compare.ts';
import { type MatchSettings, decideMatch } from './decide.ts';
import { buildNameFrequencies, tfAdjustment } from './model.ts';
import { type PersonInput, prepareSubject } from './subject.ts';

// Issue 14: automatic decisions on the evidence of all fields, within the hard rules (SPEC I-2).
const balanced: MatchSettings = { matchOnNameAlone: false };
function judge(a: PersonInput, b: PersonInput, settings: MatchSettings = balanced) {
  return decideMatch(compareSubjects(prepareSubject(a), prepareSubject(b), settings.model), settings);
}

const home = [{ streetNumber: '14', line1: 'Calle de Alcalá', city: 'Madrid', postcode: '28014', country: 'ES' }];

describe('issue 14: the cases a receptionist calls the same person', () => {
  it('same phone, birth date and address with a one-letter surname typo', () => {
    const d = judge(
      { firstName: 'Iker', lastName: 'Ruiz', phones: ['+34 612 345 678'], birthDate: '1984-02-11', addresses: home },
      { firstName: 'Iker', lastName: 'Ruis', phones: ['612345678'], birthDate: '1984-02-11', addresses: home },
    );
    expect(d.kind).toBe('same');
    expect(d.reasons).toContain('in words: same first name, birth date, phone and address; surname spelt similarly');
  });

  it('same phone, birth date and address with first and last name swapped', () => {
    const d = judge(
      {
        firstName: 'Nerea',
        lastName: 'Etxeberria',
        phones: ['+34 699 111 222'],
        birthDate: '1991-07-30',
        addresses: home,
      },
      { firstName: 'ETXEBERRIA', lastName: 'NEREA', phones: ['699111222'], birthDate: '1991-07-30', addresses: home },
    );
    expect(d.kind).toBe('same');
    expect(d.reasons.join(' ')).toMatch(/first\/last swapped/);
  });

  it('same phone and birth date, one with a personal e-mail and the other with an OTA relay address', () => {
    const personal = {
      firstName: 'Claire',
      lastName: 'Dubois',
      phones: ['+33 6 12 34 56 78'],
      birthDate: '1979-10-05',
    };
    const d = judge(
      { ...personal, emails: ['claire.dubois@orange.fr'] },
      { ...personal, lastName: 'DUBOIS', emails: ['cdubois.384756@guest.booking.com'] },
    );
    expect(d.kind).toBe('same');
    expect(judge({ ...personal, emails: ['claire.dubois@orange.fr'] }, personal).kind).toBe('same');
  });

  it('same e-mail and phone, the name in capitals without accents and one surname missing', () => {
    const d = judge(
      { firstName: 'José María', lastName: 'Núñez Gómez', emails: ['jm.nunez@gmail.com'], phones: ['+34 655 000 111'] },
      { firstName: 'JOSE MARIA', lastName: 'NUNEZ', emails: ['JM.Nunez@gmail.com'], phones: ['655000111'] },
    );
    expect(d.kind).toBe('same');
  });

  it('merges on name, birth date and address alone (no shared key) when the evidence is strong', () => {
    const d = judge(
      { firstName: 'Ainhoa', lastName: 'Goikoetxea', birthDate: '1988-03-12', addresses: home, emails: ['a@x.es'] },
      { firstName: 'Ainhoa', lastName: 'Goikoetxea', birthDate: '12/03/1988', addresses: home },
    );
    expect(d).toMatchObject({ kind: 'same', rule: 'evidence' });
    expect(d.score).toBeGreaterThan(0.999);
  });

  it('accepts a one-digit typo and a day/month swap in the birth date', () => {
    const a = { firstName: 'Ainhoa', lastName: 'Goikoetxea', addresses: home };
    expect(judge({ ...a, birthDate: '1988-03-12' }, { ...a, birthDate: '1988-03-13' }).kind).toBe('same');
    expect(judge({ ...a, birthDate: '1988-03-12' }, { ...a, birthDate: '1988-12-03' }).kind).toBe('same');
  });

  it('nothing stricter than the hard rules: no e-mail or phone needed, a married surname is not a block', () => {
    // Name, birth date and address, neither side with contact data.
    const bare = { firstName: 'Ainhoa', lastName: 'Goikoetxea', birthDate: '1988-03-12', addresses: home };
    expect(judge(bare, { ...bare, lastName: 'GOIKOETXEA' })).toMatchObject({ kind: 'same', rule: 'evidence' });
    // Same first name, birth date, phone and home; the surname changed (marriage).
    const before = { firstName: 'Claire', lastName: 'Dubois', birthDate: '1979-10-05', addresses: home };
    const d = judge(
      { ...before, phones: ['+34 600 123 456'] },
      { ...before, lastName: 'Lambert', phones: ['600123456'] },
    );
    expect(d.kind).toBe('same');
    // A one-letter slip in a short first name is not "clearly different": not "related".
    const luke = { lastName: 'Hemm', phones: ['+34 600 555 444'], birthDate: '1990-01-02' };
    expect(judge({ ...luke, firstName: 'Luke' }, { ...luke, firstName: 'Luk' }).kind).toBe('same');
  });

  it('"cautious" needs more evidence than "balanced"', () => {
    const a = { firstName: 'Ainhoa', lastName: 'Goikoetxea', birthDate: '1988-03-12', addresses: [{ city: 'Bilbao' }] };
    const b = { ...a, firstName: 'AINHOA' };
    expect(judge(a, b).kind).toBe('same');
    expect(judge(a, b, { matchOnNameAlone: false, mode: 'cautious' }).kind).not.toBe('same');
  });
});

describe('issue 14: hard rules stay hard', () => {
  it('never uses an OTA relay address as a key', () => {
    const relay = 'pmartin.129384@guest.booking.com';
    const d = judge(
      { firstName: 'Pierre', lastName: 'Martin', emails: [relay], birthDate: '1970-01-01' },
      { firstName: 'Pierre', lastName: 'Martin', emails: [relay], birthDate: '1970-01-01' },
    );
    expect(d.kind).not.toBe('same');
    expect(d.reasons).not.toContain('shared email');
  });

  it('a shared e-mail or phone with clearly different first names is related', () => {
    const d = judge(
      {
        firstName: 'Laura',
        lastName: 'Vidal',
        emails: ['vidal.family@gmail.com'],
        phones: ['+34 611 222 333'],
        addresses: home,
      },
      {
        firstName: 'Marcos',
        lastName: 'Vidal',
        emails: ['vidal.family@gmail.com'],
        phones: ['611222333'],
        addresses: home,
      },
    );
    expect(d.kind).toBe('related');
  });

  it('another birth date (not a typo or a swap) blocks, however much else agrees', () => {
    const a = { firstName: 'Ainhoa', lastName: 'Goikoetxea', addresses: home, phones: ['+34 600 000 001'] };
    expect(judge({ ...a, birthDate: '1988-03-12' }, { ...a, birthDate: '1961-09-27' }).kind).not.toBe('same');
    const noPhone = { firstName: 'Ainhoa', lastName: 'Goikoetxea', addresses: home };
    expect(judge({ ...noPhone, birthDate: '1988-03-12' }, { ...noPhone, birthDate: '1961-09-27' }).kind).not.toBe(
      'same',
    );
  });

  it('another document number blocks', () => {
    const a = { firstName: 'Ainhoa', lastName: 'Goikoetxea', birthDate: '1988-03-12', addresses: home };
    expect(judge({ ...a, documentIds: ['12345678Z'] }, { ...a, documentIds: ['87654321X'] }).kind).not.toBe('same');
  });

  it('matchOnNameAlone keeps its meaning: a name and nothing else links only with the setting', () => {
    const a = { firstName: 'Iñaki', lastName: 'Zubizarreta' };
    expect(judge(a, a).kind).toBe('candidate');
    expect(judge(a, a, { matchOnNameAlone: true }).kind).toBe('same');
  });
});

describe('issue 14: families and namesakes stay apart', () => {
  it('same address and surname, different first names', () => {
    const d = judge(
      { firstName: 'Lucía', lastName: 'Ruiz', addresses: home, birthDate: '1980-01-01' },
      { firstName: 'Pablo', lastName: 'Ruiz', addresses: home, birthDate: '1980-01-01' },
    );
    expect(d.kind).not.toBe('same');
  });

  it('same address, surname and first name, different birth dates (father and son)', () => {
    const d = judge(
      { firstName: 'José', lastName: 'García', addresses: home, birthDate: '1955-03-02' },
      { firstName: 'José', lastName: 'García', addresses: home, birthDate: '1987-11-20' },
    );
    expect(d.kind).not.toBe('same');
    expect(d.reasons.join(' ')).toMatch(/birth_date=different/);
    // Without birth dates no hard rule applies (issue 14: nothing stricter than the hard rules):
    // the same full name at the same full address is decided by its probability like any other pair.
    const noDates = judge(
      { firstName: 'José', lastName: 'García', addresses: home },
      { firstName: 'José', lastName: 'García', addresses: home },
    );
    expect(noDates.rule).toBe('evidence');
  });

  it('twins: same birth date, address and phone, different first names', () => {
    const twin = { lastName: 'Moreau', birthDate: '2004-06-18', addresses: home, phones: ['+33 6 11 22 33 44'] };
    const d = judge({ ...twin, firstName: 'Léa' }, { ...twin, firstName: 'Chloé' });
    expect(d.kind).toBe('related');
    const noPhone = { lastName: 'Moreau', birthDate: '2004-06-18', addresses: home };
    expect(judge({ ...noPhone, firstName: 'Léa' }, { ...noPhone, firstName: 'Chloé' }).kind).not.toBe('same');
  });

  it('a parent and a child sharing an e-mail', () => {
    const d = judge(
      { firstName: 'Martine', lastName: 'Lefèvre', emails: ['lefevre@free.fr'], birthDate: '1962-04-09' },
      { firstName: 'Hugo', lastName: 'Lefevre', emails: ['lefevre@free.fr'], birthDate: '1995-12-01' },
    );
    expect(d.kind).toBe('related');
    // The same first name (a namesake child) with another birth date is not merged either.
    expect(
      judge(
        { firstName: 'Hugo', lastName: 'Lefèvre', emails: ['lefevre@free.fr'], birthDate: '1962-04-09' },
        { firstName: 'Hugo', lastName: 'Lefevre', emails: ['lefevre@free.fr'], birthDate: '1995-12-01' },
      ).kind,
    ).not.toBe('same');
  });
});

describe('issue 14: evidence from typed slips (fake_1000 patterns, own records)', () => {
  it('the same e-mail and birth date merge even when one record has no name', () => {
    const d = judge(
      { firstName: 'Maryam', lastName: 'Jones', emails: ['maryam.j47@myers.com'], birthDate: '1992-06-04' },
      { emails: ['maryam.j47@myers.com'], birthDate: '1992-06-04', addresses: [{ city: 'Coventry' }] },
    );
    expect(d).toMatchObject({ kind: 'same', rule: 'evidence' });
    // Without the birth date the shared e-mail alone is not enough.
    expect(
      judge({ firstName: 'Maryam', emails: ['maryam.j47@myers.com'] }, { emails: ['maryam.j47@myers.com'] }).kind,
    ).not.toBe('same');
  });

  it('an address mistyped in its domain or mailbox (one or two slips) is a similar e-mail', () => {
    const c = compareSubjects(
      prepareSubject({ emails: ['noahr@hudsn-brohwn.net'] }),
      prepareSubject({ emails: ['noahr@hudson-brown.net'] }),
    );
    expect(c.evidence.find((e) => e.field === 'email')?.level).toBe('similar');
    // Short addresses at another domain stay different.
    const short = compareSubjects(prepareSubject({ emails: ['a.b@x.com'] }), prepareSubject({ emails: ['a.c@y.com'] }));
    expect(short.evidence.find((e) => e.field === 'email')?.level).toBe('different');
    // Another number in the mailbox is another mailbox: two namesakes, not a slip.
    const namesakes = compareSubjects(
      prepareSubject({ emails: ['john.smith84@gmail.com'] }),
      prepareSubject({ emails: ['john.smith85@gmail.com'] }),
    );
    expect(namesakes.evidence.find((e) => e.field === 'email')?.level).toBe('different');
    const d = judge(
      { firstName: 'Hugo', lastName: 'Kaur', birthDate: '1973-03-23', emails: ['h.k@shhrp.com'] },
      { firstName: 'Hugo', birthDate: '1973-03-23', emails: ['h.k@sharp.com'] },
    );
    expect(d.kind).toBe('same');
  });

  it('a surname with its letters scrambled weighs as a similar spelling, and the hard rules still read "different"', () => {
    const a = prepareSubject({ firstName: 'Theodore', lastName: 'Morris' });
    const c = compareSubjects(a, prepareSubject({ firstName: 'Theodore', lastName: 'Mosrir' }));
    const family = c.evidence.find((e) => e.field === 'family_name')!;
    expect(family).toMatchObject({ level: 'different', detail: 'letters scrambled', weight: 2 });
    // Two real surnames that only share some letters keep their penalty.
    const other = compareSubjects(a, prepareSubject({ firstName: 'Theodore', lastName: 'Morales' }));
    expect(other.evidence.find((e) => e.field === 'family_name')?.weight).toBeLessThan(0);
    // A scrambled first name is still "clearly different": the hard rule blocks an automatic merge.
    const twin = { lastName: 'Moreau', birthDate: '2004-06-18', emails: ['moreau@x.fr'] };
    expect(judge({ ...twin, firstName: 'Noel' }, { ...twin, firstName: 'Leon' }).kind).not.toBe('same');
  });
});

describe('term-frequency adjustment', () => {
  it('makes a common surname weaker evidence than a rare one, once there are enough profiles', () => {
    const names = [
      ...Array.from({ length: 100 }, (_, i) => ({ given: `g${i % 50}`, family: 'garcia' })),
      ...Array.from({ length: 700 }, (_, i) => ({ given: `g${i % 50}`, family: `fam${i}` })),
      { given: 'ainhoa', family: 'etxeberria' },
    ];
    const freq = buildNameFrequencies(names);
    expect(tfAdjustment(freq, 'family', 'garcia')).toBeLessThan(0);
    expect(tfAdjustment(freq, 'family', 'etxeberria')).toBeGreaterThan(0);
    // A small organisation gets no adjustment.
    expect(tfAdjustment(buildNameFrequencies(names.slice(0, 100)), 'family', 'garcia')).toBe(0);
    const a = prepareSubject({ firstName: 'Ana', lastName: 'García' });
    const c = compareSubjects(a, a, { names: freq });
    expect(c.evidence.find((e) => e.field === 'family_name')?.detail).toBe('common name');
  });
});
