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
