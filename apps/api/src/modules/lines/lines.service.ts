import type {
  LineRef,
  LineRestRule,
  UpdateLineRestRuleRequest,
  LineResponse,
  CreateLineRequest,
  UpdateLineRequest,
  ListLinesQuery,
} from '@dialdeck/contracts/lines';
import type { CompanyRow } from '../../db/schema/database';
import { AppError, notFound, uniqueViolation } from '../../lib/errors';
import { normalizeE164 } from '../../lib/phone';
import { toZonedIso, type Clock } from '../../lib/time';
import type { CompaniesService } from '../companies/companies.service';
import type { StatsService } from '../stats/stats.service';
import { connectRate, lineForDraw, restVerdict } from './line-rules';
import type { LineRow, LinesRepository, LineValues } from './lines.repository';

/** Health's "last N calls" figure, and the rest job's period. */
const HEALTH_LAST_CALLS = 100;
export const REST_CHECK_INTERVAL_MS = 60_000;
const REST_LOCK = 'dialdeck.line_rest';

const lineNotFound = () => notFound('Line not found.');

/** Outbound lines (caller IDs): management, the dispatch's rotation, health and resting. Rules: line-rules.ts. */
export class LinesService {
  private timer: NodeJS.Timeout | undefined;
  private inFlight: Promise<unknown> | undefined;
  private closed = false;

  constructor(
    private readonly repo: LinesRepository,
    private readonly companies: CompaniesService,
    private readonly stats: Pick<StatsService, 'lineTotals'>,
    private readonly clock: Clock,
  ) {}

  // ---- management ----

  async list(scope: CompanyRow, q: Pick<ListLinesQuery, 'is_active' | 'search' | 'skip' | 'limit'>) {
    const { rows, total } = await this.repo.list(
      scope.id,
      { is_active: q.is_active === undefined ? undefined : q.is_active === 'true', search: q.search || undefined },
      q.skip,
      q.limit,
    );
    return { items: await this.views(scope, rows), total };
  }

  /** The lines the user owns or is assigned (any signed-in user). */
  async mine(company: CompanyRow, userId: number): Promise<LineResponse[]> {
    const { rows } = await this.repo.list(company.id, { userId }, 0, 100);
    return this.views(company, rows);
  }

  async get(scope: CompanyRow, id: number): Promise<LineResponse> {
    const row = await this.repo.get(scope.id, id);
    if (!row) throw lineNotFound();
    return (await this.views(scope, [row]))[0]!;
  }

  async create(scope: CompanyRow, req: CreateLineRequest): Promise<LineResponse> {
    const v = await this.checked(scope, req);
    const id = await this.write(() =>
      this.repo.insert(scope.id, { ...v, phone_number: v.phone_number!, display_name: v.display_name ?? req.display_name }),
    );
    return this.get(scope, id);
  }

  async update(scope: CompanyRow, id: number, req: UpdateLineRequest): Promise<LineResponse> {
    const v = await this.checked(scope, req);
    if (!(await this.write(() => this.repo.update(scope.id, id, v)))) throw lineNotFound();
    return this.get(scope, id);
  }

  async remove(scope: CompanyRow, id: number): Promise<void> {
    if (!(await this.repo.delete(scope.id, id))) throw lineNotFound();
  }

  assign(scope: CompanyRow, id: number, agentId: number): Promise<LineResponse> {
    return this.update(scope, id, { assigned_agent_id: agentId });
  }

  unassign(scope: CompanyRow, id: number): Promise<LineResponse> {
    return this.update(scope, id, { assigned_agent_id: null });
  }

  /** Ends a line's rest now (an admin who knows better); its health window starts afresh. */
  async wake(scope: CompanyRow, id: number): Promise<LineResponse> {
    if (!(await this.repo.wake(scope.id, id, this.clock.now()))) throw lineNotFound();
    return this.get(scope, id);
  }

  restRule(scope: CompanyRow): LineRestRule {
    const s = this.companies.settingsOf(scope);
    return {
      line_rest_below_connect_rate: s.line_rest_below_connect_rate,
      line_rest_hours: s.line_rest_hours,
      line_rest_window_calls: s.line_rest_window_calls,
    };
  }

  async setRestRule(scope: CompanyRow, patch: UpdateLineRestRuleRequest): Promise<LineRestRule> {
    return this.restRule(await this.companies.update(scope.id, { settings: patch }));
  }

  /** The company's active agents without a line (the assign dialog's list). */
  freeAgents(scope: CompanyRow) {
    return this.repo.freeAgents(scope.id);
  }

  /** Which of these ids are lines of the company (report-result's check). */
  async existing(companyId: number, ids: number[]): Promise<Set<number>> {
    return ids.length === 0 ? new Set() : this.repo.existing(companyId, ids);
  }

  /** The ownership rules of line-rules.ts, checked against the company's users; the phone in E.164. */
  private async checked(scope: CompanyRow, req: UpdateLineRequest): Promise<LineValues> {
    const v: LineValues = {};
    if (req.phone_number !== undefined) {
      const p = normalizeE164(req.phone_number, scope.default_region);
      if (!p.ok) throw new AppError('VALIDATION_FAILED', `phone_number: ${p.reason}`, { fields: { phone_number: p.reason } });
      v.phone_number = p.phone;
    }
    if (req.display_name !== undefined) v.display_name = req.display_name;
    if (req.is_active !== undefined) v.is_active = req.is_active;
    if (req.owner_user_id !== undefined) {
      if (req.owner_user_id !== null && !(await this.repo.user(scope.id, req.owner_user_id))) {
        throw new AppError('NOT_FOUND', 'No such user in this company.', { fields: { owner_user_id: 'no such user in this company' } });
      }
      v.owner_user_id = req.owner_user_id;
    }
    if (req.assigned_agent_id !== undefined) {
      const id = req.assigned_agent_id;
      if (id !== null) {
        const u = await this.repo.user(scope.id, id);
        const field = (why: string) => ({ fields: { assigned_agent_id: why, agent_id: why } });
        if (!u) throw new AppError('NOT_FOUND', 'No such agent in this company.', field('no such agent in this company'));
        if (u.role !== 'AGENT') throw new AppError('VALIDATION_FAILED', 'Only an agent can be assigned a line.', field('not an agent'));
        if (!u.is_active) throw new AppError('VALIDATION_FAILED', 'The agent is not active.', field('the agent is not active'));
      }
      v.assigned_agent_id = id;
    }
    return v;
  }

  /** A write, with the unique constraints of migration 0022 answered as 409 naming the field. */
  private async write<T>(fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (e) {
      switch (uniqueViolation(e)) {
        case 'outbound_lines_phone_key':
          throw new AppError('CONFLICT', 'This phone number is already a line.', { fields: { phone_number: 'already a line' } });
        case 'outbound_lines_agent_key':
          throw new AppError('CONFLICT', 'This agent already has a line.', {
            fields: { assigned_agent_id: 'already has a line', agent_id: 'already has a line' },
          });
        default:
          throw e;
      }
    }
  }

  /** Rows → answers, with each line's health (24 h from the statistics, last calls from the results). */
  private async views(company: CompanyRow, rows: LineRow[]): Promise<LineResponse[]> {
    if (rows.length === 0) return [];
    const now = this.clock.now();
    const [day, last] = await Promise.all([
      this.stats.lineTotals(company.id, new Date(now.getTime() - 86_400_000)),
      this.repo.recent(
        company.id,
        rows.map((r) => ({ id: r.id, since: null })),
        HEALTH_LAST_CALLS,
      ),
    ]);
    const tz = company.timezone;
    return rows.map((r) => {
      const d = day.get(r.id) ?? { calls: 0, connected: 0 };
      const l = last.get(r.id) ?? { calls: 0, connected: 0 };
      const resting = r.resting_until !== null && r.resting_until.getTime() > now.getTime();
      return {
        id: r.id,
        phone_number: r.phone_number,
        display_name: r.display_name,
        is_active: r.is_active,
        owner_user_id: r.owner_user_id,
        owner: r.owner_user_id !== null ? { id: r.owner_user_id, full_name: r.owner_name ?? '' } : null,
        assigned_agent_id: r.assigned_agent_id,
        assigned_agent: r.assigned_agent_id !== null ? { id: r.assigned_agent_id, full_name: r.agent_name ?? '' } : null,
        health: {
          calls_24h: d.calls,
          connect_rate_24h: connectRate(d.calls, d.connected),
          last_100_calls: l.calls,
          last_100_connect_rate: connectRate(l.calls, l.connected),
          resting_until: resting ? toZonedIso(r.resting_until!, tz) : null,
          rest_reason: resting ? r.rest_reason : null,
        },
        created_at: toZonedIso(r.created_at, tz),
        updated_at: toZonedIso(r.updated_at, tz),
      };
    });
  }

  // ---- the dispatch's caller IDs ----

  /**
   * A caller ID for each of `count` dispatched numbers (rotated, line-rules.ts), and each
   * roster agent's own line; nothing when the company has no eligible line.
   */
  async callerIds(companyId: number, count: number, now: Date): Promise<{ perNumber: LineRef[]; byAgent: Map<number, LineRef> }> {
    const r = await this.repo.rotation(companyId, count, now);
    const byAgent = new Map<number, LineRef>();
    for (const l of r.lines) if (l.assigned_agent_id !== null) byAgent.set(l.assigned_agent_id, { id: l.id, phone_number: l.phone_number });
    if (r.start === null || r.lines.length === 0) return { perNumber: [], byAgent };
    const refs = r.lines.map((l) => ({ id: l.id, phone_number: l.phone_number }));
    return { perNumber: Array.from({ length: count }, (_, i) => lineForDraw(refs, r.start! + i)), byAgent };
  }

  // ---- resting ----

  /**
   * Rests the lines whose recent connect rate is below their company's bar
   * (line-rules.ts restVerdict); one process at a time (an advisory lock). Returns how
   * many lines it rested; null when another process holds the check.
   */
  async restLowConnectLines(): Promise<number | null> {
    let rested = 0;
    const ran = await this.repo.exclusively(REST_LOCK, async (tx) => {
      const now = this.clock.now();
      for (const company of await this.repo.companiesResting(tx)) {
        if (this.closed) return;
        const settings = this.companies.settingsOf(company);
        const lines = await this.repo.restable(company.id, now, tx);
        const recent = await this.repo.recent(
          company.id,
          lines.map((l) => ({ id: l.id, since: l.health_since })),
          settings.line_rest_window_calls,
          tx,
        );
        for (const l of lines) {
          const verdict = restVerdict(recent.get(l.id) ?? { calls: 0, connected: 0 }, settings, now);
          if (!verdict) continue;
          await this.repo.rest(company.id, l.id, verdict.until, verdict.reason, tx);
          rested++;
        }
      }
    });
    return ran ? rested : null;
  }

  /** Starts the periodic rest check; `onError` hears a failed round (the next one tries again). */
  start(onError: (message: string, e: unknown) => void, intervalMs = REST_CHECK_INTERVAL_MS): void {
    if (this.timer || this.closed) return;
    const round = () => {
      this.inFlight = this.restLowConnectLines()
        .catch((e: unknown) => onError('line rest check failed; retrying in the next round', e))
        .finally(() => {
          this.inFlight = undefined;
          if (!this.closed) this.timer = setTimeout(round, intervalMs).unref();
        });
    };
    this.timer = setTimeout(round, intervalMs).unref();
  }

  /** SIGTERM: stops the timer and waits for the check in flight. */
  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.timer);
    await this.inFlight;
  }
}
