import argon2 from 'argon2';
import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as zxcvbnCommon from '@zxcvbn-ts/language-common';
import * as zxcvbnEn from '@zxcvbn-ts/language-en';
import { z } from 'zod';
import { invalid } from '../../core/errors.ts';

// OWASP's argon2id baseline (19 MiB, 2 passes): memory-hard, ~30 ms here.
const OPTIONS = { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;
let dummyHash: Promise<string> | undefined;

export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 200;
/** zxcvbn's score 3 = about 10^8 guesses: "safely unguessable" against online attacks, throttled. */
const MIN_SCORE = 3;

/**
 * A new password at the edge: only its bounds, so that every rule of the policy (length
 * included) answers with the one `weak_password` code from `assertPasswordPolicy`.
 */
export const NewPasswordInput = z.string().min(1, 'is required').max(PASSWORD_MAX_LENGTH);

export type PasswordProblem =
  | 'password_too_short'
  | 'password_too_long'
  | 'password_same_character'
  | 'password_only_digits'
  | 'password_too_common';

const MESSAGES: Record<PasswordProblem, string> = {
  password_too_short: `must be at least ${PASSWORD_MIN_LENGTH} characters`,
  password_too_long: `must be at most ${PASSWORD_MAX_LENGTH} characters`,
  password_same_character: 'must not be one character repeated',
  password_only_digits: 'must not be only digits',
  password_too_common: 'is too common or too easy to guess (avoid common words, names, dates, sequences)',
};

// The dictionaries (~40k common passwords, names, words) are loaded once, on first use.
let estimator: ZxcvbnFactory | undefined;
const strength = () =>
  (estimator ??= new ZxcvbnFactory({
    dictionary: { ...zxcvbnCommon.dictionary, ...zxcvbnEn.dictionary },
    graphs: zxcvbnCommon.adjacencyGraphs,
    translations: zxcvbnEn.translations,
  }));

/**
 * The password policy for staff and customers alike: 10–200 characters, not one character
 * repeated, not only digits, and not common or guessable (zxcvbn score ≥ 3, counting the
 * person's own e-mail and name as known words). Returns the first problem, or undefined.
 */
export function findPasswordProblem(password: string, userInputs: readonly string[] = []): PasswordProblem | undefined {
  const chars = [...password];
  if (chars.length < PASSWORD_MIN_LENGTH) return 'password_too_short';
  if (chars.length > PASSWORD_MAX_LENGTH) return 'password_too_long';
  if (new Set(chars).size === 1) return 'password_same_character';
  if (/^\d+$/.test(password)) return 'password_only_digits';
  const words = userInputs.flatMap((s) => [s, ...s.split(/[@\s.+_-]+/)]).filter((w) => w.length >= 3);
  if (strength().check(password, words).score < MIN_SCORE) return 'password_too_common';
  return undefined;
}

/** Throws 400 `weak_password` (detail on `field`, with the problem as its code) when the policy refuses. */
export function assertPasswordPolicy(
  password: string,
  options: { field?: string; userInputs?: readonly (string | null | undefined)[] } = {},
): void {
  const problem = findPasswordProblem(
    password,
    (options.userInputs ?? []).filter((s): s is string => !!s),
  );
  if (problem)
    throw invalid('weak_password', `Choose a stronger password: it ${MESSAGES[problem]}`, [
      { field: options.field ?? 'password', message: MESSAGES[problem], code: problem },
    ]);
}

/** Hashes a password with argon2id (the policy is checked by the caller, on new passwords). */
export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, OPTIONS);
}

/** Verifies a password; with no hash, still spends the same time so unknown e-mails don't show. */
export async function verifyPassword(hash: string | undefined, password: string): Promise<boolean> {
  if (!hash) {
    dummyHash ??= hashPassword('not-a-real-password');
    await argon2.verify(await dummyHash, password).catch(() => false);
    return false;
  }
  return argon2.verify(hash, password).catch(() => false);
}
