import { invalid } from '../../core/errors.ts';

/**
 * The one place a customer password is checked before it is hashed (registration with a
 * password, the set-password and reset links, change password). Today: the length rule also
 * declared by `NewPassword` in account.schemas.ts; the auth module's strength policy
 * (src/modules/auth/password.ts) plugs in here.
 */
export function assertCustomerPassword(password: string, field = 'password'): void {
  if (password.length < 10 || password.length > 200) {
    const message = 'must be at least 10 characters';
    throw invalid('validation_failed', 'The password is too weak', [{ field, message, code: 'password_too_short' }]);
  }
}
