import { EXCLUSION_ORDER, type DiagnosticsResponse, type Exclusion } from '@dialdeck/contracts/dialer';

export const EXCLUSION_KEYS = EXCLUSION_ORDER;
export type ExclusionKey = Exclusion;
export type StepKey = 'total' | ExclusionKey | 'available';

export interface FunnelStep {
  key: StepKey;
  count: number;
  /** Share of the pool, 0…1. */
  share: number;
  /** Where the bar starts and ends on a 0…1 track: a waterfall when the steps add up. */
  from: number;
  to: number;
  /** For exclusion steps: what is still in after this step (0…1), drawn before the removed part. */
  remaining?: number;
}

/**
 * The diagnostics counts as a funnel from the pool to what is available. When the
 * exclusions and the available numbers add up to the total (each number counted at
 * the first step that removes it), each step's bar sits where it cuts the funnel;
 * otherwise each bar simply shows its own share.
 */
export function funnelSteps(d: Pick<DiagnosticsResponse, 'total' | ExclusionKey | 'available'>): {
  steps: FunnelStep[];
  additive: boolean;
} {
  const total = Math.max(0, d.total);
  const share = (n: number) => (total > 0 ? Math.min(1, Math.max(0, n / total)) : 0);
  const excluded = EXCLUSION_KEYS.reduce((sum, key) => sum + d[key], 0);
  const additive = total > 0 && excluded + d.available === total;

  const steps: FunnelStep[] = [{ key: 'total', count: total, share: total > 0 ? 1 : 0, from: 0, to: total > 0 ? 1 : 0 }];
  let left = total;
  for (const key of EXCLUSION_KEYS) {
    const count = d[key];
    if (additive) {
      const after = left - count;
      steps.push({ key, count, share: share(count), from: share(after), to: share(left), remaining: share(after) });
      left = after;
    } else {
      steps.push({ key, count, share: share(count), from: 0, to: share(count) });
    }
  }
  steps.push({ key: 'available', count: d.available, share: share(d.available), from: 0, to: share(d.available) });
  return { steps, additive };
}
