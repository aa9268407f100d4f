import { useMemo, useSyncExternalStore } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { CalendarIdentifier } from '@internationalized/date';
import type { Calendar as CompanyCalendar } from '@dialdeck/contracts/common';
import { fieldCalendar, fieldLocale, hourCycleFor, secondaryCalendar, type HourCycle, type HourCyclePreference } from './calendar-fields';
import { meQueryOptions } from './session';

/**
 * The 12- or 24-hour clock an English reader chose on the Profile page. It is kept in
 * this browser's localStorage (not on the account): a per-device display choice.
 */
const HOUR_CYCLE_KEY = 'dialdeck.hourCycle';
const listeners = new Set<() => void>();

function readPreference(): HourCyclePreference {
  try {
    return window.localStorage.getItem(HOUR_CYCLE_KEY) === '12' ? '12' : '24';
  } catch {
    return '24';
  }
}

export function setHourCyclePreference(value: HourCyclePreference): void {
  try {
    window.localStorage.setItem(HOUR_CYCLE_KEY, value);
  } catch {
    // Storage refused (private mode): the choice lasts until the page reloads.
  }
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  const onStorage = (event: StorageEvent) => {
    if (event.key === HOUR_CYCLE_KEY) listener();
  };
  window.addEventListener('storage', onStorage);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('storage', onStorage);
  };
}

export function useHourCyclePreference(): HourCyclePreference {
  return useSyncExternalStore(subscribe, readPreference, () => '24');
}

export interface FieldCalendar {
  language: string;
  calendar: CalendarIdentifier;
  /** The locale the fields render in: calendar, digits and first day of the week. */
  locale: string;
  /** A second reading of each day beside the field (the Hebrew date for Hebrew readers). */
  secondary: CalendarIdentifier | undefined;
  hourCycle: HourCycle;
}

/**
 * How this user reads dates and times: the company's calendar (the signed-in company's
 * unless a superuser is looking at another one) in the UI language.
 */
export function useFieldCalendar(companyCalendar?: CompanyCalendar): FieldCalendar {
  const { i18n } = useTranslation();
  const { data: me } = useQuery(meQueryOptions);
  const preference = useHourCyclePreference();
  const language = i18n.language;
  const company = companyCalendar ?? me?.company.calendar;
  return useMemo(() => {
    const calendar = fieldCalendar(company, language);
    return {
      language,
      calendar,
      locale: fieldLocale(language, calendar),
      secondary: secondaryCalendar(calendar, language),
      hourCycle: hourCycleFor(language, preference),
    };
  }, [company, language, preference]);
}
