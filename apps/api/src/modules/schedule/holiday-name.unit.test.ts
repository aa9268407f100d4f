import { describe, expect, it } from 'vitest';
import { normalizeHolidayName, presentationForm } from './holiday-name';

describe('normalizeHolidayName', () => {
  it.each([
    ['ﺣﻀﺮت', 'حضرت'],
    // The final heh before alef: the ordinary letters would join, a ZWNJ keeps them apart.
    ['ﻋﻠﯿﻪاﻟﺴﻼم', 'علیه\u200Cالسلام'],
    // A final alef never joins forward: nothing to keep apart.
    ['ﺷﻬﺎدت', 'شهادت'],
    // Lam-alef ligature → its two letters.
    ['ﻻ', 'لا'],
    // An isolated form after a letter that would join it.
    ['بﺍ', 'ب\u200Cا'],
    ['  نوروز   ', 'نوروز'],
    ['Yom  Kippur', 'Yom Kippur'],
    ['יום כיפור', 'יום כיפור'],
  ])('%s → %s', (raw, expected) => {
    expect(normalizeHolidayName(raw)).toBe(expected);
    expect(normalizeHolidayName(expected)).toBe(expected);
  });

  it('reads the shape of a presentation form from its place among its letter’s forms', () => {
    expect(['\uFE8F', '\uFE90', '\uFE91', '\uFE92'].map(presentationForm)).toEqual(['isolated', 'final', 'initial', 'medial']);
    expect(presentationForm('ب')).toBeUndefined();
  });
});
