import { describe, expect, it } from 'vitest';
import { numbersDrill, statusChangedFrom } from './drill-down';

describe('statusChangedFrom', () => {
  it('is nothing for all', () => {
    expect(statusChangedFrom('all', '2026-03-27T10:00:00.000+03:00')).toBeUndefined();
  });

  it('is the company-local calendar day of as_of for today, whatever the offset', () => {
    expect(statusChangedFrom('today', '2026-03-27T00:30:00.000+03:00')).toBe('2026-03-27');
    // Tehran, just after local midnight: UTC is still the day before.
    expect(statusChangedFrom('today', '2026-01-01T00:10:00.000+03:30')).toBe('2026-01-01');
    expect(statusChangedFrom('today', '2025-12-31T23:59:59.999-05:00')).toBe('2025-12-31');
  });

  it('rolls back from as_of to the millisecond for rolling timeframes', () => {
    const asOf = '2026-03-27T10:05:00.123+03:00';
    expect(statusChangedFrom('1h', asOf)).toBe('2026-03-27T06:05:00.123Z');
    expect(statusChangedFrom('3h', asOf)).toBe('2026-03-27T04:05:00.123Z');
    // Across Jerusalem's spring-forward night: a rolling span is elapsed time, not wall time.
    expect(statusChangedFrom('7d', asOf)).toBe('2026-03-20T07:05:00.123Z');
    expect(statusChangedFrom('30d', asOf)).toBe('2026-02-25T07:05:00.123Z');
  });

  it('is nothing for an unreadable as_of', () => {
    expect(statusChangedFrom('1h', 'soon')).toBeUndefined();
    expect(statusChangedFrom('today', 'soon')).toBeUndefined();
  });
});

describe('numbersDrill', () => {
  it('carries only the filters the figure has', () => {
    expect(numbersDrill('all', '2026-03-27T10:05:00.000+03:00', {})).toEqual({});
    expect(numbersDrill('today', '2026-03-27T10:05:00.000+03:00', { status: 'MISSED', campaignId: 7, company: 'beta' })).toEqual({
      status: 'MISSED',
      campaign_id: 7,
      status_changed_from: '2026-03-27',
      company: 'beta',
    });
  });
});
