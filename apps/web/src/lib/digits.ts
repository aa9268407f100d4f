/** Persian (U+06F0…) and Arabic-Indic (U+0660…) digits typed on a Persian keyboard become ASCII. */
export function toAsciiDigits(value: string): string {
  return value.replace(/[\u06F0-\u06F9\u0660-\u0669]/g, (ch) => {
    const code = ch.charCodeAt(0);
    return String(code >= 0x06f0 ? code - 0x06f0 : code - 0x0660);
  });
}

/** An empty field is "no number", not zero, so validation can say so. */
export function parseNumberInput(value: string): number {
  const normalised = toAsciiDigits(value)
    .trim()
    .replace(/[\u066B]/g, '.')
    .replace(/[,\u066C]/g, '');
  return normalised === '' ? Number.NaN : Number(normalised);
}

const PERSIAN_DIGITS = '۰۱۲۳۴۵۶۷۸۹';

/**
 * A number's digits in the UI language's script, nothing else changed (no grouping:
 * a year stays ۱۴۰۵). Messages get numbers through this when a caller forgot to format.
 */
export function localDigits(value: number, language: string): string {
  const text = String(value);
  return language === 'fa' ? text.replace(/[0-9]/g, (d) => PERSIAN_DIGITS[Number(d)] ?? d) : text;
}
