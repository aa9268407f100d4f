import type { VoiceServersService } from './voice-servers.service';

/** How often active voice servers are handshaken again. */
export const REVERIFY_INTERVAL_MS = 5 * 60_000;

/**
 * The background re-verification of the voice servers: every `intervalMs`, a handshake
 * with each active server, so one that died drops out of the pick by itself (a failure
 * is recorded at once) and one that came back returns to it.
 *
 * Beside the server in every process, like the statistics fold (stats-fold.ts); one pass
 * runs at a time across processes (an advisory lock in the repository: the others skip
 * that round). The timer does not keep the process alive, and close() stops it and cuts
 * the handshakes in flight short, so shutting down never waits for a slow server.
 */
export class VoiceReverifier {
  private timer: NodeJS.Timeout | undefined;
  private inFlight: Promise<unknown> | undefined;
  private readonly abort = new AbortController();
  private closed = false;

  constructor(
    private readonly servers: VoiceServersService,
    private readonly opts: { intervalMs: number } = { intervalMs: REVERIFY_INTERVAL_MS },
  ) {}

  /**
   * One pass now: how many servers were checked, or undefined when another process holds
   * the pass, this one is already in a pass, or it is closed.
   */
  async runOnce(): Promise<number | undefined> {
    if (this.closed || this.inFlight) return undefined;
    const pass = this.servers.reverifyActive(this.abort.signal);
    this.inFlight = pass.catch(() => undefined);
    try {
      return await pass;
    } finally {
      this.inFlight = undefined;
    }
  }

  /** Starts the periodic pass; `onError` hears a failed round (the next round tries again). */
  start(onError: (message: string, e: unknown) => void): void {
    if (this.timer || this.closed) return;
    const round = () => {
      void this.runOnce()
        .catch((e: unknown) => onError('voice-server re-verification failed; retrying in the next round', e))
        .finally(() => {
          if (!this.closed) this.timer = setTimeout(round, this.opts.intervalMs).unref();
        });
    };
    this.timer = setTimeout(round, this.opts.intervalMs).unref();
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.timer);
    this.abort.abort();
    await this.inFlight;
  }
}
