import { assertPasswordPolicy } from '../auth/password.ts';

/**
 * The one place a customer password is checked before it is hashed (registration with a
 * password, the set-password and reset links, change password): the same policy as staff
 * passwords (length, not trivial, not common; the person's e-mail and names count as known words).
 */
export function assertCustomerPassword(
  password: string,
  field = 'password',
  userInputs: readonly (string | null | undefined)[] = [],
): void {
  assertPasswordPolicy(password, { field, userInputs });
}
