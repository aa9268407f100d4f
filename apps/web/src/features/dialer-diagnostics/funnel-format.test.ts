import { describe, expect, it } from 'vitest';
import { removedCount, shareText } from './funnel-format';

describe('funnel figures', () => {
  it.each([
    [0, 'en-US', { bound: 'exact', value: '0%' }],
    [0.0001, 'en-US', { bound: 'less', value: '1%' }],
    [0.0099, 'en-US', { bound: 'less', value: '1%' }],
    [0.01, 'en-US', { bound: 'exact', value: '1%' }],
    [0.42, 'en-US', { bound: 'exact', value: '42%' }],
    [0.994, 'en-US', { bound: 'exact', value: '99%' }],
    [0.996, 'en-US', { bound: 'more', value: '99%' }],
    [0.99999, 'en-US', { bound: 'more', value: '99%' }],
    [1, 'en-US', { bound: 'exact', value: '100%' }],
  ])('share %s in %s', (ratio, locale, expected) => {
    expect(shareText(ratio, locale)).toEqual(expected);
  });

  it('writes shares in Persian digits for fa', () => {
    expect(shareText(0.001, 'fa-IR-u-ca-persian')).toEqual({ bound: 'less', value: '۱٪' });
    expect(shareText(1, 'fa-IR-u-ca-persian').value).toBe('۱۰۰٪');
  });

  it('puts the minus sign where the locale writes it, never after the digits', () => {
    expect(removedCount(1234, 'en-US')).toBe('-1,234');
    expect(removedCount(0, 'en-US')).toBe('0');
    const fa = removedCount(12, 'fa-IR-u-ca-persian');
    expect(fa).toMatch(/^\u200e?[-−]۱۲$/);
    expect(fa).not.toMatch(/۱۲.*[-−]/);
    expect(removedCount(3, 'he-IL-u-ca-gregory')).toMatch(/^\u200e?[-−]3$/);
  });
});
