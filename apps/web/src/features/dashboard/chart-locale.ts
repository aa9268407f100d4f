import type { TrendGranularity, TrendSpan } from '@dialdeck/contracts/stats';
import type { HourCycle } from '../../lib/calendar-fields';
import { intlLocale } from '../../lib/use-format';

/** How a chart reads in a language: right to left in fa and he (axes reversed, legend and tooltip rtl). */
export function chartDirection(language: string): { rtl: boolean; locale: string } {
  return { rtl: language === 'fa' || language === 'he', locale: intlLocale(language) };
}

/**
 * A trend bucket's label: its local start in the company zone, in the UI calendar and
 * digits (Jalali with Persian digits in fa). An hour within a day's span shows the time
 * alone; a longer hourly span adds the day; a daily bucket is its day.
 */
export function bucketFormatter(
  language: string,
  timeZone: string | undefined,
  span: TrendSpan,
  granularity: TrendGranularity,
  hourCycle: HourCycle = 24,
): (iso: string) => string {
  const hours: Intl.DateTimeFormatOptions = { hour: '2-digit', hourCycle: hourCycle === 12 ? 'h12' : 'h23' };
  const options: Intl.DateTimeFormatOptions =
    granularity === 'daily'
      ? { day: 'numeric', month: 'short' }
      : span === '6h' || span === '24h'
        ? { ...hours, minute: '2-digit' }
        : { ...hours, day: 'numeric', month: 'short' };
  let format: Intl.DateTimeFormat;
  try {
    format = new Intl.DateTimeFormat(intlLocale(language), { ...options, timeZone });
  } catch {
    format = new Intl.DateTimeFormat(intlLocale(language), options);
  }
  return (iso) => {
    const date = new Date(iso);
    return Number.isNaN(date.getTime()) ? iso : format.format(date);
  };
}
