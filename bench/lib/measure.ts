import { readFileSync } from 'node:fs';

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i]!;
}

export interface Timing {
  runs: number;
  median: number;
  p95: number;
  min: number;
  max: number;
}

/** Runs `fn` `warmup` times unmeasured, then `runs` times; milliseconds. */
export async function time(fn: () => Promise<unknown>, runs: number, warmup = 3): Promise<Timing> {
  for (let i = 0; i < warmup; i++) await fn();
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    ms.push(performance.now() - t0);
  }
  ms.sort((a, b) => a - b);
  return { runs, median: percentile(ms, 50), p95: percentile(ms, 95), min: ms[0]!, max: ms[ms.length - 1]! };
}

/** Peak resident memory of a process, sampled every 25 ms between start() and stop(). */
export function rssSampler(pid: number) {
  let peak = 0;
  let timer: NodeJS.Timeout | undefined;
  const read = () => {
    try {
      const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
      if (m) peak = Math.max(peak, Number(m[1]) * 1024);
    } catch {
      /* process gone */
    }
  };
  return {
    start() {
      peak = 0;
      read();
      timer = setInterval(read, 25);
    },
    stop(): number {
      if (timer) clearInterval(timer);
      read();
      return peak;
    },
    now(): number {
      read();
      return peak;
    },
  };
}

export const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
export const ms = (v: number) => (v >= 100 ? `${v.toFixed(0)} ms` : `${v.toFixed(1)} ms`);

export interface LatencyProbe {
  /** Stops probing; answers the latencies seen (ms, sorted) and how many requests failed. */
  stop(): Promise<{ count: number; failed: number; p50: number; p99: number; max: number }>;
}

/**
 * Requests `url` one after another (a pause of `gapMs` between them) until stopped: the
 * latency another tenant sees while the server is busy. Bounded by `maxRequests`.
 */
export function latencyProbe(url: string, gapMs = 20, maxRequests = 100_000): LatencyProbe {
  const latencies: number[] = [];
  let failed = 0;
  let stopped = false;
  const loop = (async () => {
    while (!stopped && latencies.length + failed < maxRequests) {
      const t0 = performance.now();
      try {
        const r = await fetch(url);
        await r.arrayBuffer();
        if (r.ok) latencies.push(performance.now() - t0);
        else failed++;
      } catch {
        failed++;
      }
      await new Promise((r) => setTimeout(r, gapMs));
    }
  })();
  return {
    async stop() {
      stopped = true;
      await loop;
      const sorted = [...latencies].sort((a, b) => a - b);
      return {
        count: sorted.length,
        failed,
        p50: percentile(sorted, 50),
        p99: percentile(sorted, 99),
        max: sorted[sorted.length - 1] ?? NaN,
      };
    },
  };
}
