import { describe, expect, it } from 'vitest';
import { buildScrubber, ERASED } from './scrub.ts';

const terms = {
  phrases: ['Ana Pérez-Soto', 'ana.perez@example.org', 'X1234567Z'],
  words: ['Ana', 'Pérez', 'Soto'],
  phones: ['+34600123456'],
};

describe('the erasure scrubber', () => {
  it('replaces whole values, and every phone form, in anyone’s records', () => {
    const s = buildScrubber(terms, 'org');
    expect(
      s.text('Call ANA PÉREZ-SOTO at +34 600 12 34 56 or 600-123-456 (ana.perez@example.org), doc X1234567Z'),
    ).toBe(`Call ${ERASED} at +34 ${ERASED} or ${ERASED} (${ERASED}), doc ${ERASED}`);
    // A first name alone is someone else's too: only whole values go in records not linked to the person.
    expect(s.text('Ana booked for Anabel')).toBe('Ana booked for Anabel');
    expect(s.text('+346001234567')).toBe('+346001234567');
  });

  it('replaces name words too in the person’s own records, not inside other words', () => {
    const s = buildScrubber(terms, 'linked');
    expect(s.text('Ana and Anabel; soto')).toBe(`${ERASED} and Anabel; ${ERASED}`);
  });

  it('walks JSON values and keys', () => {
    const s = buildScrubber(terms, 'linked');
    expect(s.json({ 'ana.perez@example.org': ['Hola Ana', 3, null, { n: 'Soto' }] })).toEqual({
      [ERASED]: [`Hola ${ERASED}`, 3, null, { n: ERASED }],
    });
  });

  it('gives SQL patterns with LIKE wildcards escaped', () => {
    const s = buildScrubber({ phrases: ['50%_off'], words: [], phones: ['+34600123456'] }, 'org');
    expect(s.likePatterns).toEqual(['%50\\%\\_off%']);
    expect(s.digitPatterns).toEqual(['%600123456%']);
  });

  it('never scrubs short values from anyone’s records: a lone first name, a short number', () => {
    const s = buildScrubber({ phrases: ['Al'], words: ['Ana', 'Calle Mayor 1'], phones: ['+3491234'] }, 'org');
    expect(s.text('Ana at Calle Mayor 1 paid 91234 and Al')).toBe('Ana at Calle Mayor 1 paid 91234 and Al');
    expect(s.isEmpty).toBe(true);
    expect(
      buildScrubber({ phrases: [], words: ['Calle Mayor 1'], phones: [] }, 'linked').text('Calle  Mayor 1, Madrid'),
    ).toBe('*****, Madrid');
  });
});
