import type { LineRef } from '@dialdeck/contracts/lines';

/**
 * The rules of outbound lines (caller IDs), in one place:
 *
 * - Ownership (enforced by LinesService, kept true under concurrency by the constraints
 *   of migration 0022): a line's phone is unique across the whole system; its owner is
 *   a user of the same company; its assigned agent is an active AGENT of the same
 *   company, and an agent has at most one line.
 * - Eligibility: rotation hands out the company's lines that are active and not resting
 *   (`isEligible`). The dispatch reads eligible lines in SQL (lines.repository.ts
 *   `rotation`), which repeats this rule and says so.
 * - Rotation: every dispatched number takes the company's next draw (one counter per
 *   company, migration 0022), and draw mod (number of eligible lines, ordered by id)
 *   picks its line (`lineForDraw`): a round robin across batches and processes, so
 *   the line used least recently is always the next one and over any run of draws no
 *   line gets more than one call above its share.
 * - Health and resting: connect rate = connected / calls (`connectRate`, the same
 *   "connected" as every statistic, dialdeck_is_connected); with the company's
 *   `line_rest_below_connect_rate` on, a line whose rate over its last
 *   `line_rest_window_calls` calls (counted since its last rest) falls below it rests
 *   for `line_rest_hours` (`restVerdict`).
 */

export interface EligibilityFields {
  is_active: boolean;
  resting_until: Date | null;
}

export function isEligible(line: EligibilityFields, now: Date): boolean {
  return line.is_active && (line.resting_until === null || line.resting_until.getTime() <= now.getTime());
}

/** The line of draw `draw` (0, 1, 2, …) over the eligible lines, ordered by id. */
export function lineForDraw<L extends LineRef>(lines: readonly L[], draw: number): L {
  if (lines.length === 0) throw new Error('lineForDraw: no eligible line');
  return lines[((draw % lines.length) + lines.length) % lines.length]!;
}

/** Connected calls over calls, 0..1; null without calls. */
export function connectRate(calls: number, connected: number): number | null {
  return calls > 0 ? connected / calls : null;
}

export interface RestSettings {
  line_rest_below_connect_rate: number | null;
  line_rest_hours: number;
  line_rest_window_calls: number;
}

/**
 * Whether a line rests now, given its last calls (at most the window, since its last
 * rest): only with the setting on and a full window, when the rate is below the bar.
 */
export function restVerdict(
  recent: { calls: number; connected: number },
  settings: RestSettings,
  now: Date,
): { until: Date; reason: string } | null {
  const below = settings.line_rest_below_connect_rate;
  if (below === null || recent.calls < settings.line_rest_window_calls) return null;
  const rate = connectRate(recent.calls, recent.connected)!;
  if (rate >= below) return null;
  const pct = (x: number) => `${Math.round(x * 1000) / 10}%`;
  return {
    until: new Date(now.getTime() + settings.line_rest_hours * 3600_000),
    reason: `connect rate ${pct(rate)} over the last ${recent.calls} calls is below ${pct(below)}`,
  };
}
