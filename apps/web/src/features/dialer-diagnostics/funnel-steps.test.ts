import { describe, expect, it } from 'vitest';
import { EXCLUSION_ORDER } from '@dialdeck/contracts/dialer';
import { funnelSteps } from './funnel-steps';

describe('diagnostics funnel', () => {
  it('draws a waterfall when the steps add up to the pool', () => {
    const { steps, additive } = funnelSteps({
      total: 100,
      globally_blocked: 10,
      cooling_down: 20,
      called_by_company: 30,
      locked: 5,
      outside_campaign: 0,
      available: 35,
    });
    expect(additive).toBe(true);
    const cooling = steps.find((s) => s.key === 'cooling_down')!;
    // blocked 10, called 30, outside 0, then cooling: 60 → 40.
    expect(cooling).toMatchObject({ count: 20, share: 0.2, from: 0.4, to: 0.6, remaining: 0.4 });
    expect(steps.at(-1)).toMatchObject({ key: 'available', share: 0.35, from: 0, to: 0.35 });
  });

  it('shows each share on its own when they do not add up, and copes with an empty pool', () => {
    const { steps, additive } = funnelSteps({
      total: 10,
      globally_blocked: 8,
      cooling_down: 8,
      called_by_company: 0,
      locked: 0,
      outside_campaign: 0,
      available: 2,
    });
    expect(additive).toBe(false);
    expect(steps.find((s) => s.key === 'cooling_down')).toMatchObject({ from: 0, to: 0.8 });
    const empty = funnelSteps({
      total: 0,
      globally_blocked: 0,
      cooling_down: 0,
      called_by_company: 0,
      locked: 0,
      outside_campaign: 0,
      available: 0,
    });
    expect(empty.steps.every((s) => s.share === 0)).toBe(true);
  });

  it('follows the one order of the contracts: a number the company called is counted before any cooldown', () => {
    const { steps } = funnelSteps({
      total: 3,
      globally_blocked: 0,
      called_by_company: 2,
      outside_campaign: 0,
      cooling_down: 1,
      locked: 0,
      available: 0,
    });
    expect(steps.map((s) => s.key)).toEqual(['total', ...EXCLUSION_ORDER, 'available']);
    expect(steps.map((s) => s.key).indexOf('called_by_company')).toBeLessThan(steps.map((s) => s.key).indexOf('cooling_down'));
    // The waterfall: called_by_company cuts the pool first (3 → 1), cooling down then takes the last one.
    expect(steps.find((s) => s.key === 'called_by_company')).toMatchObject({ from: 1 / 3, to: 1 });
    expect(steps.find((s) => s.key === 'cooling_down')).toMatchObject({ from: 0, to: 1 / 3 });
  });
});
