/**
 * How the funnel writes its figures. A share is never rounded into a lie: above zero but
 * under 1% reads "< 1%" (not 0%), short of the whole but over 99.5% reads "> 99%" (not 100%).
 */
export type ShareText = { bound: 'exact'; value: string } | { bound: 'less' | 'more'; value: string };

export function shareText(ratio: number, locale: string): ShareText {
  const percent = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 });
  if (ratio > 0 && ratio < 0.01) return { bound: 'less', value: percent.format(0.01) };
  if (ratio < 1 && ratio > 0.995) return { bound: 'more', value: percent.format(0.99) };
  return { bound: 'exact', value: percent.format(ratio) };
}

/**
 * A count taken out of the funnel, with its minus sign from Intl (signDisplay), so the
 * locale places it; the caller shows it in an LTR isolate so RTL text cannot move the
 * sign to the other end ("۱-").
 */
export function removedCount(count: number, locale: string): string {
  return new Intl.NumberFormat(locale, { signDisplay: 'exceptZero' }).format(-count);
}
