import { describe, expect, it } from 'vitest';
import { damerauLevenshtein, jaro, jaroWinkler } from './similarity.ts';

describe('string similarity', () => {
  it('gives the published Jaro and Jaro-Winkler values', () => {
    // Winkler (1990) / Wikipedia reference pairs.
    expect(jaro('martha', 'marhta')).toBeCloseTo(0.944, 3);
    expect(jaroWinkler('martha', 'marhta')).toBeCloseTo(0.961, 3);
    expect(jaroWinkler('dwayne', 'duane')).toBeCloseTo(0.84, 2);
    expect(jaroWinkler('dixon', 'dicksonx')).toBeCloseTo(0.813, 3);
    expect(jaroWinkler('same', 'same')).toBe(1);
    expect(jaroWinkler('', 'abc')).toBe(0);
    expect(jaroWinkler('abc', 'xyz')).toBe(0);
  });

  it('counts a transposition as one edit (optimal string alignment)', () => {
    expect(damerauLevenshtein('garcia', 'gracia')).toBe(1);
    expect(damerauLevenshtein('kitten', 'sitting')).toBe(3);
    expect(damerauLevenshtein('ca', 'abc')).toBe(3);
    expect(damerauLevenshtein('', 'abc')).toBe(3);
    expect(damerauLevenshtein('lopez', 'lopez')).toBe(0);
  });
});
