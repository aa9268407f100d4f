import { z } from 'zod';
import { CompanyScopeQuery, ErrorResponse, IdParams } from '@dialdeck/contracts/common';
import {
  AssignLineRequest,
  CreateLineRequest,
  FreeAgentsResponse,
  LineResponse,
  ListLinesQuery,
  ListLinesResponse,
  LineRestRule,
  UpdateLineRestRuleRequest,
  MyLinesResponse,
  UpdateLineRequest,
} from '@dialdeck/contracts/lines';
import { principalOf, type Guards } from '../../lib/auth';
import type { App } from '../../lib/http';
import type { CompaniesService } from '../companies/companies.service';
import type { LinesService } from './lines.service';

const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse };
const tags = ['lines'];

/** Outbound lines (API.md "Lines, scenarios, voice servers"); rules in line-rules.ts. */
export function linesRoutes(app: App, deps: { guards: Guards; lines: LinesService; companies: CompaniesService }) {
  const { guards, lines, companies } = deps;
  const admin = guards.user('lines.manage');
  const anyUser = guards.user('self.manage');

  app.get('/api/lines', {
    onRequest: admin,
    schema: {
      tags,
      summary: "The company's outbound lines, with health",
      description:
        "A page of the company's lines (caller IDs) in id order, each with its owner, its assigned agent and its health: " +
        'calls and connect rate over the last 24 h and over its last 100 calls, and whether it rests. Optional `is_active` ' +
        'and `search` (display name or phone). Admins only.',
      querystring: ListLinesQuery,
      response: { 200: ListLinesResponse, ...errors },
    },
    handler: async (req) => {
      const scope = await companies.resolveScope(principalOf(req), req.query.company);
      const { items, total } = await lines.list(scope, req.query);
      return { items, total, skip: req.query.skip, limit: req.query.limit };
    },
  });

  app.get('/api/lines/mine', {
    onRequest: anyUser,
    schema: {
      tags,
      summary: 'The lines the caller owns or is assigned',
      description: 'Any signed-in user: the lines of their company they own or are assigned to, with health.',
      response: { 200: MyLinesResponse, ...errors },
    },
    handler: async (req) => {
      const p = principalOf(req);
      return { items: await lines.mine(p.company, p.user.id) };
    },
  });

  app.get('/api/lines/free-agents', {
    onRequest: admin,
    schema: {
      tags,
      summary: 'Active agents without a line',
      description: "The company's active agents that have no line yet: who a line can be assigned to. Admins only.",
      querystring: CompanyScopeQuery,
      response: { 200: FreeAgentsResponse, ...errors },
    },
    handler: async (req) => ({ items: await lines.freeAgents(await companies.resolveScope(principalOf(req), req.query.company)) }),
  });

  app.get('/api/lines/rest-rule', {
    onRequest: admin,
    schema: {
      tags,
      summary: 'The rule that rests lines with a low connect rate',
      description:
        'A line whose connect rate over its last `line_rest_window_calls` calls falls below `line_rest_below_connect_rate` ' +
        '(0..1; null: never) rests for `line_rest_hours`: rotation skips it. Admins only.',
      querystring: CompanyScopeQuery,
      response: { 200: LineRestRule, ...errors },
    },
    handler: async (req) => lines.restRule(await companies.resolveScope(principalOf(req), req.query.company)),
  });

  app.put('/api/lines/rest-rule', {
    onRequest: admin,
    schema: {
      tags,
      summary: 'Change the line rest rule',
      description: 'Changes the fields given; `line_rest_below_connect_rate: null` turns resting off. Admins only.',
      querystring: CompanyScopeQuery,
      body: UpdateLineRestRuleRequest,
      response: { 200: LineRestRule, ...errors },
    },
    handler: async (req) => lines.setRestRule(await companies.resolveScope(principalOf(req), req.query.company), req.body),
  });

  app.post('/api/lines', {
    onRequest: admin,
    schema: {
      tags,
      summary: 'Add an outbound line',
      description:
        "Adds a line to the company. `phone_number` is stored E.164 (national input read in the company's default region); " +
        'a phone that is already a line anywhere is 409. `owner_user_id`: a user of the company (404 otherwise); ' +
        '`assigned_agent_id`: an active agent of the company (404 for another company, 400 for an inactive user or ' +
        'an admin), with no other line (409). Admins only.',
      querystring: CompanyScopeQuery,
      body: CreateLineRequest,
      response: { 201: LineResponse, ...errors },
    },
    handler: async (req, reply) =>
      reply.status(201).send(await lines.create(await companies.resolveScope(principalOf(req), req.query.company), req.body)),
  });

  app.get('/api/lines/:id', {
    onRequest: admin,
    schema: {
      tags,
      summary: 'One line',
      description: "One of the company's lines with its owner, agent and health; another company's line is 404. Admins only.",
      querystring: CompanyScopeQuery,
      params: IdParams,
      response: { 200: LineResponse, ...errors },
    },
    handler: async (req) => lines.get(await companies.resolveScope(principalOf(req), req.query.company), req.params.id),
  });

  app.put('/api/lines/:id', {
    onRequest: admin,
    schema: {
      tags,
      summary: 'Edit a line',
      description: 'Changes the fields given, by the rules of POST /api/lines. Admins only.',
      querystring: CompanyScopeQuery,
      params: IdParams,
      body: UpdateLineRequest,
      response: { 200: LineResponse, ...errors },
    },
    handler: async (req) => lines.update(await companies.resolveScope(principalOf(req), req.query.company), req.params.id, req.body),
  });

  app.delete('/api/lines/:id', {
    onRequest: admin,
    schema: {
      tags,
      summary: 'Delete a line',
      description: 'Deletes the line; the calls made from it are kept, with no line. Admins only.',
      querystring: CompanyScopeQuery,
      params: IdParams,
      response: { 204: z.void(), ...errors },
    },
    handler: async (req, reply) => {
      await lines.remove(await companies.resolveScope(principalOf(req), req.query.company), req.params.id);
      return reply.status(204).send();
    },
  });

  app.post('/api/lines/:id/assign', {
    onRequest: admin,
    schema: {
      tags,
      summary: 'Assign a line to an agent',
      description: 'An active agent of the company with no other line (409 when they have one; 404 for another company). Admins only.',
      querystring: CompanyScopeQuery,
      params: IdParams,
      body: AssignLineRequest,
      response: { 200: LineResponse, ...errors },
    },
    handler: async (req) =>
      lines.assign(await companies.resolveScope(principalOf(req), req.query.company), req.params.id, req.body.agent_id),
  });

  app.post('/api/lines/:id/unassign', {
    onRequest: admin,
    schema: {
      tags,
      summary: 'Take a line from its agent',
      description: 'The line stays active and in rotation, with no agent; the agent may be given another line. Admins only.',
      querystring: CompanyScopeQuery,
      params: IdParams,
      response: { 200: LineResponse, ...errors },
    },
    handler: async (req) => lines.unassign(await companies.resolveScope(principalOf(req), req.query.company), req.params.id),
  });

  app.post('/api/lines/:id/wake', {
    onRequest: admin,
    schema: {
      tags,
      summary: 'End a line’s rest now',
      description: 'Rotation uses the line again at once; its health window starts afresh. Admins only.',
      querystring: CompanyScopeQuery,
      params: IdParams,
      response: { 200: LineResponse, ...errors },
    },
    handler: async (req) => lines.wake(await companies.resolveScope(principalOf(req), req.query.company), req.params.id),
  });
}
