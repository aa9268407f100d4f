import { describe, expect, it } from 'vitest';
import { isSelected, NO_SELECTION, selectedCount, selectionBody, setSelected, type Selection } from './number-selection';

describe('number selection', () => {
  it('collects ids page by page', () => {
    let s: Selection = NO_SELECTION;
    s = setSelected(s, [1, 2, 3], true);
    s = setSelected(s, [2], false);
    expect(isSelected(s, 1)).toBe(true);
    expect(isSelected(s, 2)).toBe(false);
    expect(selectedCount(s, 1000)).toBe(2);
    expect(selectionBody(s, { status: 'MISSED' })).toEqual({ ids: [1, 3] });
  });

  it('select-all-matching counts the total minus what was unchecked, and sends the filter', () => {
    let s: Selection = { mode: 'all', excluded: new Set() };
    s = setSelected(s, [5, 6], false);
    s = setSelected(s, [6], true);
    expect(isSelected(s, 5)).toBe(false);
    expect(isSelected(s, 6)).toBe(true);
    expect(isSelected(s, 999)).toBe(true);
    expect(selectedCount(s, 110)).toBe(109);
    expect(selectedCount(s, undefined)).toBe(0);
    expect(selectionBody(s, { status: 'MISSED', search: '0912' })).toEqual({
      select_all: true,
      status: 'MISSED',
      search: '0912',
      excluded_ids: [5],
    });
  });

  it('does not mutate the previous selection', () => {
    const ids = new Set([1]);
    setSelected({ mode: 'ids', ids }, [2], true);
    expect([...ids]).toEqual([1]);
  });
});
