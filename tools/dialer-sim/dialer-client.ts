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
  ) {
    super(`HTTP ${status}: ${body.slice(0, 300)}`);
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export class DialerClient {
  constructor(
    private readonly baseUrl: string,
    private readonly token: string,
  ) {}

  private async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const res = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${this.token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
      signal: AbortSignal.timeout(30_000),
    });
    const text = await res.text();
    if (!res.ok) throw new HttpError(res.status, text);
    return JSON.parse(text) as T;
  }

  nextBatch(size: number, campaignId?: number): Promise<NextBatch> {
    return this.call('GET', `/api/dialer/next-batch?size=${size}${campaignId ? `&campaign_id=${campaignId}` : ''}`);
  }

  /**
   * Reports an outcome; network failures and 5xx answers are retried with the same
   * report_id (so the server records it once), 4xx answers are not.
   */
  async report(r: Report, opts: { attempts?: number; onRetry?: () => void } = {}): Promise<ReportAnswer> {
    const attempts = opts.attempts ?? 6;
    for (let i = 1; ; i++) {
      try {
        return await this.call<ReportAnswer>('POST', '/api/dialer/report-result', r);
      } catch (e) {
        const retriable = !(e instanceof HttpError) || e.status >= 500 || e.status === 429;
        if (!retriable || i >= attempts) throw e;
        opts.onRetry?.();
        await sleep(Math.min(5000, 100 * 2 ** i) * (0.5 + Math.random()));
      }
    }
  }

  reportMany(results: Report[]): Promise<{ items: ReportAnswer[] }> {
    return this.call('POST', '/api/dialer/report-results', { results });
  }
}
