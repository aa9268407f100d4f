import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { z } from 'zod';
import type { Locale } from '@dialdeck/contracts/common';
import { localDigits } from '../lib/digits';
import type { en } from './en-messages';

export const LANGUAGES: readonly Locale[] = ['fa', 'he', 'en'];
const DEFAULT_LANGUAGE: Locale = 'fa';
const STORAGE_KEY = 'dialdeck.language';

type ZodLocale = () => Parameters<typeof z.config>[0];

/** The faces of a script's font (bundled from @fontsource, font-display: swap; no CDN). */
const vazirmatn = () => import('../app/fonts/vazirmatn.css');
const heebo = () => import('../app/fonts/heebo.css');

/**
 * Each language's messages, zod's messages in it and its script's font are chunks of their
 * own: the first screen loads only the language it shows, the others come when someone
 * switches to them.
 */
const loaders: Record<Locale, () => Promise<[typeof en, { default: ZodLocale }, unknown]>> = {
  fa: () => Promise.all([import('./fa-messages').then((m) => m.fa), import('zod/v4/locales/fa.js'), vazirmatn()]),
  he: () => Promise.all([import('./he-messages').then((m) => m.he), import('zod/v4/locales/he.js'), heebo()]),
  en: () => Promise.all([import('./en-messages').then((m) => m.en), import('zod/v4/locales/en.js'), heebo()]),
};
const zodLocales: Partial<Record<Locale, ZodLocale>> = {};
const loading: Partial<Record<Locale, Promise<void>>> = {};

/** Loads a language's messages once; later calls share the first load. */
export function loadLanguage(language: Locale): Promise<void> {
  loading[language] ??= loaders[language]().then(
    ([messages, zodLocale]) => {
      i18n.addResourceBundle(language, 'translation', messages, true, true);
      zodLocales[language] = zodLocale.default;
    },
    (error: unknown) => {
      delete loading[language]; // a failed download (offline, a new deploy) may be retried
      throw error;
    },
  );
  return loading[language];
}

/** Switches once the language's messages are there, so no screen shows keys in between. */
async function switchTo(language: Locale): Promise<void> {
  await loadLanguage(language);
  await i18n.changeLanguage(language);
}

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
  void switchTo(language);
}

/** The company's locale applies only while the person has not chosen one. */
export async function applyCompanyLanguage(locale: Locale): Promise<void> {
  if (storedLanguage() === null && currentLanguage() !== locale) {
    await switchTo(locale);
  }
}

function applyToDocument(language: string): void {
  const lang = isLanguage(language) ? language : DEFAULT_LANGUAGE;
  const root = document.documentElement;
  root.lang = lang;
  root.dir = isRtl(lang) ? 'rtl' : 'ltr';
  // Client-side validation messages from zod follow the UI language.
  const zodLocale = zodLocales[lang];
  if (zodLocale) z.config(zodLocale());
  document.title = `${i18n.t('app.name')} · ${i18n.t('app.tagline')}`;
}

i18n.on('languageChanged', applyToDocument);

const initialLanguage = storedLanguage() ?? DEFAULT_LANGUAGE;

void i18n.use(initReactI18next).init({
  resources: {},
  lng: initialLanguage,
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

/** Resolves once the first screen's language is loaded: main.tsx renders after it. */
export const i18nReady: Promise<void> = loadLanguage(initialLanguage).then(() => applyToDocument(i18n.language));

export { i18n };
