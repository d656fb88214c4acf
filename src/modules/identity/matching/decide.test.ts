import { describe, expect, it } from 'vitest';
import { compareSubjects } from './compare.ts';
import { type MatchSettings, decideMatch } from './decide.ts';
import { type PersonInput, prepareSubject } from './subject.ts';

function judge(a: PersonInput, b: PersonInput, settings: MatchSettings = { matchOnNameAlone: false }) {
  return decideMatch(compareSubjects(prepareSubject(a), prepareSubject(b)), settings);
}

describe('SPEC I-2 decisions on hotel cases', () => {
  it('keeps Anna and Ben Hemm apart although they share hemm@example.com, and shows them as related', () => {
    const d = judge(
      { firstName: 'Anna', lastName: 'Hemm', emails: ['hemm@example.com'] },
      { firstName: 'Ben', lastName: 'Hemm', emails: ['HEMM@example.com'] },
    );
    expect(d.kind).toBe('related');
    expect(d.rule).toBe('key_but_different_first_name');
  });

  it('links "JOSE GARCIA" +34 612 345 678 and "José García López" 0034612345678, and says why', () => {
    const d = judge(
      { firstName: 'JOSE', lastName: 'GARCIA', phones: ['+34 612 345 678'] },
      { firstName: 'José', lastName: 'García López', phones: ['0034612345678'] },
    );
    expect(d.kind).toBe('same');
    expect(d.rule).toBe('key_and_compatible_name');
    expect(d.reasons).toContain('shared phone');
    expect(d.reasons.join(' ')).toMatch(/family_name=subset/);
  });

  it('does not queue namesakes who each have their own e-mail unless something else agrees', () => {
    const maria = { firstName: 'María', lastName: 'García', emails: ['maria.garcia@example.com'] };
    const other = { firstName: 'Maria', lastName: 'Garcia', emails: ['mgarcia77@example.org'] };
    expect(judge(maria, other)).toMatchObject({ kind: 'distinct', rule: 'no_resemblance' });
    // The same birth date, or one of them without any contact data, makes them worth a look.
    expect(judge({ ...maria, birthDate: '1980-04-02' }, { ...other, birthDate: '1980-04-02' })).toMatchObject({
      kind: 'candidate',
      rule: 'resemblance',
    });
    expect(judge(maria, { firstName: 'Maria', lastName: 'Garcia' })).toMatchObject({
      kind: 'candidate',
      rule: 'resemblance',
    });
  });

  it('links Pepe and José García on the same phone', () => {
    const d = judge(
      { firstName: 'Pepe', lastName: 'García', phones: ['612345678'] },
      { firstName: 'José', lastName: 'Garcia', phones: ['+34612345678'] },
    );
    expect(d.kind).toBe('same');
    expect(d.reasons.join(' ')).toMatch(/given_name=nickname/);
  });

  it('links swapped names and typos on the same e-mail', () => {
    expect(
      judge(
        { firstName: 'García', lastName: 'José', emails: ['jg@x.es'] },
        { firstName: 'José', lastName: 'García', emails: ['jg@x.es'] },
      ).kind,
    ).toBe('same');
    expect(
      judge(
        { firstName: 'Francsico', lastName: 'Martinez', emails: ['fm@x.es'] },
        { firstName: 'Francisco', lastName: 'Martínez', emails: ['fm@x.es'] },
      ).kind,
    ).toBe('same');
  });

  it('never links two people through a Booking.com relay address', () => {
    const relay = 'jsmith.842101@guest.booking.com';
    const d = judge(
      { firstName: 'John', lastName: 'Smith', emails: [relay] },
      { firstName: 'John', lastName: 'Smith', emails: [relay] },
    );
    expect(d.kind).not.toBe('same');
    expect(d.reasons).not.toContain('shared email');
  });

  it('flags namesakes without contact data and links them only with matchOnNameAlone', () => {
    const a = { firstName: 'Juan', lastName: 'Pérez' };
    const b = { firstName: 'JUAN', lastName: 'Perez' };
    expect(judge(a, b).kind).toBe('candidate');
    expect(judge(a, b).rule).toBe('namesake_without_contact');
    expect(judge(a, b, { matchOnNameAlone: true }).kind).toBe('same');
    // Even with the setting, another birth date keeps them apart.
    const c = judge({ ...a, birthDate: '1950-01-01' }, { ...b, birthDate: '1988-07-30' }, { matchOnNameAlone: true });
    expect(c.kind).not.toBe('same');
  });

  it('does not merge father and son who share the family phone and a name', () => {
    const d = judge(
      { firstName: 'José', lastName: 'García', phones: ['612345678'], birthDate: '1955-03-02' },
      { firstName: 'José', lastName: 'García', phones: ['612345678'], birthDate: '1987-11-20' },
    );
    expect(d.kind).toBe('candidate');
  });

  it('keeps siblings Mario and María apart on one e-mail', () => {
    expect(
      judge(
        { firstName: 'Mario', lastName: 'Rossi', emails: ['rossi@x.it'] },
        { firstName: 'Maria', lastName: 'Rossi', emails: ['rossi@x.it'] },
      ).kind,
    ).toBe('related');
  });

  it('merges a resemblance without a shared key (new e-mail, same name, birth date and town)', () => {
    const d = judge(
      {
        firstName: 'Lucía',
        lastName: 'Fernández',
        emails: ['lucia@old.es'],
        birthDate: '1990-05-04',
        addresses: [{ city: 'Sevilla' }],
      },
      {
        firstName: 'Lucia',
        lastName: 'Fernandez',
        emails: ['lucia.f@new.es'],
        birthDate: '04/05/1990',
        addresses: [{ city: 'SEVILLA' }],
      },
    );
    // Issue 14: full name, birth date and town are enough evidence on their own (was: queued).
    expect(d.kind).toBe('same');
    expect(d.rule).toBe('evidence');
    expect(d.score).toBeGreaterThan(0.99);
  });

  it('does not queue family members who share only a surname and an address', () => {
    const home = [{ line1: 'Calle Mayor 5', city: 'Madrid', postcode: '28013' }];
    const d = judge(
      { firstName: 'Lucía', lastName: 'Ruiz', addresses: home, birthDate: '1980-01-01' },
      { firstName: 'Pablo', lastName: 'Ruiz', addresses: home, birthDate: '2010-06-01' },
    );
    expect(d.kind).toBe('distinct');
  });

  it('needs a confirming birth date when only the surname and a key agree', () => {
    const a = { lastName: 'Dean', emails: ['dean@x.com'] };
    expect(judge(a, { firstName: 'Evie', lastName: 'Dean', emails: ['dean@x.com'] }).kind).toBe('candidate');
    expect(
      judge(
        { ...a, birthDate: '2015-03-03' },
        { firstName: 'Evie', lastName: 'Dean', emails: ['dean@x.com'], birthDate: '2015-03-03' },
      ).kind,
    ).toBe('same');
  });
});
