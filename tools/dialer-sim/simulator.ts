import { setMaxListeners } from 'node:events';
import { DialerClient, HttpError, retriable, sleep, type Report } from './dialer-client';

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
  /** next-batch calls that failed for a reason that passes (network, timeout, 5xx, 429): waited out and tried again. */
  unreachable: number;
  /** Numbers handed out but not reported when the grace period ended: they stay locked until the lease timeout. */
  unreported: number;
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
  /** Ends the run early, as if the duration were up (Ctrl+C). */
  signal?: AbortSignal;
  /**
   * After the duration (or the signal) no batch is leased; the calls of the batches in
   * hand still run and are reported for this long at most. Then every request and every
   * wait is cut short, so the run ends by duration + grace whatever the server does.
   */
  graceMs?: number;
  /** One HTTP request gives up after this long. */
  requestTimeoutMs?: number;
}

const MAX_TIMER_MS = 2 ** 31 - 1;

export function emptyStats(): SimStats {
  return {
    batches: 0,
    emptyBatches: 0,
    refusals: {},
    handedOut: 0,
    reports: 0,
    duplicates: 0,
    retries: 0,
    unreachable: 0,
    unreported: 0,
    errors: 0,
  };
}

/**
 * Runs `dialers` independent dialers until the time is up: each leases a batch,
 * "calls" every number on its channels, reports each outcome (retrying with the same
 * report_id through outages), honours retry_after_seconds when refused, backs off when
 * the pool is empty or the server unreachable. Numbers in hand when time is up are
 * called and reported within the grace period; the run never lasts longer than
 * duration + grace, reachable server or not.
 */
export async function simulate(o: SimOptions, stats: SimStats = emptyStats()): Promise<SimStats> {
  const stopLeasing = new AbortController();
  const hardStop = new AbortController();
  // Every request and wait of every channel listens to these two.
  setMaxListeners(0, stopLeasing.signal, hardStop.signal);
  const timers: NodeJS.Timeout[] = [];
  stopLeasing.signal.addEventListener('abort', () => timers.push(setTimeout(() => hardStop.abort(), o.graceMs ?? 10_000)), { once: true });
  if (o.durationMs <= MAX_TIMER_MS) timers.push(setTimeout(() => stopLeasing.abort(), o.durationMs));
  if (o.signal?.aborted) stopLeasing.abort();
  else o.signal?.addEventListener('abort', () => stopLeasing.abort(), { once: true });

  // A next-batch in flight at the deadline is let finish (within the grace): cut off, its
  // numbers would stay locked by a batch nobody knows.
  const client = new DialerClient(o.url, o.token, { signal: hardStop.signal, requestTimeoutMs: o.requestTimeoutMs });
  const replay = o.replayProbability ?? 0;
  const leasing = () => !stopLeasing.signal.aborted;
  /** Waits, but never past the end of leasing. */
  const pause = (ms: number) => sleep(ms, stopLeasing.signal);

  async function oneDialer(): Promise<void> {
    let backoff = 500;
    while (leasing()) {
      let res;
      try {
        res = await client.nextBatch(o.size, o.campaignId);
      } catch (e) {
        if (retriable(e)) stats.unreachable++;
        else stats.errors++;
        const hinted = e instanceof HttpError && e.retryAfterSeconds !== undefined ? e.retryAfterSeconds * 1000 : 0;
        await pause(Math.max(hinted, 1000));
        continue;
      }
      if (!res.call_allowed) {
        stats.refusals[res.reason] = (stats.refusals[res.reason] ?? 0) + 1;
        await pause(res.retry_after_seconds * 1000);
        continue;
      }
      stats.batches++;
      const { batch, active_agents: agents } = res;
      if (batch.numbers.length === 0) {
        stats.emptyBatches++;
        await pause(backoff);
        backoff = Math.min(backoff * 2, 10_000);
        continue;
      }
      backoff = 500;
      stats.handedOut += batch.numbers.length;
      for (const n of batch.numbers) o.onHandout?.(batch.batch_id, n.id, Date.now());
      const queue = [...batch.numbers];
      const channel = async () => {
        for (let n = queue.shift(); n; n = queue.shift()) {
          if (hardStop.signal.aborted) {
            stats.unreported++;
            continue;
          }
          const outcome = pickOutcome();
          await sleep((outcome.duration * 1000) / o.speed, hardStop.signal);
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
          let reported = false;
          try {
            const a = await client.report(report, { onRetry: () => stats.retries++ });
            reported = true;
            stats.reports++;
            if (a.duplicate) stats.duplicates++;
            o.onReport?.(report.report_id, a);
            if (Math.random() < replay) {
              const again = await client.report(report, { onRetry: () => stats.retries++ });
              if (again.duplicate) stats.duplicates++;
              o.onReport?.(report.report_id, again);
            }
          } catch {
            if (hardStop.signal.aborted && !reported) stats.unreported++;
            else stats.errors++;
          }
        }
      };
      await Promise.all(Array.from({ length: Math.max(1, o.channels) }, channel));
    }
  }

  try {
    await Promise.all(Array.from({ length: o.dialers }, oneDialer));
  } finally {
    for (const t of timers) clearTimeout(t);
  }
  return stats;
}
