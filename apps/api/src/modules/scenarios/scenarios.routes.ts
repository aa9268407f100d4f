import { z } from 'zod';
import { CompanyScopeQuery, ErrorResponse, IdParams } from '@dialdeck/contracts/common';
import {
  CreateScenarioRequest,
  ListScenariosQuery,
  ListScenariosResponse,
  ScenarioResponse,
  UpdateScenarioRequest,
} from '@dialdeck/contracts/scenarios';
import { principalOf, type Guards } from '../../lib/auth';
import type { App } from '../../lib/http';
import type { CompaniesService } from '../companies/companies.service';
import type { ScenariosService } from './scenarios.service';

const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse };
const tags = ['scenarios'];
const CONFIG =
  '`config` (all optional, unknown keys refused): `prompt`, `first_message`, `language` (a BCP 47 tag), `voice`, ' +
  '`variables: [{name, field, fallback?}]` reading a contact field or `metadata.<key>`; every `{{name}}` in the prompt ' +
  'or the first message must be a declared variable (400 naming `config.prompt`).';

/** Scenarios (API.md "Lines, scenarios, voice servers"); rules in scenarios.service.ts and the contract. */
export function scenariosRoutes(app: App, deps: { guards: Guards; scenarios: ScenariosService; companies: CompaniesService }) {
  const { guards, scenarios, companies } = deps;
  const admin = guards.user('scenarios.manage');

  app.get('/api/scenarios', {
    onRequest: admin,
    schema: {
      tags,
      summary: "The company's scenarios",
      description:
        "A page of the company's scenarios in id order, each with its config and `used_by.calls` (recorded calls that name " +
        'it). Optional `is_active` and `search` (name or display name). Admins only.',
      querystring: ListScenariosQuery,
      response: { 200: ListScenariosResponse, ...errors },
    },
    handler: async (req) => {
      const { items, total } = await scenarios.list(await companies.resolveScope(principalOf(req), req.query.company), req.query);
      return { items, total, skip: req.query.skip, limit: req.query.limit };
    },
  });

  app.post('/api/scenarios', {
    onRequest: admin,
    schema: {
      tags,
      summary: 'Add a scenario',
      description: `Adds a scenario; a \`name\` the company already uses is 409. ${CONFIG} Admins only.`,
      querystring: CompanyScopeQuery,
      body: CreateScenarioRequest,
      response: { 201: ScenarioResponse, ...errors },
    },
    handler: async (req, reply) =>
      reply.status(201).send(await scenarios.create(await companies.resolveScope(principalOf(req), req.query.company), req.body)),
  });

  app.get('/api/scenarios/:id', {
    onRequest: admin,
    schema: {
      tags,
      summary: 'One scenario',
      description: "One of the company's scenarios with its config and usage; another company's is 404. Admins only.",
      querystring: CompanyScopeQuery,
      params: IdParams,
      response: { 200: ScenarioResponse, ...errors },
    },
    handler: async (req) => scenarios.get(await companies.resolveScope(principalOf(req), req.query.company), req.params.id),
  });

  app.put('/api/scenarios/:id', {
    onRequest: admin,
    schema: {
      tags,
      summary: 'Edit a scenario',
      description: `Changes the fields given; \`config\` replaces the whole config. ${CONFIG} Admins only.`,
      querystring: CompanyScopeQuery,
      params: IdParams,
      body: UpdateScenarioRequest,
      response: { 200: ScenarioResponse, ...errors },
    },
    handler: async (req) => scenarios.update(await companies.resolveScope(principalOf(req), req.query.company), req.params.id, req.body),
  });

  app.delete('/api/scenarios/:id', {
    onRequest: admin,
    schema: {
      tags,
      summary: 'Delete a scenario',
      description:
        'Deletes a scenario no recorded call names; one in use is 409 naming how many calls use it (deactivate it ' +
        'instead with `is_active: false`). Admins only.',
      querystring: CompanyScopeQuery,
      params: IdParams,
      response: { 204: z.void(), ...errors },
    },
    handler: async (req, reply) => {
      await scenarios.remove(await companies.resolveScope(principalOf(req), req.query.company), req.params.id);
      return reply.status(204).send();
    },
  });
}
