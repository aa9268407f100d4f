import { describe, expect, it } from 'vitest';
import { formatWait } from './format-wait';
import { intlLocale } from './use-format';

describe('formatWait', () => {
  it.each([
    [900, 'en', '15 minutes'],
    [61, 'en', '2 minutes'],
    [60, 'en', '1 minute'],
    [45, 'en', '45 seconds'],
    [0, 'en', '1 second'],
    [900, 'fa', '۱۵ دقیقه'],
    [30, 'fa', '۳۰ ثانیه'],
    [900, 'he', '15 דקות'],
  ])('%s s in %s → %s', (seconds, language, expected) => {
    expect(formatWait(seconds, intlLocale(language))).toBe(expected);
  });
});
