import { describe, expect, it } from 'vitest';
import { neutralizeCell } from './numbers-export';

describe('neutralizeCell (OWASP CSV injection)', () => {
  it.each([
    ['=HYPERLINK("http://x","y")', `'=HYPERLINK("http://x","y")`],
    ['+1+2', `'+1+2`],
    ['-2+3', `'-2+3`],
    ['@SUM(A1)', `'@SUM(A1)`],
    ['\tcmd', `'\tcmd`],
    ['\rcmd', `'\rcmd`],
    ['+98 912 000', `'+98 912 000`],
  ])('prefixes %j', (input, out) => expect(neutralizeCell(input)).toBe(out));

  it.each(['', 'hello', '09121234567', '+989121234567', "'=already"])('leaves %j as it is', (input) =>
    expect(neutralizeCell(input)).toBe(input),
  );
});
