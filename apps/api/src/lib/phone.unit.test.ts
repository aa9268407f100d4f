import { describe, expect, it } from 'vitest';
import { asciiDigits, normalizeE164, normalizePhone } from './phone';

describe('normalizePhone, Iran (IR)', () => {
  it.each([
    ['09123456789', '09123456789'],
    ['9123456789', '09123456789'],
    ['+989123456789', '09123456789'],
    ['00989123456789', '09123456789'],
    ['989123456789', '09123456789'],
    ['0912 345 6789', '09123456789'],
    ['0912-345-6789', '09123456789'],
    ['(0912) 345 6789', '09123456789'],
    ['۰۹۱۲۳۴۵۶۷۸۹', '09123456789'],
    ['٠٩١٢٣٤٥٦٧٨٩', '09123456789'],
    ['+۹۸۹۱۲۳۴۵۶۷۸۹', '09123456789'],
    ['  09353456789  ', '09353456789'],
    ['\u200e09123456789', '09123456789'],
    ['02188776655', '02188776655'],
    ['+982188776655', '02188776655'],
  ])('%s → %s', (input, expected) => {
    expect(normalizePhone(input, 'IR')).toEqual({ ok: true, phone: expected });
  });

  it.each([
    ['', 'empty'],
    ['   ', 'empty'],
    ['0912abc4567', 'contains letters'],
    ['0912*3456789', 'contains characters that are not digits'],
    ['123', 'too short'],
    ['0912345', 'too short'],
    ['091234567890123', 'too long'],
    ['0000000000', 'not a phone number'],
    ['01234567890', 'not a valid number for its region'],
  ])('%j is refused: %s', (input, reason) => {
    expect(normalizePhone(input, 'IR')).toEqual({ ok: false, reason });
  });
});

describe('normalizePhone, other regions → E.164', () => {
  it.each([
    ['IL', '054-555-1234', '+972545551234'],
    ['IL', '+972 54 555 1234', '+972545551234'],
    ['IL', '00972545551234', '+972545551234'],
    ['IN', '98765 43210', '+919876543210'],
    ['US', '(201) 555-0123', '+12015550123'],
    ['IL', '+14155552671', '+14155552671'],
  ])('%s %s → %s', (region, input, expected) => {
    expect(normalizePhone(input, region)).toEqual({ ok: true, phone: expected });
  });

  it('an Iranian number given with +98 is stored nationally even for another region', () => {
    expect(normalizePhone('+989123456789', 'IL')).toEqual({ ok: true, phone: '09123456789' });
  });

  it('refuses an invalid Israeli number', () => {
    expect(normalizePhone('050-123', 'IL')).toMatchObject({ ok: false });
  });
});

describe('asciiDigits', () => {
  it('maps Persian and Arabic-Indic digits and leaves the rest', () => {
    expect(asciiDigits('۰۱۲۳۴۵۶۷۸۹ ٠١٢٣٤٥٦٧٨٩ x+1')).toBe('0123456789 0123456789 x+1');
  });
});

describe('normalizeE164 (caller IDs)', () => {
  it.each([
    ['09123456789', 'IR', '+989123456789'],
    ['9123456789', 'IR', '+989123456789'],
    ['0098 912 345 6789', 'IR', '+989123456789'],
    ['021-8888-1234', 'IR', '+982188881234'],
    ['۰۹۱۲۳۴۵۶۷۸۹', 'IR', '+989123456789'],
    ['050-234-5678', 'IL', '+972502345678'],
    ['03 555 1234', 'IL', '+97235551234'],
    ['+972 50 234 5678', 'IR', '+972502345678'],
    ['098765 43210', 'IN', '+919876543210'],
    ['+91 98765 43210', 'IL', '+919876543210'],
    ['022 2345 6789', 'IN', '+912223456789'],
  ])('%s in %s → %s', (raw, region, expected) => {
    expect(normalizeE164(raw, region)).toEqual({ ok: true, phone: expected });
  });

  it.each([
    ['0912', 'IR', 'too short'],
    ['call me', 'IL', 'contains letters'],
    ['12345678901234567', 'IN', 'too long'],
  ])('%s in %s is refused: %s', (raw, region, reason) => {
    expect(normalizeE164(raw, region)).toEqual({ ok: false, reason });
  });
});
