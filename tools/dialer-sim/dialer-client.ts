// A small HTTP client for the dialer API, with the retry rules a real dialer needs.

export interface Batch {
  batch_id: string;
  size_requested: number;
  size_returned: number;
  numbers: Array<{ id: number; phone_number: string }>;
}
export type NextBatch =
  | {
      call_allowed: true;
      schedule_version: number;
      active_agents: Array<{ id: number; full_name: string; phone_number: string | null }>;
      batch: Batch;
    }
  | { call_allowed: false; schedule_version: number; reason: string; retry_after_seconds: number };

export interface Report {
  number_id: number;
  status: string;
  reason?: string;
  attempted_at: string;
  agent_id?: number | null;
  duration_seconds?: number;
  user_message?: string | null;
  call_sid?: string;
  report_id: string;
  call_allowed?: boolean | null;
}
export interface ReportAnswer {
  call_result_id: number;
  number_id: number;
  duplicate: boolean;
}

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: string,
    /** The server's Retry-After, in seconds, when it sent one. */
    readonly retryAfterSeconds?: number,
  ) {
    super(`HTTP ${status}: ${body.slice(0, 300)}`);
  }
}

/** Network failures, timeouts, 5xx and 429 may succeed later; any other 4xx will not. */
export const retriable = (e: unknown) => !(e instanceof HttpError) || e.status >= 500 || e.status === 429;

/** Resolves after `ms`, or at once when `signal` aborts. */
export const sleep = (ms: number, signal?: AbortSignal) =>
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

export interface DialerClientOptions {
  /** Every request and every retry ends when this aborts (the dialer's deadline). */
  signal?: AbortSignal;
  /** One request gives up after this long (the server may hang, not only refuse). */
  requestTimeoutMs?: number;
}

export class DialerClient {
  constructor(
    private readonly baseUrl: string,
    private readonly token: string,
    private readonly opts: DialerClientOptions = {},
  ) {}

  private async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const timeout = AbortSignal.timeout(this.opts.requestTimeoutMs ?? 30_000);
    const res = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${this.token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
      signal: this.opts.signal ? AbortSignal.any([this.opts.signal, timeout]) : timeout,
    });
    const text = await res.text();
    if (!res.ok) {
      const after = Number(res.headers.get('retry-after'));
      throw new HttpError(res.status, text, Number.isFinite(after) && after >= 0 ? after : undefined);
    }
    return JSON.parse(text) as T;
  }

  nextBatch(size: number, campaignId?: number): Promise<NextBatch> {
    return this.call('GET', `/api/dialer/next-batch?size=${size}${campaignId ? `&campaign_id=${campaignId}` : ''}`);
  }

  /**
   * Reports an outcome; network failures, 5xx and 429 answers are retried with the same
   * report_id (so the server records it once), 4xx answers are not. By default it keeps
   * trying until the client's signal aborts: a dialer that is alive reports every number
   * it was handed, so none stays locked after a database restart or a server outage.
   * The wait between tries honours Retry-After and is cut short by the signal.
   */
  async report(r: Report, opts: { attempts?: number; onRetry?: () => void } = {}): Promise<ReportAnswer> {
    const attempts = opts.attempts ?? Infinity;
    for (let i = 1; ; i++) {
      try {
        return await this.call<ReportAnswer>('POST', '/api/dialer/report-result', r);
      } catch (e) {
        if (!retriable(e) || i >= attempts || this.opts.signal?.aborted) throw e;
        opts.onRetry?.();
        const hinted = e instanceof HttpError && e.retryAfterSeconds !== undefined ? e.retryAfterSeconds * 1000 : 0;
        await sleep(Math.max(hinted, Math.min(2000, 100 * 2 ** i) * (0.5 + Math.random())), this.opts.signal);
      }
    }
  }

  reportMany(results: Report[]): Promise<{ items: ReportAnswer[] }> {
    return this.call('POST', '/api/dialer/report-results', { results });
  }
}
