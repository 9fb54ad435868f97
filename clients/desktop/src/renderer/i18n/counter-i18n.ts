// The counter's messages: i18next with English and Hindi carried in the app, plus the hospital's
// own language file (a new language, or changed words) merged over them. Keys missing in a
// language fall back to English; plurals follow each language's rules (Intl.PluralRules).
import i18next, { type i18n } from 'i18next';
import type { LanguagePack } from '../../shared/ipc-contract.js';
import en from './messages/en.json';
import hi from './messages/hi.json';

export const FALLBACK_LANGUAGE = 'en';

export function createCounterI18n(language: string, pack: LanguagePack | null): i18n {
  const instance = i18next.createInstance();
  void instance.init({
    lng: language,
    fallbackLng: FALLBACK_LANGUAGE,
    resources: { en: { translation: en }, hi: { translation: hi } },
    // React escapes what it renders; i18next escaping it too would show "&amp;".
    interpolation: { escapeValue: false },
    returnEmptyString: false,
    initAsync: false,
  });
  // The hospital's file wins over the carried words, key by key.
  if (pack) instance.addResourceBundle(pack.language, 'translation', pack.messages, true, true);
  return instance;
}

/** The locale for dates and numbers: the language as used in India (e.g. hi-IN, ta-IN). */
export const localeOf = (language: string): string =>
  language.includes('-') ? language : `${language}-IN`;
