import { createHash } from 'node:crypto';
import type { ReportResultRequest, ReportResultResponse } from '@dialdeck/contracts/dialer';
import type { CompanyRow } from '../../db/schema/database';
import { AppError } from '../../lib/errors';
import { normalizePhone } from '../../lib/phone';
import type { Clock } from '../../lib/time';
import type { CallResultsService, NewCallResult } from '../numbers/call-results.service';
import type { ReportsRepository } from './reports.repository';
import { Coalescer } from './coalescer';
import type { ScheduleGate } from './schedule-gate';
import type { LinesService } from '../lines/lines.service';
import type { ScenariosService } from '../scenarios/scenarios.service';

/** A dialer clock running ahead by more than this is refused rather than trusted. */
const MAX_FUTURE_MS = 24 * 3600_000;

/** Single reports of one company and token written together while an earlier write runs (see Coalescer). */
type SinglesKey = { companyId: number; liveTokenId: number | undefined };

export class ReportsService {
  private readonly singles: Coalescer<SinglesKey, NewCallResult, { id: number; number_id: number } | null>;

  constructor(
    private readonly repo: ReportsRepository,
    private readonly results: CallResultsService,
    private readonly schedule: ScheduleGate,
    /** The company's own lines and scenarios, the only ones a report may name. */
    private readonly refs: { lines: Pick<LinesService, 'existing'>; scenarios: Pick<ScenariosService, 'existing'> },
    private readonly clock: Clock,
    /** Told the company after new dialer results are committed (the live statistics listen). */
    private readonly resultsArrived: (companyId: number) => void = () => undefined,
  ) {
    this.singles = new Coalescer(
      (key, rows) =>
        this.results.record(key.companyId, rows, this.clock.now(), undefined, {
          idempotent: true,
          reported: true,
          liveTokenId: key.liveTokenId,
        }),
      { maxItems: 200, maxInFlight: 2 },
    );
  }

  /** Waits for the single reports being written (see Coalescer.drain). */
  drain(): Promise<void> {
    return this.singles.drain();
  }

  /**
   * Records reports (one, or up to 500 at once) in one transaction. A report whose
   * report_id the company already has records nothing and answers the first answer
   * with duplicate: true — so a dialer may retry freely. `field` prefixes error names
   * (`results.3.agent_id`) for the bulk route. With `liveTokenId` (a token the guard took
   * from its cache), the write itself confirms the token is still live; a revoked one
   * gets 401 and writes nothing.
   */
  async report(
    company: CompanyRow,
    reports: ReportResultRequest[],
    fieldPrefix: (i: number) => string,
    opts: { liveTokenId?: number } = {},
  ): Promise<ReportResultResponse[]> {
    if (opts.liveTokenId !== undefined && !(reports.length === 1 && this.isSimple(reports[0]!))) {
      // Only the single-statement path checks the token itself; every other path checks first.
      if (!(await this.repo.tokenLive(company.id, opts.liveTokenId))) throw revoked();
    }
    const now = this.clock.now();
    const bad = (i: number, field: string, reason: string, code: 'VALIDATION_FAILED' | 'NOT_FOUND' = 'VALIDATION_FAILED') =>
      new AppError(code, `${fieldPrefix(i)}${field}: ${reason}`, { fields: { [`${fieldPrefix(i)}${field}`]: reason } });

    // Phones (number and agent) in the company's stored form.
    const phones = reports.map((r, i) => {
      if (r.phone_number == null || r.phone_number.trim() === '') return null;
      const p = normalizePhone(r.phone_number, company.default_region);
      if (!p.ok) throw bad(i, 'phone_number', p.reason);
      return p.phone;
    });
    const agentPhones = reports.map((r, i) => {
      if (r.agent_id != null || r.agent_phone == null || r.agent_phone.trim() === '') return null;
      const p = normalizePhone(r.agent_phone, company.default_region);
      if (!p.ok) throw bad(i, 'agent_phone', p.reason);
      return p.phone;
    });
    reports.forEach((r, i) => {
      if (r.attempted_at && new Date(r.attempted_at).getTime() > now.getTime() + MAX_FUTURE_MS)
        throw bad(i, 'attempted_at', 'is in the future');
    });

    // Lines and scenarios: only the company's own (another company's, or none, is the dialer's error).
    const refFields = [
      ['outbound_line_id', this.refs.lines, 'no such line in this company', 'call_results_outbound_line_fk'],
      ['scenario_id', this.refs.scenarios, 'no such scenario in this company', 'call_results_scenario_fk'],
    ] as const;
    for (const [field, refs, reason] of refFields) {
      const i = await this.unknownRef(company.id, reports, field, refs);
      if (i !== undefined) throw bad(i, field, reason);
    }
    // One deleted after this check fails the write on its foreign key: answered as if it never existed.
    const refDeleted = (e: unknown) => {
      const fk = e as { code?: string; constraint?: string };
      const ref = fk.code === '23503' ? refFields.find((f) => f[3] === fk.constraint) : undefined;
      return ref
        ? bad(
            Math.max(
              0,
              reports.findIndex((r) => r[ref[0]] != null),
            ),
            ref[0],
            ref[2],
          )
        : undefined;
    };

    // Agents: by id, else by phone; unknown or inactive is the dialer's error.
    const agents = await this.repo.agents(
      company.id,
      reports.flatMap((r) => (r.agent_id != null ? [r.agent_id] : [])),
      agentPhones.filter((p): p is string => p !== null),
    );
    const agentIds = reports.map((r, i) => {
      if (r.agent_id != null) {
        const a = agents.find((x) => x.id === r.agent_id);
        if (!a) throw bad(i, 'agent_id', 'no such agent in this company');
        if (!a.is_active) throw bad(i, 'agent_id', 'the agent is not active');
        return a.id;
      }
      const phone = agentPhones[i];
      if (!phone) return null;
      const a = agents.find((x) => x.phone_number === phone);
      if (!a) throw bad(i, 'agent_phone', 'no agent of this company has this phone');
      if (!a.is_active) throw bad(i, 'agent_phone', 'the agent is not active');
      return a.id;
    });

    const row = (r: ReportResultRequest, i: number, numberId: number): NewCallResult => ({
      numberId,
      status: r.status,
      attemptedAt: r.attempted_at ? new Date(r.attempted_at) : now,
      source: 'dialer',
      agentId: agentIds[i],
      campaignId: r.campaign_id ?? null,
      scenarioId: r.scenario_id ?? null,
      outboundLineId: r.outbound_line_id ?? null,
      reason: r.reason ?? null,
      userMessage: r.user_message ?? null,
      durationSeconds: r.duration_seconds ?? null,
      callSid: r.call_sid ?? null,
      transcript: r.transcript ?? null,
      summary: r.summary ?? null,
      recordingUrl: r.recording_url ?? null,
      transferred: r.transferred ?? false,
      transferReason: r.transfer_reason ?? null,
      transferDepartment: r.transfer_department ?? null,
      reportId: r.report_id ?? null,
      reportHash: r.report_id ? reportHash(r) : null,
    });
    // A known report id answers the first answer only for the same body; another body is a conflict.
    const conflict = (i: number) =>
      new AppError('CONFLICT', `${fieldPrefix(i)}report_id: already used for a different report`, {
        fields: { [`${fieldPrefix(i)}report_id`]: 'already used for a different report' },
      });
    const sameBody = (first: { report_hash: string | null }, r: ReportResultRequest) =>
      first.report_hash === null || first.report_hash === reportHash(r);

    // The common case — one report naming a number by id, no schedule switch — is one
    // statement (atomic on its own): result, state, counters, lock, cooldown, block;
    // shared with the other single reports of the company that arrive meanwhile.
    const only = reports[0]!;
    if (reports.length === 1 && this.isSimple(only)) {
      let written;
      try {
        written = await this.singles.submit(
          `${company.id}:${opts.liveTokenId ?? ''}`,
          { companyId: company.id, liveTokenId: opts.liveTokenId },
          row(only, 0, only.number_id!),
        );
      } catch (e) {
        const fk = e as { code?: string; constraint?: string };
        const deleted = refDeleted(e);
        if (deleted) throw deleted;
        if (fk.code === '23503') throw bad(0, 'number_id', 'no such number (give phone_number to add it)', 'NOT_FOUND');
        throw e;
      }
      if (written) {
        this.resultsArrived(company.id);
        return [{ call_result_id: written.id, number_id: written.number_id, duplicate: false }];
      }
      // Nothing written: the token was revoked meanwhile, or the report id is known.
      if (opts.liveTokenId !== undefined && !(await this.repo.tokenLive(company.id, opts.liveTokenId))) throw revoked();
      const first = only.report_id ? (await this.repo.byReportIds(company.id, [only.report_id])).get(only.report_id) : undefined;
      if (!first) throw new Error('report-result wrote nothing, yet no earlier report has its id');
      if (!sameBody(first, only)) throw conflict(0);
      return [{ call_result_id: first.id, number_id: first.number_id, duplicate: true }];
    }

    const answers = await this.repo
      .transaction(async (tx) => {
        const known = await this.repo.existingNumberIds(
          reports.flatMap((r) => (r.number_id != null ? [r.number_id] : [])),
          tx,
        );
        // A number id the pool does not have is used only when a phone identifies the number instead.
        const needPhones = reports.flatMap((r, i) => (r.number_id != null && known.has(r.number_id) ? [] : phones[i] ? [phones[i]!] : []));
        const created = await this.repo.findOrCreatePhones(needPhones, tx);
        const numberIds = reports.map((r, i) => {
          if (r.number_id != null && known.has(r.number_id)) return r.number_id;
          const id = phones[i] ? created.get(phones[i]!) : undefined;
          if (id === undefined) throw bad(i, 'number_id', 'no such number (give phone_number to add it)', 'NOT_FOUND');
          return id;
        });
        const rows = reports.map((r, i) => row(r, i, numberIds[i]!));
        const written = await this.results.record(company.id, rows, now, tx, { idempotent: true, reported: true });
        const missing = reports.flatMap((r, i) => (written[i] ? [] : [r.report_id!]));
        const earlier = await this.repo.byReportIds(company.id, missing, tx);
        const answers = written.map((w, i): ReportResultResponse => {
          if (w) return { call_result_id: w.id, number_id: w.number_id, duplicate: false };
          const first = earlier.get(reports[i]!.report_id!)!;
          if (!sameBody(first, reports[i]!)) throw conflict(i);
          return { call_result_id: first.id, number_id: first.number_id, duplicate: true };
        });
        // call_allowed switches the schedule in the same transaction (the last report that
        // says so wins); a retried report changes nothing.
        const toggle = [...reports.keys()].reverse().find((i) => reports[i]!.call_allowed != null && !answers[i]!.duplicate);
        if (toggle !== undefined) await this.schedule.setDisabledByDialer(company.id, !reports[toggle]!.call_allowed, tx);
        return answers;
      })
      .catch((e: unknown) => {
        throw refDeleted(e) ?? e;
      });
    if (answers.some((a) => !a.duplicate)) this.resultsArrived(company.id);
    return answers;
  }

  /** The index of the first report whose `field` names no line or scenario of the company. */
  private async unknownRef(
    companyId: number,
    reports: ReportResultRequest[],
    field: 'outbound_line_id' | 'scenario_id',
    refs: { existing(companyId: number, ids: number[]): Promise<Set<number>> },
  ): Promise<number | undefined> {
    const ids = [...new Set(reports.flatMap((r) => (r[field] != null ? [r[field]] : [])))];
    if (ids.length === 0) return undefined;
    const known = await refs.existing(companyId, ids);
    const i = reports.findIndex((r) => r[field] != null && !known.has(r[field]));
    return i < 0 ? undefined : i;
  }

  /** A report the single-statement path takes: a number by id, no phone to add, no schedule switch. */
  private isSimple(r: ReportResultRequest): boolean {
    return r.number_id != null && (r.phone_number == null || r.phone_number.trim() === '') && r.call_allowed == null;
  }
}

/**
 * What makes two reports "the same" for a retry: every field but report_id, absent and null
 * alike, in a fixed key order. SHA-1 is plenty (a collision only fools the token's own dialer)
 * and costs microseconds next to the statement.
 */
export function reportHash(r: ReportResultRequest): string {
  const keys = Object.keys(r)
    .filter((k) => k !== 'report_id' && r[k as keyof ReportResultRequest] != null)
    .sort();
  const canonical = JSON.stringify(keys.map((k) => [k, r[k as keyof ReportResultRequest]]));
  return createHash('sha1').update(canonical).digest('base64url');
}

const revoked = () => new AppError('UNAUTHORIZED', 'Unknown or revoked dialer token.');
