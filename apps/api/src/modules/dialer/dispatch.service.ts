import { randomUUID } from 'node:crypto';
import type { NextBatchResponse } from '@dialdeck/contracts/dialer';
import type { CompanyRow } from '../../db/schema/database';
import { AppError } from '../../lib/errors';
import { toZonedIso, type Clock } from '../../lib/time';
import type { CampaignsService } from '../campaigns/campaigns.service';
import type { CompaniesService } from '../companies/companies.service';
import type { LinesService } from '../lines/lines.service';
import type { DispatchOutcome, DispatchRepository } from './dispatch.repository';
import type { ScheduleGate } from './schedule-gate';

/** At most this many numbers are walked past in one call, so a drained pool cannot make one call slow. */
const MAX_WALK_PER_CALL = 20_000;
const STALE_SWEEP_EVERY_MS = 5_000;

export class DispatchService {
  constructor(
    private readonly repo: DispatchRepository,
    private readonly campaigns: CampaignsService,
    private readonly companies: Pick<CompaniesService, 'cooldownMs'>,
    private readonly schedule: ScheduleGate,
    private readonly lines: Pick<LinesService, 'callerIds'>,
    private readonly clock: Clock,
  ) {}

  private async checkCampaign(company: CompanyRow, campaignId: number | undefined) {
    if (campaignId !== undefined && !(await this.campaigns.exists(company.id, campaignId))) {
      throw new AppError('NOT_FOUND', 'Campaign not found.', { fields: { campaign_id: 'no such campaign' } });
    }
  }

  /**
   * A batch, or a refusal with the reason and a retry hint. `liveTokenId`: the dialer's
   * token was taken on trust from the guard's cache, so it is confirmed here, in the
   * dispatch statement (or before a refusal is answered). The schedule is evaluated
   * from this process's memory when it has it, and confirmed in the same statement;
   * a refusal is always evaluated afresh.
   */
  async nextBatch(
    company: CompanyRow,
    tokenId: number | null,
    size: number,
    campaignId?: number,
    liveTokenId: number | null = null,
  ): Promise<NextBatchResponse> {
    const now = this.clock.now();
    let verdict = await this.schedule.verdict(company, now, { cached: true });
    for (let attempt = 1; ; attempt++) {
      if (!verdict.allowed && verdict.fromMemory) verdict = await this.schedule.verdict(company, now);
      const common = { timezone: company.timezone, server_time: toZonedIso(now, company.timezone), schedule_version: verdict.version };
      if (!verdict.allowed) {
        if (liveTokenId !== null && !(await this.repo.tokenLive(company.id, liveTokenId))) throw revoked();
        return { call_allowed: false, ...common, reason: verdict.reason!, retry_after_seconds: verdict.retryAfterSeconds! };
      }
      const batchId = randomUUID();
      const confirm = verdict.confirm ? { version: verdict.version, ...verdict.confirm } : null;
      const r = await this.dispatch(company, tokenId, size, campaignId ?? null, batchId, now, liveTokenId, confirm);
      if (r.outcome === 'schedule_changed' && attempt < 3) {
        // Another process changed the schedule since this one loaded it: evaluate again.
        verdict = await this.schedule.verdict(company, now);
        continue;
      }
      if (r.outcome === 'revoked') throw revoked();
      if (r.outcome === 'no_campaign')
        throw new AppError('NOT_FOUND', 'Campaign not found.', { fields: { campaign_id: 'no such campaign' } });
      if (r.outcome !== 'ok') throw new Error(`next-batch: dispatch answered ${r.outcome}`);
      // Caller IDs: the company's eligible lines, rotated (lines/line-rules.ts); none when it has none.
      const ids = await this.lines.callerIds(company.id, r.numbers.length, now);
      const numbers = ids.perNumber.length > 0 ? r.numbers.map((n, i) => ({ ...n, outbound_line: ids.perNumber[i]! })) : r.numbers;
      return {
        call_allowed: true,
        ...common,
        active_agents: r.roster.map((a) => {
          const line = ids.byAgent.get(a.id);
          return {
            id: a.id,
            full_name: [a.first_name, a.last_name].filter(Boolean).join(' ') || a.username,
            phone_number: a.phone_number,
            ...(line ? { outbound_line: line } : {}),
          };
        }),
        batch: { batch_id: batchId, size_requested: size, size_returned: numbers.length, numbers },
      };
    }
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

  /** The dispatch statement; the company's lanes are created when it says there are none (a first call). */
  private async dispatch(
    company: CompanyRow,
    tokenId: number | null,
    size: number,
    campaignId: number | null,
    batchId: string,
    now: Date,
    liveTokenId: number | null,
    schedule: { version: number; localDate: string; holiday: boolean } | null,
  ): Promise<DispatchOutcome> {
    await this.sweepStale(now);
    const run = () =>
      this.repo.dispatch({
        companyId: company.id,
        campaignId,
        size,
        batchId,
        tokenId,
        liveTokenId,
        now,
        cooldownMs: this.companies.cooldownMs(company),
        maxWalk: MAX_WALK_PER_CALL,
        schedule,
      });
    const r = await run();
    if (r.outcome !== 'no_lanes') return r;
    await this.repo.createLanes(company.id, campaignId ?? 0);
    return run();
  }

  async diagnostics(company: CompanyRow, campaignId?: number) {
    await this.checkCampaign(company, campaignId);
    const now = this.clock.now();
    const [funnel, verdict, next] = await Promise.all([
      this.repo.funnel(company.id, campaignId ?? null, now, this.companies.cooldownMs(company)),
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
