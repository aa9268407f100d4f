import { z } from 'zod';
import { CompanyScopeQuery, ErrorResponse, Id, IdParam, IdParams } from '@dialdeck/contracts/common';
import {
  AddNumbersRequest,
  AddNumbersResponse,
  BulkNumbersRequest,
  BulkNumbersResponse,
  CountNumbersQuery,
  CountNumbersResponse,
  ExportNumbersRequest,
  ListNumberHistoryQuery,
  ListNumberHistoryResponse,
  ListNumbersQuery,
  ListNumbersResponse,
  NumberResponse,
  UpdateNumberStatusRequest,
} from '@dialdeck/contracts/numbers';
import { principalOf, type Guards } from '../../lib/auth';
import { AppError } from '../../lib/errors';
import type { App } from '../../lib/http';
import { DEFAULT_TABULAR_LIMITS } from '../../lib/tabular-files/tabular-limits';
import type { CompaniesService } from '../companies/companies.service';
import { fileKind } from './number-files';
import { numberView } from './number-view';
import { streamNumbersXlsx } from './numbers-export';
import type { NumberHistoryService } from './number-history.service';
import type { NumbersService } from './numbers.service';

const errors = {
  400: ErrorResponse,
  401: ErrorResponse,
  403: ErrorResponse,
  404: ErrorResponse,
  409: ErrorResponse,
  413: ErrorResponse,
  415: ErrorResponse,
  422: ErrorResponse,
};

/** Largest upload accepted; a bigger file is refused whole (413, limit: upload_bytes). */
export const UPLOAD_LIMIT_BYTES = DEFAULT_TABULAR_LIMITS.upload_bytes;

export function numbersRoutes(
  app: App,
  deps: { guards: Guards; numbers: NumbersService; history: NumberHistoryService; companies: CompaniesService },
) {
  const { guards, numbers, history, companies } = deps;
  const anyUser = guards.user('numbers.work-assigned');
  const admin = guards.user('numbers.manage');
  const tags = ['numbers'];
  const scopeOf = (req: { query: { company?: string } } & Parameters<typeof principalOf>[0]) =>
    companies.resolveScope(principalOf(req), req.query.company);

  app.get('/api/numbers', {
    onRequest: anyUser,
    schema: {
      tags,
      summary: "The pool with this company's status of each number (agents: their own)",
      description:
        "Numbers of the shared pool with this company's status for each, filtered by status, date range and search, paginated. Agents see only the numbers they called themselves.",
      querystring: ListNumbersQuery,
      response: { 200: ListNumbersResponse, ...errors },
    },
    handler: async (req) => {
      const scope = await scopeOf(req);
      const { skip, limit, sort_by, sort_order, ...filter } = req.query;
      const rows = await numbers.list(principalOf(req), scope, filter, sort_by, sort_order, skip, limit);
      return { items: rows.map((r) => numberView(r, scope.timezone)), skip, limit };
    },
  });

  app.get('/api/numbers/stats', {
    onRequest: anyUser,
    schema: {
      tags,
      summary: 'How many numbers match the filters',
      description: 'The count of numbers matching the same filters as the list, without fetching them.',
      querystring: CountNumbersQuery,
      response: { 200: CountNumbersResponse, ...errors },
    },
    handler: async (req) => {
      const scope = await scopeOf(req);
      return { total: await numbers.count(principalOf(req), scope, req.query) };
    },
  });

  app.get('/api/numbers/:id/history', {
    onRequest: anyUser,
    schema: {
      tags,
      summary: "A number's detail: its global and this company's status, and this company's call results, newest first",
      description:
        "`number` is the number as the list shows it to this company: `global_status` (the shared pool's block, if any) " +
        "and `status` (this company's, IN_QUEUE when it has no result). `items` are this company's call results for it, " +
        'newest (last recorded) first, with any transcript, summary and recording URL the dialer reported; another ' +
        "company's results never appear. Keyset pages: pass `next_cursor` back as `cursor` until it is null. " +
        'A number not in the pool answers 404, and so does one an agent is not assigned (the latest result names another agent). ' +
        'A malformed `cursor` or `limit` answers 400 naming the field.',
      params: IdParams,
      querystring: ListNumberHistoryQuery,
      response: { 200: ListNumberHistoryResponse, ...errors },
    },
    handler: async (req) => history.list(principalOf(req), await scopeOf(req), req.params.id, req.query.cursor, req.query.limit),
  });

  app.post('/api/numbers', {
    onRequest: admin,
    bodyLimit: 8 * 1024 * 1024,
    schema: {
      tags,
      summary: 'Add numbers given as text or an array',
      description:
        "Adds numbers typed or pasted: a text with one number per line or comma, or an array. Each is normalised to E.164 for the company's region; the answer counts added, duplicates and invalid values (with their line and reason). Admins only.",
      querystring: CompanyScopeQuery,
      body: AddNumbersRequest,
      response: { 200: AddNumbersResponse, ...errors },
    },
    handler: async (req) => numbers.add(await scopeOf(req), req.body),
  });

  app.post('/api/numbers/upload', {
    onRequest: admin,
    schema: {
      tags,
      summary: 'Upload a CSV or XLSX (first column, or a "phone" column); all or nothing',
      description:
        'A multipart upload of one .csv or .xlsx file (at most the upload limit: larger is 413; another type is 415). Stored all or nothing: a failure leaves the pool unchanged. Admins only.',
      consumes: ['multipart/form-data'],
      querystring: CompanyScopeQuery.extend({ campaign_id: IdParam.optional() }),
      response: { 200: AddNumbersResponse, ...errors },
    },
    handler: async (req) => {
      const scope = await scopeOf(req);
      if (!req.isMultipart()) throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'Send the file as multipart/form-data in the field "file".');
      const file = await req.file({ limits: { fileSize: UPLOAD_LIMIT_BYTES, files: 1, fields: 5 } });
      if (!file || file.fieldname !== 'file') {
        throw new AppError('VALIDATION_FAILED', 'file: required', { fields: { file: 'required' } });
      }
      const kind = fileKind(file.filename, file.mimetype);
      const fieldCampaign = (file.fields.campaign_id as { value?: unknown } | undefined)?.value;
      const campaignId = req.query.campaign_id ?? parseCampaignField(fieldCampaign);
      return numbers.upload(scope, kind, file.file, campaignId, () => file.file.truncated);
    },
  });

  app.put('/api/numbers/:id/status', {
    onRequest: anyUser,
    schema: {
      tags,
      summary: "Set this company's status of a number (mutability rules apply)",
      description:
        "Sets this company's status of one number. Final statuses can only be changed by a superuser (422); agents may change only numbers they called.",
      params: IdParams,
      querystring: CompanyScopeQuery,
      body: UpdateNumberStatusRequest,
      response: { 200: NumberResponse, ...errors },
    },
    handler: async (req) => {
      const scope = await scopeOf(req);
      return numberView(await numbers.updateStatus(principalOf(req), scope, req.params.id, req.body.status), scope.timezone);
    },
  });

  app.post('/api/numbers/:id/reset', {
    onRequest: admin,
    schema: {
      tags,
      summary: 'Back to IN_QUEUE for this company: its results go, its lock is released',
      description:
        "Puts the number back in this company's queue: its call results for this company are deleted and any batch lease on it is released. Admins only.",
      params: IdParams,
      querystring: CompanyScopeQuery,
      response: { 200: NumberResponse, ...errors },
    },
    handler: async (req) => {
      const scope = await scopeOf(req);
      return numberView(await numbers.reset(principalOf(req), scope, req.params.id), scope.timezone);
    },
  });

  app.delete('/api/numbers/:id', {
    onRequest: admin,
    schema: {
      tags,
      summary: "Delete this company's data for a number; it leaves the shared pool when no other company holds it",
      description:
        "Deletes this company's status and results for the number; the number itself leaves the shared pool only when no other company holds data for it. Admins only.",
      params: IdParams,
      querystring: CompanyScopeQuery,
      response: { 204: z.void(), ...errors },
    },
    handler: async (req, reply) => {
      await numbers.delete(principalOf(req), await scopeOf(req), req.params.id);
      return reply.status(204).send();
    },
  });

  app.post('/api/numbers/bulk', {
    onRequest: admin,
    bodyLimit: 4 * 1024 * 1024,
    schema: {
      tags,
      summary: 'update_status, reset or delete by ids, or all matching the filters except excluded_ids',
      description:
        'One action on many numbers: the ids given, or every number matching the filters except `excluded_ids`. Answers how many were changed and how many were skipped. Admins only.',
      querystring: CompanyScopeQuery,
      body: BulkNumbersRequest,
      response: { 200: BulkNumbersResponse, ...errors },
    },
    handler: async (req) => ({ affected: await numbers.bulk(principalOf(req), await scopeOf(req), req.body) }),
  });

  app.post('/api/numbers/export', {
    onRequest: admin,
    bodyLimit: 4 * 1024 * 1024,
    schema: {
      tags,
      summary: 'The same selection as bulk, streamed as XLSX',
      description:
        'Streams the selection (the same shape as bulk) as an XLSX workbook; `X-Total-Count` says how many rows it holds. Admins only.',
      querystring: CompanyScopeQuery,
      body: ExportNumbersRequest,
      response: errors,
    },
    handler: async (req, reply) => {
      const actor = principalOf(req);
      const scope = await scopeOf(req);
      const total = await numbers.exportCount(actor, scope, req.body);
      const stamp = new Date().toISOString().slice(0, 10);
      const stream = streamNumbersXlsx(numbers.exportRows(actor, scope, req.body), scope.timezone, req.log);
      return (
        reply
          .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
          .header('content-disposition', `attachment; filename="numbers-${scope.name}-${stamp}.xlsx"`)
          .header('x-total-count', String(total))
          // A stream bypasses the JSON serializer; the schema only documents the errors.
          .send(stream as never)
      );
    },
  });
}

function parseCampaignField(v: unknown): number | undefined {
  if (v === undefined || v === '') return undefined;
  const r = z.coerce.number().pipe(Id).safeParse(v);
  if (!r.success) throw new AppError('VALIDATION_FAILED', 'campaign_id: a campaign id', { fields: { campaign_id: 'a campaign id' } });
  return r.data;
}
