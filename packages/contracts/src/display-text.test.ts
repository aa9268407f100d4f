import { describe, expect, it } from 'vitest';
import { displayText } from './common';

describe('displayText', () => {
  const name = displayText(50, { min: 1 });
  it.each([
    ['Ali Ahmadi', 'Ali Ahmadi'],
    ['  padded  ', 'padded'],
    ['علی\u200Cرضا', 'علی\u200Cرضا'], // ZWNJ: Persian needs it
    ['\u200Fשלום ABC', '\u200Fשלום ABC'], // RLM: a weak mark, kept
    ['=SUM(A1)', '=SUM(A1)'], // formulas are the export's concern, not a name's
  ])('accepts %j', (input, out) => expect(name.parse(input)).toBe(out));

  it.each([
    ['override', 'invoice\u202Egnp.exe'],
    ['embedding', 'a\u202Ab'],
    ['isolate', 'a\u2066b\u2069'],
    ['NUL', 'a\u0000b'],
    ['newline', 'line\nbreak'],
    ['tab', 'a\tb'],
    ['DEL', 'a\u007Fb'],
    ['C1 control', 'a\u0085b'],
  ])('refuses a %s', (_what, input) => {
    const r = name.safeParse(input);
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.message).toBe('no control or bidi override characters');
  });

  it('still applies the length rules', () => {
    expect(name.safeParse('').success).toBe(false);
    expect(name.safeParse('x'.repeat(51)).success).toBe(false);
  });
});
