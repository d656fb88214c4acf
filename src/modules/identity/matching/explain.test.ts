import { describe, expect, it } from 'vitest';
import { compareSubjects } from './compare.ts';
import { decideMatch } from './decide.ts';
import { explainEvidence, explainReasons, explanationInEnglish } from './explain.ts';
import { type PersonInput, prepareSubject } from './subject.ts';

const home = [{ streetNumber: '14', line1: 'Calle de Alcalá', city: 'Madrid', postcode: '28014', country: 'ES' }];
const judge = (a: PersonInput, b: PersonInput) =>
  decideMatch(compareSubjects(prepareSubject(a), prepareSubject(b)), { matchOnNameAlone: false });

describe('explanations as reason codes (issue 14, point 4)', () => {
  it('same phone and birth date, surname one letter apart', () => {
    const d = judge(
      { firstName: 'Iker', lastName: 'Etxeberria', phones: ['+34 612 345 678'], birthDate: '1984-02-11' },
      { firstName: 'Iker', lastName: 'Etxeberia', phones: ['612345678'], birthDate: '1984-02-11' },
    );
    const codes = explainReasons(d.reasons);
    expect(codes).toEqual([
      { code: 'same', fields: ['given_name', 'birth_date', 'phone'] },
      { code: 'typo', field: 'family_name' },
    ]);
    // The stored English sentence is the same explanation.
    expect(d.reasons).toContain(`in words: ${explanationInEnglish(codes)}`);
    expect(explanationInEnglish(codes)).toBe(
      'same first name, birth date and phone; surname differs by a letter or two',
    );
  });

  it('names swapped, a day/month swap, another e-mail and the address', () => {
    const d = judge(
      { firstName: 'Nerea', lastName: 'Goikoetxea', birthDate: '1991-07-03', emails: ['nerea@a.es'], addresses: home },
      { firstName: 'GOIKOETXEA', lastName: 'NEREA', birthDate: '1991-03-07', emails: ['zz@b.fr'], addresses: home },
    );
    expect(explainReasons(d.reasons)).toEqual([
      { code: 'same', fields: ['given_name', 'family_name', 'address'] },
      { code: 'names_swapped' },
      { code: 'birth_day_month_swapped' },
      { code: 'other_value', field: 'email' },
    ]);
  });

  it('a family sharing an e-mail: another first name and birth date', () => {
    const d = judge(
      { firstName: 'Ana', lastName: 'Pérez', emails: ['familia@gmail.com'], birthDate: '1970-05-02' },
      { firstName: 'Luis', lastName: 'Pérez', emails: ['familia@gmail.com'], birthDate: '2001-09-14' },
    );
    expect(d.kind).toBe('related');
    expect(explainReasons(d.reasons)).toEqual([
      { code: 'same', fields: ['family_name', 'email'] },
      { code: 'different', field: 'given_name' },
      { code: 'birth_different' },
    ]);
  });

  it('common and rare names, nicknames and nothing in common', () => {
    expect(
      explainEvidence(
        [
          { field: 'given_name', level: 'nickname', weight: 5 },
          { field: 'family_name', level: 'exact', weight: 5, detail: 'common name' },
        ],
        false,
      ),
    ).toEqual([
      { code: 'same', fields: ['family_name'] },
      { code: 'nickname', field: 'given_name' },
      { code: 'common_name', field: 'family_name' },
    ]);
    expect(explainEvidence([], false)).toEqual([{ code: 'nothing_in_common' }]);
  });

  it('reads nothing from reasons without evidence (a new profile) or from foreign text', () => {
    expect(explainReasons(['no profile with the same e-mail or phone and a compatible name'])).toEqual([]);
    expect(explainReasons(['colour=exact +3.0', 'given_name=exact'])).toEqual([]);
  });
});
