import { describe, expect, it } from 'vitest';
import { toWinAnsi } from './receipt-pdf.ts';

describe('receipt PDF text (WinAnsi)', () => {
  it('keeps Spanish and French letters, drops accents it cannot show, never emits a broken glyph', () => {
    expect(toWinAnsi('Peña, Façade, Œuvre, Zoë — 1 200,00 €')).toBe('Peña, Façade, Œuvre, Zoë — 1 200,00 €');
    expect(toWinAnsi('Dvořák Łukasz\u202f€')).toBe('Dvorák ?ukasz €');
    expect(toWinAnsi('Ἀθῆναι Москва')).toBe('?????? ??????');
  });
});
