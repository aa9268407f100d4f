/**
 * Holiday names in Unicode NFKC, so Arabic presentation forms (ﺣﻀﺮت, as the holiday
 * library spells many Persian names) become the ordinary letters people search for
 * and copy. A presentation form also says how a letter joins its neighbours; where
 * it breaks a join that the ordinary letters would make (ﻋﻠﯿﻪاﻟﺴﻼم: the final heh
 * before alef), a zero-width non-joiner keeps the break, as a Persian typist writes
 * it, so NFKC does not change how the name looks. Names stored before this existed are
 * repaired when they are read (ScheduleService.listHolidays).
 */

const ZWNJ = '\u200C';

// Letters that join only the letter before them (alef, dal, reh, waw and their kin);
// hamza joins neither side. Every other Arabic-script letter joins both sides.
const RIGHT_JOINING = new Set(
  [0x622, 0x623, 0x624, 0x625, 0x627, 0x629, 0x62f, 0x630, 0x631, 0x632, 0x648, 0x671, 0x672, 0x673, 0x675, 0x676, 0x677]
    .concat(range(0x688, 0x699), [0x6c0], range(0x6c3, 0x6cb), [0x6cd, 0x6cf, 0x6d2, 0x6d3, 0x6d5, 0x6ee, 0x6ef])
    .map((c) => String.fromCodePoint(c)),
);
const NON_JOINING = new Set(['\u0621']);

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

const isArabicLetter = (ch: string) => /^[\p{Script=Arabic}]$/u.test(ch) && /^\p{L}$/u.test(ch);
const isPresentationForm = (cp: number) => (cp >= 0xfb50 && cp <= 0xfdff) || (cp >= 0xfe70 && cp <= 0xfeff);

/** Does this ordinary letter join the letter after it? */
const joinsForward = (ch: string) => isArabicLetter(ch) && !RIGHT_JOINING.has(ch) && !NON_JOINING.has(ch);

type Form = 'isolated' | 'final' | 'initial' | 'medial';
const FORMS: Form[] = ['isolated', 'final', 'initial', 'medial'];

/**
 * A presentation form's shape. Unicode lays each letter's forms out together, in the
 * order isolated, final, initial, medial: the position in the run of code points that
 * decompose to the same letters gives the shape.
 */
export function presentationForm(ch: string): Form | undefined {
  const cp = ch.codePointAt(0)!;
  if (!isPresentationForm(cp)) return undefined;
  const base = ch.normalize('NFKC');
  if (base === ch || !isArabicLetter(base.at(0)!)) return undefined;
  let start = cp;
  while (isPresentationForm(start - 1) && String.fromCodePoint(start - 1).normalize('NFKC') === base) start--;
  return FORMS[cp - start];
}

/** Presentation forms that end a join the ordinary letters would make with the letter after. */
export function breaksAfter(ch: string): boolean {
  const form = presentationForm(ch);
  return (form === 'isolated' || form === 'final') && joinsForward(ch.normalize('NFKC').at(-1)!);
}

/** Presentation forms that refuse a join from the letter before. */
export function breaksBefore(ch: string): boolean {
  const form = presentationForm(ch);
  return form === 'isolated' || form === 'initial';
}

/** Letters (ordinary, or initial/medial forms) that join forward. */
function reachesForward(ch: string): boolean {
  const form = presentationForm(ch);
  if (form) return form === 'initial' || form === 'medial';
  return joinsForward(ch);
}

export function normalizeHolidayName(name: string): string {
  const chars = [...name];
  let out = '';
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i]!;
    const next = chars[i + 1];
    out += ch;
    if (next === undefined || !isArabicLetter(next.normalize('NFKC').at(0) ?? '')) continue;
    if (breaksAfter(ch) || (reachesForward(ch) && breaksBefore(next))) out += ZWNJ;
  }
  return out.normalize('NFKC').replace(/\s+/g, ' ').trim();
}
