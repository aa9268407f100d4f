/**
 * How long to wait, as a person says it, in the UI language: whole minutes (rounded up)
 * from a minute on, seconds below — "۱۵ دقیقه", "15 דקות", "45 seconds".
 */
export function formatWait(seconds: number, locale: string): string {
  const s = Math.max(1, Math.ceil(seconds));
  const [amount, unit] = s >= 60 ? [Math.ceil(s / 60), 'minute'] : [s, 'second'];
  return new Intl.NumberFormat(locale, { style: 'unit', unit, unitDisplay: 'long' }).format(amount);
}
