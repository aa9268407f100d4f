import { describe, expect, it } from 'vitest';
import { en } from './en-messages';
import { fa } from './fa-messages';
import { he } from './he-messages';

type Tree = { [key: string]: string | Tree };

// i18next's plural suffixes: each language has the forms its plural rules need
// (Hebrew has _two, English and Persian do not), so keys are compared without them.
const PLURAL = /_(zero|one|two|few|many|other)$/;

function leaves(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(path, value);
    else for (const [k, v] of leaves(value, path)) out.set(k, v);
  }
  return out;
}

const baseKeys = (m: Map<string, string>) => new Set([...m.keys()].map((k) => k.replace(PLURAL, '')));

const LOCALES = { fa: leaves(fa as unknown as Tree), he: leaves(he as unknown as Tree), en: leaves(en as unknown as Tree) };

// Interpolations ({{count}}), nesting ($t(...)) and tags (<1>) are not text a person reads.
const notText = (message: string) =>
  message
    .replace(/\{\{[^}]*\}\}/g, '')
    .replace(/\$t\([^)]*\)/g, '')
    .replace(/<\/?\d+>/g, '');

// Latin text that stays Latin inside Persian: product and standard names.
const LATIN_ALLOWED = new Set(['app.name']);

describe('messages', () => {
  const all = new Set([...baseKeys(LOCALES.fa), ...baseKeys(LOCALES.he), ...baseKeys(LOCALES.en)]);

  for (const [locale, messages] of Object.entries(LOCALES)) {
    it(`${locale} has every key of the other two`, () => {
      const own = baseKeys(messages);
      expect([...all].filter((k) => !own.has(k))).toEqual([]);
    });

    it(`${locale} has no empty message`, () => {
      expect([...messages].filter(([, v]) => v.trim() === '').map(([k]) => k)).toEqual([]);
    });
  }

  it('every plural has its "other" form in each locale', () => {
    for (const messages of Object.values(LOCALES)) {
      const plurals = [...messages.keys()].filter((k) => PLURAL.test(k)).map((k) => k.replace(PLURAL, ''));
      expect(plurals.filter((k) => !messages.has(`${k}_other`))).toEqual([]);
    }
  });

  it('Persian messages have no Latin digits', () => {
    const offending = [...LOCALES.fa].filter(([k, v]) => !LATIN_ALLOWED.has(k) && /[0-9]/.test(notText(v))).map(([k, v]) => `${k}: ${v}`);
    expect(offending).toEqual([]);
  });

  it('the check sees what it looks for', () => {
    expect(/[0-9]/.test(notText('در {{count}} دقیقه'))).toBe(false);
    expect(/[0-9]/.test(notText('حداکثر 10 مگابایت'))).toBe(true);
    expect(
      baseKeys(
        new Map([
          ['a.b_one', ''],
          ['a.b_other', ''],
        ]),
      ),
    ).toEqual(new Set(['a.b']));
  });
});
