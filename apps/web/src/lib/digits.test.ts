import { describe, expect, it } from 'vitest';
import { localDigits, parseNumberInput, toAsciiDigits } from './digits';

describe('digits', () => {
  it.each([
    [1405, 'fa', '۱۴۰۵'],
    [-3, 'fa', '-۳'],
    [2.5, 'fa', '۲.۵'],
    [1405, 'he', '1405'],
    [1405, 'en', '1405'],
  ])('localDigits(%s, %s) = %s', (value, language, expected) => {
    expect(localDigits(value, language)).toBe(expected);
  });

  it('reads Persian and Arabic-Indic digits back', () => {
    expect(toAsciiDigits('۱۴۰۵ ٢٠')).toBe('1405 20');
    expect(parseNumberInput('۱٬۲۳۴')).toBe(1234);
    expect(parseNumberInput('۱,۲۳۴')).toBe(1234);
    expect(parseNumberInput('')).toBeNaN();
  });
});
