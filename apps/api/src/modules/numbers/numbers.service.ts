import type { Readable } from 'node:stream';
import {
  MUTABLE_STATUSES,
  isMutableStatus,
  type AddNumbersRequest,
  type AddNumbersResponse,
  type BulkNumbersRequest,
  type CallStatus,
  type ExportNumbersRequest,
  type NumberFilter,
} from '@dialdeck/contracts/numbers';
import type { CompanyRow } from '../../db/schema/database';
import type { Principal } from '../../lib/auth';
import { AppError, notFound } from '../../lib/errors';
import { can } from '../../lib/permissions';
import { asciiDigits } from '../../lib/phone';
import { spoolUpload, uploadTooLarge } from '../../lib/tabular-files/tabular-reader';
import { parseBound, type Clock } from '../../lib/time';
import type { CampaignsService } from '../campaigns/campaigns.service';
import { ImportCollector, MAX_REPORTED_ERRORS, collectText, type PhoneBatch } from './number-import';
import { readNumberFile, type NumberFileKind } from './number-files';
import type { NumberQuery, NumberRowView, NumbersRepository, SortBy, SortOrder } from './numbers.repository';

/** Who sees only the numbers assigned to them. */
const isAgent = (p: Principal) => !can(p.user, 'numbers.manage');

/** Phones per insert statement of an import (addPhones' own chunk). */
const STORE_CHUNK = 20_000;

async function* toAsync<T>(items: Iterable<T>): AsyncGenerator<T> {
  yield* items;
}

export class NumbersService {
  constructor(
    private readonly numbers: NumbersRepository,
    private readonly campaigns: CampaignsService,
    private readonly clock: Clock,
  ) {}

  /** API filter → repository query; an agent is always narrowed to their own numbers. */
  toQuery(actor: Principal, scope: CompanyRow, f: NumberFilter & { ids?: number[]; excluded_ids?: number[] }): NumberQuery {
    const q: NumberQuery = {};
    if (f.status) q.status = f.status;
    if (f.search) {
      let digits = asciiDigits(f.search).replace(/[^\d+]/g, '');
      if (!/\d/.test(digits)) {
        throw new AppError('VALIDATION_FAILED', 'search: digits of a phone number', { fields: { search: 'digits of a phone number' } });
      }
      // Stored Iranian numbers are national (09…): "+98912…" and "0098912…" search as "0912…".
      digits = digits.replace(/^(\+|00)98(?=9)/, '0');
      q.search = digits;
    }
    if (f.start_date) q.since = parseBound(f.start_date, scope.timezone, false);
    if (f.end_date) q.until = parseBound(f.end_date, scope.timezone, true);
    if (f.status_changed_from) q.changedSince = parseBound(f.status_changed_from, scope.timezone, false);
    if (q.since && q.until && q.since >= q.until) {
      throw new AppError('VALIDATION_FAILED', 'end_date: must be after start_date', { fields: { end_date: 'must be after start_date' } });
    }
    if (f.agent_id !== undefined) q.agentId = f.agent_id;
    if (isAgent(actor)) q.agentId = actor.user.id;
    if (f.campaign_id !== undefined) q.campaignId = f.campaign_id;
    if (f.ids) q.ids = f.ids;
    if (f.excluded_ids?.length) q.excludedIds = f.excluded_ids;
    return q;
  }

  list(actor: Principal, scope: CompanyRow, f: NumberFilter, sort: SortBy, order: SortOrder, skip: number, limit: number) {
    return this.numbers.list(scope.id, this.toQuery(actor, scope, f), sort, order, skip, limit);
  }

  /** The company's current-status distribution over the whole pool (IN_QUEUE included), from the counters. */
  statusCounts(scope: CompanyRow): Promise<Map<CallStatus, number>> {
    return this.numbers.statusCounts(scope.id);
  }

  count(actor: Principal, scope: CompanyRow, f: NumberFilter) {
    return this.numbers.count(scope.id, this.toQuery(actor, scope, f));
  }

  async add(scope: CompanyRow, body: AddNumbersRequest): Promise<AddNumbersResponse> {
    await this.checkCampaign(scope, body.campaign_id);
    const collector = new ImportCollector(scope.default_region);
    if (typeof body.numbers === 'string') collectText(body.numbers, collector);
    else body.numbers.forEach((v, i) => collector.add(v, i + 1));
    return this.store(scope, toAsync([collector.take()]), body.campaign_id);
  }

  /**
   * A file is spooled to disk, then read (in a worker, under the tabular limits) and
   * stored batch by batch in one transaction while the worker reads on: a file that
   * turns out to be unreadable or over a limit part-way, or a failure while storing,
   * rolls the transaction back and adds nothing.
   */
  async upload(
    scope: CompanyRow,
    kind: NumberFileKind,
    stream: Readable,
    campaignId: number | undefined,
    isTruncated: () => boolean,
  ): Promise<AddNumbersResponse> {
    await this.checkCampaign(scope, campaignId);
    const spooled = await spoolUpload(stream);
    try {
      if (isTruncated()) throw uploadTooLarge();
      return await this.store(scope, readNumberFile(kind, spooled.file, scope.default_region), campaignId);
    } finally {
      await spooled.cleanup();
    }
  }

  /**
   * Stores an import's batches in one transaction, in chunks of STORE_CHUNK phones. The
   * first batch is awaited before the transaction opens, so waiting for a parse slot and
   * the worker's start hold no connection.
   */
  private async store(scope: CompanyRow, batches: AsyncIterable<PhoneBatch>, campaignId: number | undefined): Promise<AddNumbersResponse> {
    const it = batches[Symbol.asyncIterator]();
    let next = await it.next();
    const result: AddNumbersResponse = { added: 0, duplicates: 0, invalid: 0, errors: [] };
    let phones = 0;
    try {
      await this.numbers.transaction(scope.id, async (tx) => {
        let pending: string[] = [];
        const flush = async () => {
          if (pending.length === 0) return;
          const chunk = pending;
          pending = [];
          result.added += await this.numbers.addPhones(scope.id, tx, chunk, this.clock.now());
          if (campaignId !== undefined)
            await this.campaigns.addMembers(tx, scope.id, campaignId, await this.numbers.idsOfPhones(tx, chunk));
        };
        for (; !next.done; next = await it.next()) {
          const b = next.value;
          phones += b.phones.length;
          result.invalid += b.invalid;
          for (const e of b.errors) if (result.errors.length < MAX_REPORTED_ERRORS) result.errors.push(e);
          for (const p of b.phones) pending.push(p);
          if (pending.length >= STORE_CHUNK) await flush();
        }
        await flush();
      });
    } finally {
      // A failure while storing ends the reading too (the worker is terminated).
      if (!next.done) await it.return?.(undefined);
    }
    result.duplicates = phones - result.added;
    return result;
  }

  private async checkCampaign(scope: CompanyRow, campaignId: number | undefined) {
    if (campaignId !== undefined && !(await this.campaigns.exists(scope.id, campaignId))) {
      throw new AppError('NOT_FOUND', 'Campaign not found.', { fields: { campaign_id: 'no such campaign' } });
    }
  }

  /** One number as the actor may see it: 404 when it does not exist or, for an agent, is not theirs. */
  async get(actor: Principal, scope: CompanyRow, id: number): Promise<NumberRowView> {
    const v = await this.numbers.findView(scope.id, id);
    if (!v || (isAgent(actor) && v.agent_id !== actor.user.id)) throw notFound('Number not found.');
    return v;
  }

  /** The mutability rule: only a superuser changes an immutable status or sets one. */
  private checkChange(actor: Principal, from: CallStatus, to?: CallStatus) {
    if (can(actor.user, 'numbers.change-final')) return;
    if (!isMutableStatus(from)) {
      throw new AppError('FORBIDDEN', `The status ${from} is final; only a superuser can change it.`, {
        fields: { status: `${from} cannot be changed` },
      });
    }
    if (to && !isMutableStatus(to)) {
      throw new AppError('FORBIDDEN', `Only a superuser can set the status ${to}.`, {
        fields: { status: `only ${MUTABLE_STATUSES.join(', ')} may be set` },
      });
    }
  }

  async updateStatus(actor: Principal, scope: CompanyRow, id: number, status: CallStatus): Promise<NumberRowView> {
    const current = await this.get(actor, scope, id);
    this.checkChange(actor, current.status, status);
    if (status === 'IN_QUEUE') await this.numbers.reset(scope.id, { ids: [id] });
    else await this.numbers.setStatus(scope.id, { ids: [id] }, status, this.clock.now());
    return (await this.numbers.findView(scope.id, id))!;
  }

  async reset(actor: Principal, scope: CompanyRow, id: number): Promise<NumberRowView> {
    const current = await this.get(actor, scope, id);
    this.checkChange(actor, current.status, 'IN_QUEUE');
    await this.numbers.reset(scope.id, { ids: [id] });
    return (await this.numbers.findView(scope.id, id))!;
  }

  /**
   * The pool is shared but a company's delete is its own: its data for the number goes,
   * and the number leaves the pool only when no other company holds it. A superuser's
   * delete removes the number outright, every company's data with it.
   */
  async delete(actor: Principal, scope: CompanyRow, id: number): Promise<void> {
    const current = await this.get(actor, scope, id);
    this.checkChange(actor, current.status);
    if (can(actor.user, 'numbers.delete-from-pool')) await this.numbers.purge(scope.id, { ids: [id] });
    else await this.numbers.deleteOwned(scope.id, { ids: [id] }, MUTABLE_STATUSES);
  }

  /**
   * Bulk action on ids or on "all matching the filter except these", in one transaction.
   * For admins, numbers whose status is final are skipped and a delete is the company's
   * own (as for one number); `affected` counts what really changed.
   */
  async bulk(actor: Principal, scope: CompanyRow, b: BulkNumbersRequest): Promise<number> {
    // update_status: `new_status` (or else `status`) is the target and `status` filters only beside new_status.
    const target = b.action === 'reset' ? 'IN_QUEUE' : b.action === 'update_status' ? (b.new_status ?? b.status!) : undefined;
    const filterStatus = b.action === 'update_status' ? (b.new_status ? b.status : undefined) : b.status;
    const q = this.toQuery(actor, scope, { ...b, status: filterStatus });
    const anyStatus = can(actor.user, 'numbers.change-final');
    const allowedFrom = anyStatus ? undefined : MUTABLE_STATUSES;
    if (target === undefined) {
      return can(actor.user, 'numbers.delete-from-pool')
        ? this.numbers.purge(scope.id, q)
        : this.numbers.deleteOwned(scope.id, q, allowedFrom);
    }
    if (!anyStatus && !isMutableStatus(target)) {
      throw new AppError('FORBIDDEN', `Only a superuser can set the status ${target}.`, {
        fields: { status: `only ${MUTABLE_STATUSES.join(', ')} may be set` },
      });
    }
    if (target === 'IN_QUEUE') return this.numbers.reset(scope.id, q, allowedFrom);
    return this.numbers.setStatus(scope.id, q, target, this.clock.now(), allowedFrom);
  }

  /**
   * The export selection, streamed in id order in chunks. The next chunk is read while the
   * caller writes this one (the XLSX writer and the database each take about half the time).
   */
  async *exportRows(actor: Principal, scope: CompanyRow, b: ExportNumbersRequest, chunk = 10_000): AsyncGenerator<NumberRowView[]> {
    const q = this.toQuery(actor, scope, b);
    let next: Promise<NumberRowView[]> = this.numbers.exportChunk(scope.id, q, 0, chunk);
    try {
      for (;;) {
        const rows = await next;
        if (rows.length === 0) return;
        next = rows.length < chunk ? Promise.resolve([]) : this.numbers.exportChunk(scope.id, q, rows[rows.length - 1]!.id, chunk);
        yield rows;
      }
    } finally {
      // A consumer that stops early (the client went away) leaves a read in flight: its failure is nobody's.
      next.catch(() => undefined);
    }
  }

  exportCount(actor: Principal, scope: CompanyRow, b: ExportNumbersRequest) {
    return this.numbers.count(scope.id, this.toQuery(actor, scope, b));
  }
}
