import { isKnownLanguageCode } from '../../../../core/language.ts';
import { foldHeader } from './text.ts';

const LOCALES = ['en', 'es', 'fr'] as const;
let countryNames: Map<string, string> | undefined;
let languageNames: Map<string, string> | undefined;
let countryCodes: Set<string> | undefined;

function namesOf(type: 'region' | 'language', codes: string[]): Map<string, string> {
  const names = new Map<string, string>();
  for (const locale of LOCALES) {
    const display = new Intl.DisplayNames([locale], { type, fallback: 'none' });
    for (const code of codes) {
      const name = display.of(type === 'region' ? code.toUpperCase() : code);
      // First wins: "France" is FR, not the retired FX ("Metropolitan France") some locales also call France.
      if (name && !names.has(foldHeader(name))) names.set(foldHeader(name), code);
    }
  }
  return names;
}

function letterPairs(): string[] {
  const letters = 'abcdefghijklmnopqrstuvwxyz';
  return [...letters].flatMap((a) => [...letters].map((b) => a + b));
}

/**
 * An ISO 3166 country code from a code ("ES", "esp" is not accepted) or a country name in
 * English, Spanish or French ("Spain", "España", "Espagne"); undefined when not recognised.
 */
export function readCountry(input: string): string | undefined {
  const value = input.trim();
  if (!value) return undefined;
  countryNames ??= namesOf('region', letterPairs());
  if (/^[A-Za-z]{2}$/.test(value)) {
    const code = value.toUpperCase();
    countryCodes ??= new Set(countryNames.values());
    return countryCodes.has(code.toLowerCase()) ? code : undefined;
  }
  return countryNames.get(foldHeader(value))?.toUpperCase();
}

/** A two-letter language code from "es", "es_ES", "fr-FR", "Spanish", "Español", "français". */
export function readLanguage(input: string): string | undefined {
  const value = input.trim();
  if (!value) return undefined;
  const code = /^([A-Za-z]{2})(?:[-_][A-Za-z]{2,4})?$/.exec(value)?.[1]?.toLowerCase();
  if (code) return isKnownLanguageCode(code) ? code : undefined;
  languageNames ??= namesOf('language', letterPairs().filter(isKnownLanguageCode));
  return languageNames.get(foldHeader(value));
}
