/**
 * The API numbers days the Persian way whatever the company's locale:
 * 0 = Saturday, 1 = Sunday, 2 = Monday … 6 = Friday. The grid shows them in
 * the reader's week order instead, so everything that crosses the boundary
 * goes through these helpers and never through array positions.
 */
export type ApiDay = 0 | 1 | 2 | 3 | 4 | 5 | 6;

export const API_DAYS: readonly ApiDay[] = [0, 1, 2, 3, 4, 5, 6];

/** The API day the week starts on: Saturday in Iran, Sunday in Israel, Monday elsewhere (ISO). */
const FIRST_DAY: Record<string, ApiDay> = { fa: 0, he: 1, en: 2 };

export function firstDayOfWeek(language: string): ApiDay {
  return FIRST_DAY[language] ?? 2;
}

/** The seven API days in the order the language's calendar lists them. */
export function weekOrder(language: string): ApiDay[] {
  const first = firstDayOfWeek(language);
  return API_DAYS.map((i) => ((first + i) % 7) as ApiDay);
}

/** JavaScript's Date#getUTCDay (0 = Sunday) → API day (0 = Saturday). */
export function apiDayOfJsDay(jsDay: number): ApiDay {
  return ((jsDay + 1) % 7) as ApiDay;
}

export function isApiDay(value: number): value is ApiDay {
  return Number.isInteger(value) && value >= 0 && value <= 6;
}

/** Message keys of the day names (weekdays.*), indexed by API day. */
export const DAY_KEYS = ['sat', 'sun', 'mon', 'tue', 'wed', 'thu', 'fri'] as const;
