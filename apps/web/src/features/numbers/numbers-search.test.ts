import { describe, expect, it } from 'vitest';
import { NumbersSearch, filterKey, filterOf, hasFilters } from './numbers-search';

describe('NumbersSearch: the dashboard drill-down filters', () => {
  it('keeps a day or an instant with its offset as status_changed_from, and a campaign id', () => {
    for (const from of ['2026-03-27', '2026-03-27T06:05:00.123Z', '2026-03-27T10:05:00+03:30']) {
      expect(NumbersSearch.parse({ status_changed_from: from }).status_changed_from).toBe(from);
    }
    expect(NumbersSearch.parse({ campaign_id: '7' }).campaign_id).toBe(7);
  });

  it('drops what the API would refuse', () => {
    for (const from of ['yesterday', '2026-13-45', '2026-03-27T10:05', '2026-03-27 10:05:00Z']) {
      expect(NumbersSearch.parse({ status_changed_from: from }).status_changed_from).toBeUndefined();
    }
    expect(NumbersSearch.parse({ campaign_id: '-1' }).campaign_id).toBeUndefined();
  });

  it('passes them to the API filter, counts them as filters and keys the selection by them', () => {
    const search = NumbersSearch.parse({ status: 'MISSED', campaign_id: '7', status_changed_from: '2026-03-27' });
    expect(filterOf(search)).toMatchObject({ status: 'MISSED', campaign_id: 7, status_changed_from: '2026-03-27' });
    expect(hasFilters(NumbersSearch.parse({ status_changed_from: '2026-03-27' }))).toBe(true);
    expect(hasFilters(NumbersSearch.parse({ campaign_id: '7' }))).toBe(true);
    expect(filterKey(filterOf(search), undefined)).not.toBe(filterKey(filterOf({ ...search, campaign_id: 8 }), undefined));
  });
});
