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

  /**
   * A batch, or a refusal with the reason and a retry hint. `liveTokenId`: the dialer's
   * token was taken on trust from the guard's cache, so it is confirmed here, in the
   * dispatch transaction (or before a refusal is answered).
   */
  async nextBatch(
    company: CompanyRow,
    tokenId: number | null,
    size: number,
    campaignId?: number,
    liveTokenId: number | null = null,
  ): Promise<NextBatchResponse> {
    const now = this.clock.now();
    const verdict = await this.schedule.verdict(company, now);
    const common = { timezone: company.timezone, server_time: toZonedIso(now, company.timezone), schedule_version: verdict.version };
    if (!verdict.allowed) {
      if (liveTokenId !== null && !(await this.repo.tokenLive(company.id, liveTokenId))) throw revoked();
      return { call_allowed: false, ...common, reason: verdict.reason!, retry_after_seconds: verdict.retryAfterSeconds! };
    }
    await this.checkCampaign(company, campaignId);
    const batchId = randomUUID();
    const { numbers, agents } = await this.dispatch(company, tokenId, size, campaignId ?? null, batchId, now, liveTokenId);
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

  private async dispatch(company: CompanyRow, tokenId: number | null, size: number, campaignId: number | null, batchId: string, now: Date, liveTokenId: number | null) {
    const key = campaignId ?? 0;
    await this.repo.ensureLanes(company.id, key);
    await this.sweepStale(now);
    try {
      return await this.dispatchOnce(company, tokenId, size, campaignId, batchId, now, liveTokenId);
    } catch (e) {
      if (!(e instanceof NoLanes)) throw e;
      this.repo.forgetLanes(company.id, key);
      await this.repo.ensureLanes(company.id, key);
      return this.dispatchOnce(company, tokenId, size, campaignId, batchId, now, liveTokenId);
    }
  }

  /**
   * One transaction, in as few statements as the work allows (each round trip costs both
   * processes CPU): open (a lane, the parked numbers that are ready, the token check),
   * then the ready numbers, then the walk of the lane from its cursor, locking as it
   * reads, and finish (parkings, cursors, audit row). Every number walked past is handed
   * out, skipped for good (called by the company, blocked), or parked until it can be.
   */
  private dispatchOnce(company: CompanyRow, tokenId: number | null, size: number, campaignId: number | null, batchId: string, now: Date, liveTokenId: number | null) {
    const c = company.id;
    const key = campaignId ?? 0;
    const cooldownMs = this.cooldownMs(company);
    return this.repo.transaction(async (tx) => {
      // Lock order: a lane first (the only lock a dispatch ever waits for), then rows
      // taken with SKIP LOCKED; so concurrent dispatches cannot deadlock each other.
      const opened = await this.repo.open(tx, c, key, now, size * 2, liveTokenId);
      if (!opened.live) throw revoked();
      let lane = opened.lane ?? (await this.repo.takeLane(tx, c, key, [], true));
      if (!lane) throw new NoLanes();
      const taken: Array<{ id: number; phone_number: string }> = [];
      const parked: Array<{ id: number; readyAt: Date }> = [];
      const lanes: Array<{ lane: number; nextId: number }> = [];

      // 1. Parked numbers that are ready.
      const ready = opened.ready;
      if (ready.length > 0) {
        const found = await this.repo.candidatesByIds(tx, c, campaignId, ready);
        const eligible = found.filter((x) => classify(x, now, cooldownMs).kind === 'eligible').map((x) => x.id);
        const got = await this.repo.lockAndAssign(tx, c, eligible, size, batchId, now, cooldownMs);
        const r = this.sort(found, new Set(got.map((x) => x.id)), size, now, cooldownMs);
        taken.push(...got);
        await this.repo.repark(tx, c, key, r.parked);
        const gone = new Set(found.map((x) => x.id));
        // Deleted numbers no longer exist; their parking goes too.
        await this.repo.dropDeferred(tx, c, key, [...r.done, ...ready.filter((id) => !gone.has(id))]);
      }

      // 2. The walk: lane after lane (each locked for this transaction) until enough are taken.
      const lanesTried = new Set<number>();
      let walked = 0;
      while (lane && taken.length < size && walked < MAX_WALK_PER_CALL) {
        lanesTried.add(lane.lane);
        let cursor = lane.next_id;
        let chunk = Math.max(2 * (size - taken.length), 200);
        while (taken.length < size && walked < MAX_WALK_PER_CALL) {
          const need = size - taken.length;
          const found = await this.repo.walkAndLock(tx, { companyId: c, campaignId, lane: lane.lane, afterId: cursor, limit: chunk, need, batchId, now, cooldownMs });
          if (found.length === 0) break;
          const r = this.sort(found, new Set(found.filter((x) => x.taken).map((x) => x.id)), need, now, cooldownMs);
          taken.push(...found.filter((x) => x.taken).map((x) => ({ id: x.id, phone_number: x.phone_number })));
          parked.push(...r.parked);
          walked += r.visited;
          cursor = r.lastVisited;
          if (found.length < chunk) break; // the lane is exhausted
          chunk = Math.min(chunk * 2, 5000); // sparse region (a drained pool): read further at once
        }
        lanes.push({ lane: lane.lane, nextId: cursor });
        // Another lane only if this one ran dry; undefined when the rest are busy with other dialers.
        lane = taken.length < size && lanesTried.size < LANES ? await this.repo.takeLane(tx, c, key, [...lanesTried]) : undefined;
      }

      const numbers = taken.sort((a, b) => a.id - b.id);
      await this.repo.finish(tx, {
        companyId: c,
        campaignKey: key,
        parked,
        lanes,
        batch: { id: batchId, campaignId, tokenId, requested: size, numberIds: numbers.map((t) => t.id), now },
      });
      return { numbers, agents: opened.roster };
    });
  }

  /**
   * What becomes of candidates (in id order) once `takenIds` of them are locked for the
   * batch: up to the last one needed they count as visited; the temporarily ineligible
   * are parked, and those eligible on read but not lockable (another transaction holds
   * them) are looked at again soon. Candidates after the last one needed stay unvisited
   * (the cursor stops there).
   */
  private sort(found: Candidate[], takenIds: Set<number>, need: number, now: Date, cooldownMs: number) {
    const parked: Array<{ id: number; readyAt: Date }> = [];
    const done: number[] = [];
    let visited = 0;
    let got = 0;
    for (const cand of found) {
      if (got === need) break;
      visited++;
      if (takenIds.has(cand.id)) {
        got++;
        done.push(cand.id);
        continue;
      }
      const v = classify(cand, now, cooldownMs);
      if (v.kind === 'eligible') parked.push({ id: cand.id, readyAt: new Date(now.getTime() + RETRY_CONTENDED_MS) });
      else if (v.kind === 'defer') parked.push({ id: cand.id, readyAt: v.readyAt });
      else done.push(cand.id);
    }
    const lastVisited = found[visited - 1]?.id ?? found[0]!.id;
    return { parked, done, visited, lastVisited };
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

const revoked = () => new AppError('UNAUTHORIZED', 'Unknown or revoked dialer token.');
