import { z } from 'zod';
import { CompanyScopeQuery, ErrorResponse, IdParams } from '@dialdeck/contracts/common';
import {
  CreateDialerTokenRequest,
  CreatedDialerTokenResponse,
  DiagnosticsQuery,
  DiagnosticsResponse,
  ListDialerTokensResponse,
  NextBatchQuery,
  NextBatchResponse,
  ReportResultRequest,
  ReportResultResponse,
  ReportResultsRequest,
  ReportResultsResponse,
} from '@dialdeck/contracts/dialer';
import { dialerOf, principalOf, type Guards } from '../../lib/auth';
import type { App } from '../../lib/http';
import { toZonedIso } from '../../lib/time';
import type { CompaniesService } from '../companies/companies.service';
import type { DialerTokensService } from './dialer-tokens.service';
import type { DispatchService } from './dispatch.service';
import type { ReportsService } from './reports.service';

const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse, 413: ErrorResponse };
const IdempotencyHeaders = z.object({ 'idempotency-key': z.string().min(1).max(200).optional() }).passthrough();

export function dialerRoutes(
  app: App,
  deps: { guards: Guards; companies: CompaniesService; tokens: DialerTokensService; dispatch: DispatchService; reports: ReportsService },
) {
  const { guards, companies, tokens, dispatch, reports } = deps;
  const admin = guards.user('dialer.manage');
  const dialer = guards.dialer();
  const tags = ['dialer'];

  app.post('/api/dialer/tokens', {
    onRequest: admin,
    schema: {
      tags,
      summary: 'Create a dialer token (shown once)',
      description:
        "Creates a token for a dialer of the caller's company. The answer is the only time the token's secret is shown; only its hash is kept. Admins only.",
      querystring: CompanyScopeQuery,
      body: CreateDialerTokenRequest,
      response: { 201: CreatedDialerTokenResponse, ...errors },
    },
    handler: async (req, reply) => {
      const scope = await companies.resolveScope(principalOf(req), req.query.company);
      const t = await tokens.create(scope, req.body.name);
      return reply.status(201).send({ id: t.id, name: t.name, token: t.token, created_at: toZonedIso(t.created_at, scope.timezone) });
    },
  });

  app.get('/api/dialer/tokens', {
    onRequest: admin,
    schema: {
      tags,
      summary: "The company's live dialer tokens",
      description: "The company's tokens that are not revoked, with when each was last used. Admins only.",
      querystring: CompanyScopeQuery,
      response: { 200: ListDialerTokensResponse, ...errors },
    },
    handler: async (req) => {
      const scope = await companies.resolveScope(principalOf(req), req.query.company);
      const items = await tokens.list(scope);
      return {
        items: items.map((t) => ({
          id: t.id,
          name: t.name,
          created_at: toZonedIso(t.created_at, scope.timezone),
          last_used_at: t.last_used_at ? toZonedIso(t.last_used_at, scope.timezone) : null,
        })),
      };
    },
  });

  app.delete('/api/dialer/tokens/:id', {
    onRequest: admin,
    schema: {
      tags,
      summary: 'Revoke a dialer token; it stops working at once',
      description: 'Revokes a token: the next request made with it is 401. Admins only.',
      params: IdParams,
      querystring: CompanyScopeQuery,
      response: { 204: z.void(), ...errors },
    },
    handler: async (req, reply) => {
      const scope = await companies.resolveScope(principalOf(req), req.query.company);
      await tokens.revoke(scope, req.params.id);
      return reply.status(204).send();
    },
  });

  app.get('/api/dialer/next-batch', {
    // Hot too: the token is taken from a recent verification and confirmed inside the
    // dispatch transaction (DispatchService).
    onRequest: guards.dialer({ cached: true }),
    schema: {
      tags,
      summary: 'Lease up to `size` numbers to call, or a refusal with a retry hint',
      description:
        'Called by a dialer with its token. Leases up to `size` numbers the company may call now (schedule open, not blocked, not already called, not cooling down). When none can be handed out, the answer says why and when to ask again.',
      querystring: NextBatchQuery,
      response: { 200: NextBatchResponse, ...errors },
    },
    handler: async (req) => {
      const d = dialerOf(req);
      return dispatch.nextBatch(d.company, d.tokenId, req.query.size, req.query.campaign_id, d.liveChecked ? null : d.tokenId);
    },
  });

  app.post('/api/dialer/report-result', {
    // The busiest route: the token is taken from a recent verification and re-checked
    // in the report's own statement (ReportsService).
    onRequest: guards.dialer({ cached: true }),
    schema: {
      tags,
      summary: 'Record a call outcome; idempotent by report_id or Idempotency-Key',
      description:
        "Called by a dialer with its token. Records the outcome of one call of a leased number and sets this company's status of it. Sending the same report again (same `report_id` or `Idempotency-Key`) answers the first result; a different report under the same id is 409.",
      headers: IdempotencyHeaders,
      body: ReportResultRequest,
      response: { 200: ReportResultResponse, ...errors },
    },
    handler: async (req) => {
      const key = req.headers['idempotency-key'];
      const body = typeof key === 'string' && !req.body.report_id ? { ...req.body, report_id: key } : req.body;
      const d = dialerOf(req);
      const [answer] = await reports.report(d.company, [body], () => '', d.liveChecked ? {} : { liveTokenId: d.tokenId });
      return answer!;
    },
  });

  app.post('/api/dialer/report-results', {
    onRequest: dialer,
    bodyLimit: 16 * 1024 * 1024,
    schema: {
      tags,
      summary: 'Record up to 500 outcomes in one transaction',
      description:
        'Called by a dialer with its token. Up to 500 reports, recorded together in one transaction: an invalid report (400 naming it) stores none of them.',
      body: ReportResultsRequest,
      response: { 200: ReportResultsResponse, ...errors },
    },
    handler: async (req) => ({ items: await reports.report(dialerOf(req).company, req.body.results, (i) => `results.${i}.`) }),
  });

  app.get('/api/dialer/diagnostics', {
    onRequest: admin,
    schema: {
      tags,
      summary: 'Why the company gets no numbers: the eligibility funnel and the schedule now',
      description:
        "For an admin wondering why the dialer gets nothing: how many numbers each eligibility rule excludes, in the order the dispatch applies them, and the schedule's verdict now.",
      querystring: DiagnosticsQuery.extend(CompanyScopeQuery.shape),
      response: { 200: DiagnosticsResponse, ...errors },
    },
    handler: async (req) => {
      const scope = await companies.resolveScope(principalOf(req), req.query.company);
      return dispatch.diagnostics(scope, req.query.campaign_id);
    },
  });
}
