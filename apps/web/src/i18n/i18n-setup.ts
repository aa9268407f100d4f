import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { z } from 'zod';
import type { Locale } from '@dialdeck/contracts/common';
import { localDigits } from '../lib/digits';
import { en } from './en-messages';
import { fa } from './fa-messages';
import { he } from './he-messages';

export const LANGUAGES: readonly Locale[] = ['fa', 'he', 'en'];
const DEFAULT_LANGUAGE: Locale = 'fa';
const STORAGE_KEY = 'dialdeck.language';

const zodLocales: Record<Locale, () => Parameters<typeof z.config>[0]> = {
  fa: z.locales.fa,
  he: z.locales.he,
  en: z.locales.en,
};

export function isLanguage(value: unknown): value is Locale {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

export function isRtl(language: Locale): boolean {
  return language === 'fa' || language === 'he';
}

/** The language the person picked explicitly, if any. */
export function storedLanguage(): Locale | null {
  try {
    const value = localStorage.getItem(STORAGE_KEY);
    return isLanguage(value) ? value : null;
  } catch {
    return null;
  }
}

export function currentLanguage(): Locale {
  return isLanguage(i18n.language) ? i18n.language : DEFAULT_LANGUAGE;
}

/** An explicit choice from the language switcher: it wins over the company's locale. */
export function chooseLanguage(language: Locale): void {
  try {
    localStorage.setItem(STORAGE_KEY, language);
  } catch {
    // Private mode or storage disabled: the choice lasts for this page only.
  }
  void i18n.changeLanguage(language);
}

/** The company's locale applies only while the person has not chosen one. */
export function applyCompanyLanguage(locale: Locale): void {
  if (storedLanguage() === null && currentLanguage() !== locale) {
    void i18n.changeLanguage(locale);
  }
}

function applyToDocument(language: string): void {
  const lang = isLanguage(language) ? language : DEFAULT_LANGUAGE;
  const root = document.documentElement;
  root.lang = lang;
  root.dir = isRtl(lang) ? 'rtl' : 'ltr';
  // Client-side validation messages from zod follow the UI language.
  z.config(zodLocales[lang]());
  document.title = `${i18n.t('app.name')} · ${i18n.t('app.tagline')}`;
}

i18n.on('languageChanged', applyToDocument);

void i18n.use(initReactI18next).init({
  resources: { en: { translation: en }, fa: { translation: fa }, he: { translation: he } },
  lng: storedLanguage() ?? DEFAULT_LANGUAGE,
  fallbackLng: 'en',
  supportedLngs: [...LANGUAGES],
  interpolation: {
    escapeValue: false,
    // A raw number interpolated into a message still gets the language's digits.
    alwaysFormat: true,
    format: (value: unknown, _format: string | undefined, lng: string | undefined): string =>
      typeof value === 'number' ? localDigits(value, lng ?? DEFAULT_LANGUAGE) : (value as string),
  },
  initAsync: false,
  returnNull: false,
});

applyToDocument(i18n.language);

export { i18n };
