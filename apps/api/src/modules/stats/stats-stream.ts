import type { AttemptsSummaryResponse, StatsStreamEvent } from '@dialdeck/contracts/stats';
import type { CompanyRow } from '../../db/schema/database';
import type { ResultsSignal } from './results-signal';

/** A company's streams get at most one `stats` event per this long while results arrive. */
export const STATS_EVENT_INTERVAL_MS = 1_000;

export type StatsSubscriber = (event: StatsStreamEvent) => void;

interface CompanyStreams {
  company: CompanyRow;
  subscribers: Set<StatsSubscriber>;
  lastEmit: number;
  timer: NodeJS.Timeout | undefined;
  /** The emission being computed; results arriving meanwhile schedule the next one. */
  computing: boolean;
  dirty: boolean;
}

/**
 * The open statistics streams of this process, by company. When results arrive for a
 * company, its figures are computed ONCE and the same event goes to each of its streams,
 * at most once per STATS_EVENT_INTERVAL_MS (the first at once, later ones trailing).
 */
export class StatsStreamHub {
  private readonly companies = new Map<number, CompanyStreams>();
  private unsubscribe: (() => void) | undefined;

  constructor(
    private readonly signal: ResultsSignal,
    private readonly attemptsToday: (company: CompanyRow) => Promise<AttemptsSummaryResponse>,
    private readonly onError: (e: unknown) => void = () => undefined,
    private readonly now: () => number = Date.now,
  ) {}

  /** Computations under way, by company: streams opening meanwhile share them. */
  private readonly inflight = new Map<number, Promise<StatsStreamEvent>>();

  /** The event a stream sends when it opens (shared with any computation of the company under way). */
  snapshot(company: CompanyRow): Promise<StatsStreamEvent> {
    return this.inflight.get(company.id) ?? this.compute(company);
  }

  private compute(company: CompanyRow): Promise<StatsStreamEvent> {
    const p = this.attemptsToday(company).then((attempts_today) => ({ attempts_today }));
    this.inflight.set(company.id, p);
    const done = () => {
      if (this.inflight.get(company.id) === p) this.inflight.delete(company.id);
    };
    p.then(done, done);
    return p;
  }

  /** Adds a stream of `company`; the answer removes it. */
  subscribe(company: CompanyRow, subscriber: StatsSubscriber): () => void {
    const companyId = company.id;
    this.unsubscribe ??= this.signal.subscribe((id) => {
      if (id === null) for (const c of this.companies.keys()) this.changed(c);
      else this.changed(id);
    });
    let c = this.companies.get(companyId);
    if (!c) {
      c = { company, subscribers: new Set(), lastEmit: -Infinity, timer: undefined, computing: false, dirty: false };
      this.companies.set(companyId, c);
    }
    c.company = company; // the freshest row read
    c.subscribers.add(subscriber);
    return () => {
      const cur = this.companies.get(companyId);
      if (!cur) return;
      cur.subscribers.delete(subscriber);
      if (cur.subscribers.size === 0) {
        if (cur.timer) clearTimeout(cur.timer);
        this.companies.delete(companyId);
      }
    };
  }

  /** How many streams are open (all companies). */
  get size(): number {
    let n = 0;
    for (const c of this.companies.values()) n += c.subscribers.size;
    return n;
  }

  private changed(companyId: number) {
    const c = this.companies.get(companyId);
    if (!c) return; // nobody watches this company in this process
    if (c.computing) {
      c.dirty = true;
      return;
    }
    if (c.timer) return;
    const wait = Math.max(0, c.lastEmit + STATS_EVENT_INTERVAL_MS - this.now());
    c.timer = setTimeout(() => void this.emit(companyId, c), wait);
    c.timer.unref?.();
  }

  private async emit(companyId: number, c: CompanyStreams) {
    c.timer = undefined;
    c.lastEmit = this.now();
    c.computing = true;
    c.dirty = false;
    try {
      // Always a fresh computation: one under way may have started before these results.
      const event = await this.compute(c.company);
      for (const s of c.subscribers) s(event);
    } catch (e) {
      this.onError(e);
    } finally {
      c.computing = false;
    }
    if (c.dirty && this.companies.get(companyId) === c) this.changed(companyId);
  }

  close() {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    for (const c of this.companies.values()) if (c.timer) clearTimeout(c.timer);
    this.companies.clear();
  }
}
