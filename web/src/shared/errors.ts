import { notifications } from '@mantine/notifications';
import i18next from 'i18next';
import { isApiError } from './api.ts';

/**
 * The message to show for a failed request: the translation of its code when one exists
 * (`errors.invalid_credentials`), otherwise the server's own message.
 */
export function describeError(error: unknown): string {
  if (isApiError(error)) {
    const key = `errors.${error.code}`;
    if (i18next.exists(key)) return i18next.t(key);
    return error.message || i18next.t('errors.unknown');
  }
  return i18next.t('errors.unknown');
}

/** Shows a failed request as a red notification. */
export function notifyError(error: unknown): void {
  notifications.show({ color: 'red', title: i18next.t('errors.title'), message: describeError(error) });
}

export function notifySuccess(message: string): void {
  notifications.show({ color: 'teal', message });
}

/** Field errors from the server's `details`, keyed by field name, for a Mantine form. */
export function fieldErrorsOf(error: unknown): Record<string, string> {
  if (!isApiError(error)) return {};
  // A detail without its own code (e.g. wrong_password on currentPassword) reads best as the error's message.
  const errorKey = `errors.${error.code}`;
  const fallback = i18next.exists(errorKey) && error.code !== 'validation_failed' ? i18next.t(errorKey) : undefined;
  const errors: Record<string, string> = {};
  for (const detail of error.details) {
    if (!detail.field) continue;
    const key = detail.code ? `fieldErrors.${detail.code}` : undefined;
    // A detail with its own code but no translation keeps its own (specific) message, e.g. the name of
    // an unknown e-mail placeholder, rather than the error's general one.
    errors[detail.field] =
      key && i18next.exists(key) ? i18next.t(key) : detail.code ? detail.message : (fallback ?? detail.message);
  }
  return errors;
}
