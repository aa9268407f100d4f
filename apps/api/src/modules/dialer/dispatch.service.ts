import { randomUUID } from 'node:crypto';
import type { NextBatchResponse } from '@dialdeck/contracts/dialer';
import type { CompanyRow } from '../../db/schema/database';
import { AppError } from '../../lib/errors';
import { toZonedIso, type Clock } from '../../lib/time';
import type { CampaignsRepository } from '../campaigns/campaigns.repository';
import { effectiveSettings } from '../companies/company-defaults';
import { classify, LANES, RETRY_CONTENDED_MS, type Candidate } from './dispatch-rules';
import type { DispatchRepository } from './dispatch.repository';
import type { ScheduleGate } from './schedule-gate';

/** At most this many numbers are walked past in one call, so a drained pool cannot make one call slow. */
const MAX_WALK_PER_CALL = 20_000;
const DAY_MS = 86_400_000;
const STALE_SWEEP_EVERY_MS = 5_000;

class NoLanes extends Error {}

export class DispatchService {
  constructor(
    private readonly repo: DispatchRepository,
    private readonly campaigns: CampaignsRepository,
    private readonly schedule: ScheduleGate,
    private readonly clock: Clock,
  ) {}

  private cooldownMs(company: CompanyRow): number {
    return effectiveSettings(company.settings, company.locale).cooldown_days * DAY_MS;
  }

  private async checkCampaign(company: CompanyRow, campaignId: number | undefined) {
    if (campaignId !== undefined && !(await this.campaigns.exists(company.id, campaignId))) {
      throw new AppError('NOT_FOUND', 'Campaign not found.', { fields: { campaign_id: 'no such campaign' } });
    }
  }

  async nextBatch(company: CompanyRow, tokenId: number | null, size: number, campaignId?: number): Promise<NextBatchResponse> {
    const now = this.clock.now();
    const verdict = await this.schedule.verdict(company, now);
    const common = { timezone: company.timezone, server_time: toZonedIso(now, company.timezone), schedule_version: verdict.version };
    if (!verdict.allowed) {
      return { call_allowed: false, ...common, reason: verdict.reason!, retry_after_seconds: verdict.retryAfterSeconds! };
    }
    await this.checkCampaign(company, campaignId);
    const batchId = randomUUID();
    // The roster is read on another connection while the batch is dispatched.
    const roster = this.repo.roster(company.id);
    roster.catch(() => undefined);
    const numbers = await this.dispatch(company, tokenId, size, campaignId ?? null, batchId, now);
    const agents = await roster;
    return {
      call_allowed: true,
      ...common,
      active_agents: agents.map((a) => ({
        id: a.id,
        full_name: [a.first_name, a.last_name].filter(Boolean).join(' ') || a.username,
        phone_number: a.phone_number,
      })),
      batch: { batch_id: batchId, size_requested: size, size_returned: numbers.length, numbers },
    };
  }

  /**
   * One transaction: take parked numbers that are ready, then walk a lane of the pool
   * from its cursor. Every number walked past is either handed out,
   * skipped for good (called by the company, blocked), or parked until it can be.
   */
  private lastStaleSweep = 0;

  /**
   * Locks live 60 minutes, so sweeping for stale ones every few seconds per process is
   * plenty; the walk already treats a stale lock as free, the sweep only re-parks
   * those numbers for the company whose dialer died. Its own short transaction.
   */
  private async sweepStale(now: Date) {
    if (now.getTime() - this.lastStaleSweep < STALE_SWEEP_EVERY_MS && now.getTime() >= this.lastStaleSweep) return;
    this.lastStaleSweep = now.getTime();
    await this.repo.transaction((tx) => this.repo.releaseStale(tx, now));
  }

  private async dispatch(company: CompanyRow, tokenId: number | null, size: number, campaignId: number | null, batchId: string, now: Date) {
    const key = campaignId ?? 0;
    await this.repo.ensureLanes(company.id, key);
    await this.sweepStale(now);
    try {
      return await this.dispatchOnce(company, tokenId, size, campaignId, batchId, now);
    } catch (e) {
      if (!(e instanceof NoLanes)) throw e;
      this.repo.forgetLanes(company.id, key);
      await this.repo.ensureLanes(company.id, key);
      return this.dispatchOnce(company, tokenId, size, campaignId, batchId, now);
    }
  }

  private dispatchOnce(company: CompanyRow, tokenId: number | null, size: number, campaignId: number | null, batchId: string, now: Date) {
    const c = company.id;
    const key = campaignId ?? 0;
    const cooldownMs = this.cooldownMs(company);
    return this.repo.transaction(async (tx) => {
      // Lock order: a lane first (the only lock a dispatch ever waits for), then rows
      // taken with SKIP LOCKED; so concurrent dispatches cannot deadlock each other.
      const lanesTried = new Set<number>();
      let lane = await this.repo.takeLane(tx, c, key, []);
      if (!lane) throw new NoLanes();
      const taken: Array<{ id: number; phone_number: string }> = [];

      // 1. Parked numbers that are ready.
      const ready = await this.repo.readyDeferred(tx, c, key, now, size * 2);
      if (ready.length > 0) {
        const found = await this.repo.candidatesByIds(tx, c, campaignId, ready);
        const r = await this.settle(tx, c, key, found, size, batchId, now, cooldownMs, false);
        taken.push(...r.taken);
        const gone = new Set(found.map((x) => x.id));
        // Deleted numbers no longer exist; their parking goes too.
        await this.repo.dropDeferred(tx, c, key, [...r.done, ...ready.filter((id) => !gone.has(id))]);
      }

      // 2. The walk: lane after lane (each locked for this transaction) until enough are taken.
      let walked = 0;
      while (lane && taken.length < size && walked < MAX_WALK_PER_CALL) {
        lanesTried.add(lane.lane);
        let cursor = lane.next_id;
        let chunk = Math.max(2 * (size - taken.length), 200);
        while (taken.length < size && walked < MAX_WALK_PER_CALL) {
          const found = await this.repo.walkLane(tx, c, campaignId, lane.lane, cursor, chunk);
          if (found.length === 0) break;
          const r = await this.settle(tx, c, key, found, size - taken.length, batchId, now, cooldownMs, true);
          taken.push(...r.taken);
          walked += r.visited;
          cursor = r.lastVisited;
          if (found.length < chunk) break; // the lane is exhausted
          chunk = Math.min(chunk * 2, 5000); // sparse region (a drained pool): read further at once
        }
        await this.repo.advanceLane(tx, c, key, lane.lane, cursor);
        // Another lane only if this one ran dry; undefined when the rest are busy with other dialers.
        lane = taken.length < size && lanesTried.size < LANES ? await this.repo.takeLane(tx, c, key, [...lanesTried]) : undefined;
      }

      await this.repo.recordBatch(tx, { id: batchId, companyId: c, campaignId, tokenId, requested: size, returned: taken.length, now });
      return taken.sort((a, b) => a.id - b.id);
    });
  }

  /**
   * Classifies candidates (in id order), locks up to `need` eligible ones and parks the
   * temporarily ineligible. When enough are taken, the candidates after the last one
   * needed are left unvisited (the cursor stops there).
   */
  private async settle(
    tx: Parameters<DispatchRepository['park']>[0],
    companyId: number,
    campaignKey: number,
    found: Candidate[],
    need: number,
    batchId: string,
    now: Date,
    cooldownMs: number,
    walking: boolean,
  ) {
    const eligible: number[] = [];
    const parked: Array<{ id: number; readyAt: Date }> = [];
    const skipped: number[] = [];
    let visited = 0;
    for (const cand of found) {
      const v = classify(cand, now, cooldownMs);
      if (v.kind === 'eligible') {
        if (eligible.length === need) break;
        eligible.push(cand.id);
      } else if (v.kind === 'defer') parked.push({ id: cand.id, readyAt: v.readyAt });
      else skipped.push(cand.id);
      visited++;
    }
    const lastVisited = found[visited - 1]?.id ?? found[0]!.id;
    const taken = await this.repo.lockAndAssign(tx, companyId, eligible, need, batchId, now, cooldownMs);
    const takenIds = new Set(taken.map((t) => t.id));
    // Eligible on read but not lockable now (another transaction holds it, or it changed): look again soon.
    for (const id of eligible) if (!takenIds.has(id)) parked.push({ id, readyAt: new Date(now.getTime() + RETRY_CONTENDED_MS) });
    if (walking) await this.repo.park(tx, companyId, campaignKey, parked);
    else await this.repo.repark(tx, companyId, campaignKey, parked);
    return { taken, visited, lastVisited, done: [...takenIds, ...skipped] };
  }

  async diagnostics(company: CompanyRow, campaignId?: number) {
    await this.checkCampaign(company, campaignId);
    const now = this.clock.now();
    const [funnel, verdict, next] = await Promise.all([
      this.repo.funnel(company.id, campaignId ?? null, now, this.cooldownMs(company)),
      this.schedule.verdict(company, now),
      this.schedule.nextAllowedAt(company, now),
    ]);
    return {
      ...funnel,
      schedule: {
        call_allowed: verdict.allowed,
        reason: verdict.allowed ? null : verdict.reason!,
        next_allowed_at: verdict.allowed ? toZonedIso(now, company.timezone) : next ? toZonedIso(next, company.timezone) : null,
        timezone: company.timezone,
        server_time: toZonedIso(now, company.timezone),
      },
    };
  }
}
