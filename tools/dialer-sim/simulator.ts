import { DialerClient, type Report } from './dialer-client';

/** A realistic outbound mix (percent) with typical talk times in seconds. */
export const OUTCOMES: Array<{ status: string; weight: number; seconds: [number, number] }> = [
  { status: 'MISSED', weight: 35, seconds: [20, 40] },
  { status: 'CONNECTED', weight: 25, seconds: [30, 300] },
  { status: 'BUSY', weight: 12, seconds: [2, 8] },
  { status: 'NOT_INTERESTED', weight: 8, seconds: [10, 60] },
  { status: 'HANGUP', weight: 6, seconds: [3, 20] },
  { status: 'FAILED', weight: 4, seconds: [1, 5] },
  { status: 'DISCONNECTED', weight: 4, seconds: [5, 60] },
  { status: 'POWER_OFF', weight: 2, seconds: [2, 6] },
  { status: 'UNKNOWN', weight: 2, seconds: [1, 10] },
  { status: 'BANNED', weight: 1, seconds: [1, 3] },
  { status: 'COMPLAINED', weight: 1, seconds: [10, 60] },
];
const TOTAL_WEIGHT = OUTCOMES.reduce((s, o) => s + o.weight, 0);

export function pickOutcome(rand = Math.random): { status: string; duration: number } {
  let x = rand() * TOTAL_WEIGHT;
  for (const o of OUTCOMES) {
    x -= o.weight;
    if (x < 0) return { status: o.status, duration: Math.round(o.seconds[0] + rand() * (o.seconds[1] - o.seconds[0])) };
  }
  return { status: 'MISSED', duration: 30 };
}

export interface SimStats {
  batches: number;
  emptyBatches: number;
  refusals: Record<string, number>;
  handedOut: number;
  reports: number;
  duplicates: number;
  retries: number;
  errors: number;
}

export interface SimOptions {
  url: string;
  token: string;
  dialers: number;
  durationMs: number;
  size: number;
  campaignId?: number;
  /** Simulated call time is divided by this (1 = real time). */
  speed: number;
  /** Calls a dialer places at once (its channels). */
  channels: number;
  /** Every handed-out number with its batch, for checks (off by default). */
  onHandout?: (batchId: string, numberId: number, at: number) => void;
  onReport?: (reportId: string, answer: { call_result_id: number; duplicate: boolean }) => void;
  /** Probability of sending a report twice (as after a lost answer). */
  replayProbability?: number;
  signal?: AbortSignal;
}

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve) => {
    if (signal?.aborted) return resolve();
    const onAbort = () => {
      clearTimeout(timer);
      resolve();
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });

export function emptyStats(): SimStats {
  return { batches: 0, emptyBatches: 0, refusals: {}, handedOut: 0, reports: 0, duplicates: 0, retries: 0, errors: 0 };
}

/**
 * Runs `dialers` independent dialers until the time is up: each leases a batch,
 * "calls" every number on its channels, reports each outcome (retrying with the same
 * report_id), honours retry_after_seconds when refused, and backs off when the pool
 * is empty. Numbers still unreported when time is up are reported before returning.
 */
export async function simulate(o: SimOptions, stats: SimStats = emptyStats()): Promise<SimStats> {
  const client = new DialerClient(o.url, o.token);
  const until = Date.now() + o.durationMs;
  const replay = o.replayProbability ?? 0;

  async function oneDialer(): Promise<void> {
    let backoff = 500;
    while (Date.now() < until && !o.signal?.aborted) {
      let res;
      try {
        res = await client.nextBatch(o.size, o.campaignId);
      } catch {
        stats.errors++;
        await sleep(1000, o.signal);
        continue;
      }
      if (!res.call_allowed) {
        stats.refusals[res.reason] = (stats.refusals[res.reason] ?? 0) + 1;
        await sleep(Math.min(res.retry_after_seconds * 1000, Math.max(0, until - Date.now())), o.signal);
        continue;
      }
      stats.batches++;
      const { batch, active_agents: agents } = res;
      if (batch.numbers.length === 0) {
        stats.emptyBatches++;
        await sleep(Math.min(backoff, Math.max(0, until - Date.now())), o.signal);
        backoff = Math.min(backoff * 2, 10_000);
        continue;
      }
      backoff = 500;
      stats.handedOut += batch.numbers.length;
      for (const n of batch.numbers) o.onHandout?.(batch.batch_id, n.id, Date.now());
      const queue = [...batch.numbers];
      const channel = async () => {
        for (let n = queue.shift(); n; n = queue.shift()) {
          const outcome = pickOutcome();
          await sleep((outcome.duration * 1000) / o.speed, o.signal);
          const agent = outcome.status === 'CONNECTED' && agents.length ? agents[Math.floor(Math.random() * agents.length)]! : null;
          const report: Report = {
            number_id: n.id,
            status: outcome.status,
            attempted_at: new Date().toISOString(),
            duration_seconds: outcome.duration,
            agent_id: agent?.id ?? null,
            call_sid: `sim-${batch.batch_id.slice(0, 8)}-${n.id}`,
            report_id: `${batch.batch_id}:${n.id}`,
          };
          try {
            const a = await client.report(report, { onRetry: () => stats.retries++ });
            stats.reports++;
            if (a.duplicate) stats.duplicates++;
            o.onReport?.(report.report_id, a);
            if (Math.random() < replay) {
              const again = await client.report(report, { onRetry: () => stats.retries++ });
              if (again.duplicate) stats.duplicates++;
              o.onReport?.(report.report_id, again);
            }
          } catch {
            stats.errors++;
          }
        }
      };
      await Promise.all(Array.from({ length: Math.max(1, o.channels) }, channel));
    }
  }

  await Promise.all(Array.from({ length: o.dialers }, oneDialer));
  return stats;
}
