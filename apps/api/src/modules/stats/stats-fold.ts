import type { StatsFoldRepository } from './stats-fold.repository';

/** How often the job looks at the inbox, and how many rows of each inbox one transaction moves. */
export const FOLD_INTERVAL_MS = 1_000;
export const FOLD_BATCH = 5_000;

/**
 * The statistics fold job (migration 0019). A report appends its result to an inbox
 * instead of updating ~30 counter rows in its own transaction; this job moves inbox rows
 * into the counters in batches. Figures never wait for it: a read adds the rows still in
 * the inbox (stats.repository.ts), so they are exact even when the job is behind or
 * stopped; it only keeps the inbox short, so reads stay fast.
 *
 * Safe with several server processes on one database: one fold runs at a time (an
 * advisory lock in the SQL function; the others find it taken and wait for their next
 * turn), and a batch is one transaction, so a process killed mid-fold loses nothing.
 * close() (SIGTERM) stops the timer and waits for the batch in flight.
 */
export class StatsFolder {
  private timer: NodeJS.Timeout | undefined;
  private inFlight: Promise<unknown> | undefined;
  private closed = false;

  constructor(
    private readonly repo: StatsFoldRepository,
    private readonly opts: { intervalMs: number; batch: number } = { intervalMs: FOLD_INTERVAL_MS, batch: FOLD_BATCH },
  ) {}

  /** Folds until the inbox is empty (or another process holds the fold, or close() was called); returns the rows moved. */
  async foldAll(): Promise<number> {
    let total = 0;
    while (!this.closed) {
      const moved = await this.repo.fold(this.opts.batch);
      total += moved;
      if (moved < this.opts.batch) break;
    }
    return total;
  }

  /** Starts the periodic fold; `onError` hears a failed round (the next round tries again). */
  start(onError: (message: string, e: unknown) => void): void {
    if (this.timer || this.closed) return;
    const round = () => {
      this.inFlight = this.foldAll()
        .catch((e: unknown) => onError('statistics fold failed; retrying in the next round', e))
        .finally(() => {
          this.inFlight = undefined;
          if (!this.closed) this.timer = setTimeout(round, this.opts.intervalMs).unref();
        });
    };
    this.timer = setTimeout(round, this.opts.intervalMs).unref();
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.timer);
    await this.inFlight;
  }
}
