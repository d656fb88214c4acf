import { describe, expect, it } from 'vitest';
import { EM_MIN_PROFILES, estimateWeights } from './em.ts';
import { prepareSubject } from './subject.ts';
import { WEIGHTS } from './weights.ts';

// A made-up organisation: 1,000 people from small name lists, 300 of them booked twice with a slip.
function organisation(): ReturnType<typeof prepareSubject>[] {
  const given = ['ana', 'lucia', 'marta', 'pablo', 'jorge', 'iker', 'nerea', 'claire', 'hugo', 'lea', 'tom', 'eva'];
  const family = ['garcia', 'ruiz', 'etxeberria', 'moreau', 'dubois', 'rossi', 'smith', 'lopez', 'gil', 'sanz'];
  let seed = 7;
  const rand = (n: number) => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed % n;
  };
  const people = Array.from({ length: 1000 }, (_, i) => ({
    firstName: given[rand(given.length)]!,
    lastName: `${family[rand(family.length)]!}${i % 7 === 0 ? 'a' : ''}`,
    birthDate: `19${50 + rand(50)}-0${1 + rand(9)}-1${rand(10)}`,
    phones: [`+34 6${String(10_000_000 + i * 37).slice(0, 8)}`],
  }));
  const copies = people.slice(0, 300).map((p, i) => ({
    ...p,
    firstName: i % 3 === 0 ? p.firstName.toUpperCase() : p.firstName,
    lastName: i % 4 === 0 ? `${p.lastName}x` : p.lastName,
    phones: i % 2 === 0 ? p.phones : [],
  }));
  return [...people, ...copies].map((p) => prepareSubject(p));
}

describe('m/u estimation by EM', () => {
  it('keeps the defaults for a small organisation', () => {
    expect(estimateWeights(organisation().slice(0, EM_MIN_PROFILES - 1))).toBeUndefined();
  });

  it('estimates weights that keep each level’s sign and at least half its default', () => {
    const a = estimateWeights(organisation(), { seed: 3, randomPairs: 20_000 })!;
    expect(a).toBeDefined();
    expect(a.pairs).toBeGreaterThan(300);
    expect(a.matchShare).toBeGreaterThan(0);
    expect(a.matchShare).toBeLessThan(1);
    expect(a.weights.birth.exact).toBeGreaterThanOrEqual(WEIGHTS.birth.exact / 2);
    expect(a.weights.given.different).toBeLessThanOrEqual(WEIGHTS.given.different / 2);
    expect(a.weights.phone.same).toBeGreaterThan(0);
    // Deterministic for a seed.
    expect(estimateWeights(organisation(), { seed: 3, randomPairs: 20_000 })!.weights).toEqual(a.weights);
  });
});
