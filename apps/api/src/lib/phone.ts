import { parsePhoneNumberFromString, type CountryCode, type PhoneNumber } from 'libphonenumber-js/max';

export type PhoneResult = { ok: true; phone: string } | { ok: false; reason: string };

const PERSIAN_DIGITS = '۰۱۲۳۴۵۶۷۸۹';
const ARABIC_DIGITS = '٠١٢٣٤٥٦٧٨٩';

/** Persian (U+06F0…) and Arabic-Indic (U+0660…) digits → ASCII. */
export function asciiDigits(s: string): string {
  return s.replace(/[۰-۹٠-٩]/g, (ch) => {
    const p = PERSIAN_DIGITS.indexOf(ch);
    return String(p >= 0 ? p : ARABIC_DIGITS.indexOf(ch));
  });
}

type Parsed = { ok: true; parsed: PhoneNumber } | { ok: false; reason: string };

/** One phone number, parsed and checked valid for its region, or the reason it is refused. */
function parseValid(raw: string, region: string): Parsed {
  const trimmed = asciiDigits(String(raw ?? '')).trim();
  if (trimmed === '') return { ok: false, reason: 'empty' };
  if (/[A-Za-z]/.test(trimmed.replace(/^tel:/i, '').replace(/\s*(ext\.?|x)\s*\d+$/i, ''))) {
    return { ok: false, reason: 'contains letters' };
  }
  let candidate = trimmed.replace(/[\s\-().\u200e\u200f\u202a-\u202e]/g, '');
  if (!/^\+?\d+$/.test(candidate)) return { ok: false, reason: 'contains characters that are not digits' };
  if (candidate.startsWith('00')) candidate = '+' + candidate.slice(2);

  const country = region.toUpperCase() as CountryCode;
  if (country === 'IR') {
    // "9123456789" (no trunk zero) and "989123456789" (country code without +) are common in Iranian lists.
    if (/^9\d{9}$/.test(candidate)) candidate = '0' + candidate;
    else if (/^98\d{10}$/.test(candidate)) candidate = '+' + candidate;
  }
  const parsed = parsePhoneNumberFromString(candidate, country);
  if (!parsed) return { ok: false, reason: candidate.replace('+', '').length < 5 ? 'too short' : 'not a phone number' };
  if (!parsed.isValid()) {
    const len = parsed.nationalNumber.length;
    if (len < 7) return { ok: false, reason: 'too short' };
    if (len > 12) return { ok: false, reason: 'too long' };
    return { ok: false, reason: 'not a valid number for its region' };
  }
  return { ok: true, parsed };
}

/**
 * One phone number → its stored form in the number pool, or the reason it is refused.
 * Iranian numbers keep the national form the seed used (09xxxxxxxxx for mobiles:
 * +98…, 0098…, 98… and a missing leading zero are all accepted); every other
 * region is stored E.164.
 */
export function normalizePhone(raw: string, region: string): PhoneResult {
  const p = parseValid(raw, region);
  if (!p.ok) return p;
  if (p.parsed.country === 'IR' || p.parsed.countryCallingCode === '98') {
    return { ok: true, phone: '0' + p.parsed.nationalNumber };
  }
  return { ok: true, phone: p.parsed.number };
}

/** E.164 for every region (a caller ID is dialled from a carrier's trunk: +98…, +972…, +91…). */
export function normalizeE164(raw: string, region: string): PhoneResult {
  const p = parseValid(raw, region);
  return p.ok ? { ok: true, phone: p.parsed.number } : p;
}
