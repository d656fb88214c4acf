import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { resources } from '../i18n/resources.ts';
import { isLanguage, languages, type Language } from './types.ts';

const STORAGE_KEY = 'clientela.language';

function readStoredLanguage(): Language | undefined {
  try {
    const stored = localStorage.getItem(STORAGE_KEY);
    return isLanguage(stored) ? stored : undefined;
  } catch {
    return undefined; // storage disabled (private mode, policies)
  }
}

function detectBrowserLanguage(): Language {
  for (const tag of navigator.languages ?? [navigator.language]) {
    const base = tag.slice(0, 2).toLowerCase();
    if (isLanguage(base)) return base;
  }
  return 'en';
}

/** Starts i18next with the three bundled locales; the stored choice wins over the browser's. */
export function initI18n(): typeof i18next {
  void i18next.use(initReactI18next).init({
    resources: {
      en: { translation: resources.en },
      es: { translation: resources.es },
      fr: { translation: resources.fr },
    },
    lng: readStoredLanguage() ?? detectBrowserLanguage(),
    fallbackLng: 'en',
    supportedLngs: [...languages],
    interpolation: { escapeValue: false }, // React escapes already
    returnNull: false,
  });
  const syncDocument = (lng: string) => {
    document.documentElement.lang = lng;
  };
  syncDocument(i18next.language);
  i18next.on('languageChanged', syncDocument);
  return i18next;
}

/** Switches the UI language and remembers it on this device. */
export async function applyLanguage(language: Language): Promise<void> {
  try {
    localStorage.setItem(STORAGE_KEY, language);
  } catch {
    // Not persisted; the choice still applies to this page.
  }
  if (i18next.language !== language) await i18next.changeLanguage(language);
}

export function currentLanguage(): Language {
  return isLanguage(i18next.language) ? i18next.language : 'en';
}
