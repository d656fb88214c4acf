import { describe, expect, it } from 'vitest';
import { findPasswordProblem } from './password.ts';

describe('the password policy', () => {
  it.each([
    ['short', 'password_too_short'],
    ['x'.repeat(201), 'password_too_long'],
    ['aaaaaaaaaaaa', 'password_same_character'],
    ['ééééééééééé', 'password_same_character'],
    ['1234509876', 'password_only_digits'],
    ['20261203201612', 'password_only_digits'],
    ['password1234', 'password_too_common'],
    ['qwertyuiop', 'password_too_common'],
    ['Password123!', 'password_too_common'],
    ['iloveyou123', 'password_too_common'],
    ['abcdefghijk', 'password_too_common'],
    ['Summer2024!', 'password_too_common'],
  ])('refuses %s (%s)', (password, problem) => {
    expect(findPasswordProblem(password)).toBe(problem);
  });

  it('counts the person’s own e-mail and name as guessable', () => {
    expect(findPasswordProblem('anna.lind@hotel.test')).toBeUndefined();
    expect(findPasswordProblem('anna.lind@hotel.test', ['anna.lind@hotel.test'])).toBe('password_too_common');
  });

  it.each(['correct-horse-battery', 'staff-password-river-91', 'Tv8#pq2!Lm9x', 'une phrase de passe longue'])(
    'accepts %s',
    (password) => {
      expect(findPasswordProblem(password)).toBeUndefined();
    },
  );
});
