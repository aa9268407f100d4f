import { EventEmitter } from 'node:events';
import pg from 'pg';
import type { Db } from '../../db/client';
import { RESULTS_CHANNEL, ResultsSignalRepository } from './results-signal.repository';
/** A process sends at most one NOTIFY per company per this long: one per report would serialise the commits. */
export const NOTIFY_THROTTLE_MS = 250;
const RECONNECT_MIN_MS = 250;
const RECONNECT_MAX_MS = 10_000;

/** `companyId`, or null: anything may have changed (the signal was lost for a while). */
export type ResultsListener = (companyId: number | null) => void;

/**
 * "New dialer results were committed for company N", from any process serving the same
 * database. On a PostgreSQL server it travels by NOTIFY/LISTEN; on PGlite (one process)
 * it stays in the process.
 */
export interface ResultsSignal {
  /** Call after the results are committed. Never throws, never waits. */
  resultsArrived(companyId: number): void;
  subscribe(listener: ResultsListener): () => void;
  /**
   * Starts listening (a no-op in-process); resolves once signals from other processes arrive,
   * or after a failed first try (it retries on its own). `onError` hears what went wrong.
   */
  start(onError?: (message: string, e: unknown) => void): Promise<void>;
  close(): Promise<void>;
}

export class InProcessResultsSignal implements ResultsSignal {
  private readonly events = new EventEmitter().setMaxListeners(0);

  resultsArrived(companyId: number): void {
    this.events.emit('results', companyId);
  }

  /** Every company may have new results (a lost signal came back). */
  everythingChanged(): void {
    this.events.emit('results', null);
  }

  subscribe(listener: ResultsListener): () => void {
    this.events.on('results', listener);
    return () => this.events.off('results', listener);
  }

  async start(): Promise<void> {}

  async close(): Promise<void> {
    this.events.removeAllListeners();
  }
}

export class PgResultsSignal implements ResultsSignal {
  private readonly local = new InProcessResultsSignal();
  private readonly lastSent = new Map<number, number>();
  private readonly pending = new Map<number, NodeJS.Timeout>();
  private client: pg.Client | undefined;
  private retry: NodeJS.Timeout | undefined;
  private backoff = RECONNECT_MIN_MS;
  private closed = false;
  private started: Promise<void> | undefined;
  private connectedOnce = false;
  private onError: (message: string, e: unknown) => void = () => undefined;
  private readonly repo: ResultsSignalRepository;

  /** `url`: for the LISTEN connection, one per process outside the pool. */
  constructor(
    db: Db,
    private readonly url: string,
  ) {
    this.repo = new ResultsSignalRepository(db);
  }

  resultsArrived(companyId: number): void {
    if (this.closed || this.pending.has(companyId)) return;
    const wait = (this.lastSent.get(companyId) ?? -Infinity) + NOTIFY_THROTTLE_MS - Date.now();
    if (wait <= 0) return this.notify(companyId);
    const t = setTimeout(() => {
      this.pending.delete(companyId);
      this.notify(companyId);
    }, wait);
    t.unref();
    this.pending.set(companyId, t);
  }

  private notify(companyId: number) {
    this.lastSent.set(companyId, Date.now());
    this.repo.notify(companyId).catch((e: unknown) => this.onError('could not announce new results', e));
  }

  subscribe(listener: ResultsListener): () => void {
    return this.local.subscribe(listener);
  }

  start(onError?: (message: string, e: unknown) => void): Promise<void> {
    if (onError) this.onError = onError;
    this.started ??= this.connect();
    return this.started;
  }

  private async connect(): Promise<void> {
    if (this.closed) return;
    const client = new pg.Client({ connectionString: this.url, keepAlive: true, keepAliveInitialDelayMillis: 10_000 });
    this.client = client;
    let lost = false;
    const onLost = (e?: unknown) => {
      if (lost) return;
      lost = true;
      if (this.client === client) this.client = undefined;
      client.removeAllListeners('notification');
      client.end().catch(() => undefined);
      if (this.closed) return;
      if (e) this.onError('the results LISTEN connection failed; reconnecting', e);
      this.scheduleReconnect();
    };
    // A dropped connection (server restart, pg_terminate_backend) must never crash the process.
    client.on('error', onLost);
    client.on('end', () => onLost());
    client.on('notification', (msg) => {
      if (msg.channel !== RESULTS_CHANNEL) return;
      const id = Number(msg.payload);
      if (Number.isInteger(id) && id > 0) this.local.resultsArrived(id);
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${RESULTS_CHANNEL}`);
    } catch (e) {
      onLost(e);
      return;
    }
    if (this.closed) {
      await client.end().catch(() => undefined);
      return;
    }
    this.backoff = RECONNECT_MIN_MS;
    // Results committed while no one listened were missed: every stream refreshes.
    if (this.connectedOnce) this.local.everythingChanged();
    this.connectedOnce = true;
  }

  private scheduleReconnect() {
    if (this.retry || this.closed) return;
    const delay = this.backoff;
    this.backoff = Math.min(this.backoff * 2, RECONNECT_MAX_MS);
    this.retry = setTimeout(() => {
      this.retry = undefined;
      void this.connect();
    }, delay);
    this.retry.unref();
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.retry) clearTimeout(this.retry);
    for (const t of this.pending.values()) clearTimeout(t);
    this.pending.clear();
    const c = this.client;
    this.client = undefined;
    if (c) {
      c.removeAllListeners('notification');
      await c.end().catch(() => undefined);
    }
    await this.local.close();
  }
}

/** The signal for the engine: NOTIFY/LISTEN on a server (`url` given), in-process on PGlite. */
export function resultsSignalFor(db: Db, url: string | undefined): ResultsSignal {
  return url ? new PgResultsSignal(db, url) : new InProcessResultsSignal();
}
