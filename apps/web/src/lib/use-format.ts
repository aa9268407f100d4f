import { useMemo } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Locale } from '@dialdeck/contracts/common';
import { meQueryOptions } from './session';

/**
 * The Intl locale for a UI language: Persian gets the Solar Hijri (Jalali)
 * calendar and, through fa-IR, Persian digits; Hebrew keeps the Gregorian
 * calendar that Israeli offices use day to day.
 */
export function intlLocale(language: string): string {
  switch (language as Locale) {
    case 'fa':
      return 'fa-IR-u-ca-persian';
    case 'he':
      return 'he-IL-u-ca-gregory';
    default:
      return 'en-US';
  }
}

export interface Formatters {
  locale: string;
  timeZone: string | undefined;
  dateTime: (iso: string | null | undefined) => string;
  date: (iso: string | Date | null | undefined) => string;
  number: (value: number) => string;
  /** A share of a whole, 0…1 → "42%" in the UI's digits. */
  percent: (ratio: number) => string;
  /** A size in bytes → "1.2 MB" (decimal units, as file managers show). */
  bytes: (value: number) => string;
}

const BYTE_UNITS = ['byte', 'kilobyte', 'megabyte', 'gigabyte'] as const;

function safeTimeZone(timeZone: string | undefined): string | undefined {
  if (!timeZone) return undefined;
  try {
    new Intl.DateTimeFormat('en', { timeZone });
    return timeZone;
  } catch {
    return undefined;
  }
}

/** Dates and numbers in the UI language, times in the company's time zone. */
export function useFormat(): Formatters {
  const { i18n } = useTranslation();
  const { data: me } = useQuery(meQueryOptions);
  const timeZone = safeTimeZone(me?.company.timezone);
  const language = i18n.language;

  return useMemo(() => {
    const locale = intlLocale(language);
    const dateTimeFormat = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone });
    const dateFormat = new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone });
    const numberFormat = new Intl.NumberFormat(locale);
    const percentFormat = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 });
    const parse = (value: string | Date | null | undefined): Date | null => {
      if (value === null || value === undefined) return null;
      const date = value instanceof Date ? value : new Date(value);
      return Number.isNaN(date.getTime()) ? null : date;
    };
    return {
      locale,
      timeZone,
      dateTime: (iso) => {
        const d = parse(iso);
        return d ? dateTimeFormat.format(d) : '—';
      },
      date: (iso) => {
        const d = parse(iso);
        return d ? dateFormat.format(d) : '—';
      },
      number: (value) => numberFormat.format(value),
      percent: (ratio) => percentFormat.format(ratio),
      bytes: (value) => {
        let unit = 0;
        let amount = value;
        while (amount >= 1000 && unit < BYTE_UNITS.length - 1) {
          amount /= 1000;
          unit++;
        }
        return new Intl.NumberFormat(locale, {
          style: 'unit',
          unit: BYTE_UNITS[unit],
          // "26 byte" reads oddly; "26B" is what file managers show.
          unitDisplay: unit === 0 ? 'narrow' : 'short',
          maximumFractionDigits: unit > 0 && amount < 10 ? 1 : 0,
        }).format(amount);
      },
    };
  }, [language, timeZone]);
}
