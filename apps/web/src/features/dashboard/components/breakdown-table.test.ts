import { describe, expect, it } from 'vitest';
import type { BreakdownItem } from '@dialdeck/contracts/stats';
import { sortItems } from './breakdown-table';

const item = (key: number | null, label: string, total: number, connected: number, avg: number | null): BreakdownItem => ({
  key,
  label,
  total,
  connected,
  transferred: 0,
  avg_duration_seconds: avg,
});

const items = [item(1, 'Beta', 10, 2, 30), item(2, 'alpha', 10, 5, null), item(null, 'Gamma', 4, 4, 12)];

describe('sortItems', () => {
  it('sorts by a count, ties keeping the server order', () => {
    expect(sortItems(items, 'total', 'desc', 'en').map((i) => i.key)).toEqual([1, 2, null]);
    expect(sortItems(items, 'total', 'asc', 'en').map((i) => i.key)).toEqual([null, 1, 2]);
  });

  it('sorts by connect rate and by average duration, no duration last when descending', () => {
    expect(sortItems(items, 'rate', 'desc', 'en').map((i) => i.key)).toEqual([null, 2, 1]);
    expect(sortItems(items, 'avg', 'desc', 'en').map((i) => i.key)).toEqual([1, null, 2]);
  });

  it('sorts labels as the language collates them, case aside', () => {
    expect(sortItems(items, 'label', 'asc', 'en').map((i) => i.label)).toEqual(['alpha', 'Beta', 'Gamma']);
  });

  it('does not change the given array', () => {
    const copy = [...items];
    sortItems(items, 'label', 'asc', 'en');
    expect(items).toEqual(copy);
  });
});
