const languageNames = new Intl.DisplayNames(['en'], { type: 'language', fallback: 'none' });

/**
 * Whether `code` is a two-letter ISO 639-1 language code ICU knows a name for. Never throws:
 * `Intl.DisplayNames.of` raises a RangeError for anything that is not a well-formed language
 * tag ("0", "e1"), which must be a validation error, not a 500 (issue 11).
 */
export function isKnownLanguageCode(code: string): boolean {
  if (!/^[a-z]{2}$/.test(code)) return false;
  try {
    return languageNames.of(code) !== undefined;
  } catch {
    return false;
  }
}
