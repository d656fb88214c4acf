import { describe, expect, it } from 'vitest';
import { compareNames, prepareName } from './names.ts';
import { areNicknames, nicknameTableSize } from './nicknames.ts';

const cmp = (a: [string, string], b: [string, string]) => compareNames(prepareName(...a), prepareName(...b));

describe('name compatibility', () => {
  it('knows nicknames in six languages', () => {
    expect(nicknameTableSize()).toBeGreaterThan(600);
    for (const [a, b] of [
      ['pepe', 'jose'],
      ['paco', 'francisco'],
      ['kike', 'enrique'],
      ['chema', 'jose maria'],
      ['bob', 'robert'],
      ['manu', 'emmanuel'],
      ['sepp', 'josef'],
      ['gigi', 'luigi'],
      ['ze', 'jose'],
      ['toni', 'tony'],
    ])
      expect(areNicknames(a!, b!), `${a}/${b}`).toBe(true);
    expect(areNicknames('pepe', 'pedro')).toBe(false);
    expect(cmp(['Pepe', 'García'], ['José', 'García'])).toMatchObject({ given: 'nickname', family: 'exact' });
    expect(cmp(['Chema', 'Ruiz'], ['José María', 'Ruiz'])).toMatchObject({ given: 'nickname' });
  });

  it('accepts accents, case, a dropped second surname and compound names with or without hyphen', () => {
    expect(cmp(['JOSE', 'GARCIA'], ['José', 'García López'])).toMatchObject({ given: 'exact', family: 'subset' });
    expect(cmp(['Jean-Pierre', 'Dupont'], ['Jean Pierre', 'Dupont'])).toMatchObject({
      given: 'exact',
      family: 'exact',
    });
    expect(cmp(['Jeanpierre', 'Dupont'], ['Jean-Pierre', 'Dupont'])).toMatchObject({ given: 'exact' });
    expect(cmp(['Ana', 'García-López'], ['Ana', 'García López'])).toMatchObject({ family: 'exact' });
    expect(cmp(['María del Carmen', 'Ruiz'], ['Carmen', 'Ruiz'])).toMatchObject({ given: 'nickname' });
    expect(cmp(['Juan Ignacio', 'Ruiz'], ['Ignacio', 'Ruiz'])).toMatchObject({ given: 'subset' });
  });

  it('finds first and last name swapped, and a compound name split differently', () => {
    expect(cmp(['García', 'José'], ['José', 'García'])).toMatchObject({
      swapped: true,
      given: 'exact',
      family: 'exact',
    });
    expect(cmp(['José García', 'López'], ['José', 'García López'])).toMatchObject({ resplit: true, given: 'exact' });
  });

  it('accepts a typing slip but not another name', () => {
    expect(cmp(['Francsico', 'Martinez'], ['Francisco', 'Martínez'])).toMatchObject({ given: 'typo' });
    expect(cmp(['Carlos', 'Fernandez'], ['Carlos', 'Fernandes'])).toMatchObject({ family: 'typo' });
    expect(cmp(['Mario', 'Rossi'], ['Maria', 'Rossi']).given).toBe('different');
    expect(cmp(['Daniel', 'Weber'], ['Daniela', 'Weber']).given).toBe('different');
    expect(cmp(['Louis', 'Martin'], ['Louise', 'Martin']).given).toBe('different');
    expect(cmp(['Anna', 'Hemm'], ['Ben', 'Hemm']).given).toBe('different');
    // Two real names one letter apart are two people, not a typo.
    expect(cmp(['Elena', 'Sanz'], ['Helena', 'Sanz']).given).not.toBe('typo');
    // "María" alone does not confirm "María José".
    expect(cmp(['María', 'Pérez'], ['María José', 'Pérez']).given).toBe('similar');
  });

  it('a short first name with one slip is that name, not clearly another one (issue 14)', () => {
    expect(cmp(['Luk', 'Hemm'], ['Luke', 'Hemm']).given).toBe('typo');
    expect(cmp(['Matild', 'Hemm'], ['Matilda', 'Hemm']).given).toBe('typo');
    expect(cmp(['Jadk', 'Hemm'], ['Jack', 'Hemm']).given).toBe('typo');
    // Still two people: a changed ending (Mario/Maria), short surnames one letter apart (Díaz/Díez).
    expect(cmp(['Mario', 'Hemm'], ['Maria', 'Hemm']).given).toBe('different');
    expect(cmp(['Ana', 'Díaz'], ['Ana', 'Díez']).family).not.toBe('typo');
  });
});
