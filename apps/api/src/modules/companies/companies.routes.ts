import { CompanyResponse, CreateCompanyRequest, ListCompaniesResponse, UpdateCompanyRequest } from '@dialdeck/contracts/companies';
import { ErrorResponse, IdParams } from '@dialdeck/contracts/common';
import type { App } from '../../lib/http';
import type { Guards } from '../../lib/auth';
import type { CompaniesService } from './companies.service';
import { companyView } from './company-view';

const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse };

export function companiesRoutes(app: App, { guards, companies }: { guards: Guards; companies: CompaniesService }) {
  const superuser = guards.user('companies.manage');
  const tags = ['companies'];

  app.get('/api/companies', {
    onRequest: superuser,
    schema: { tags, summary: 'List companies (superuser)', response: { 200: ListCompaniesResponse, ...errors } },
    handler: async () => ({ items: (await companies.list()).map(companyView) }),
  });

  app.get('/api/companies/:id', {
    onRequest: superuser,
    schema: { tags, summary: 'One company (superuser)', params: IdParams, response: { 200: CompanyResponse, ...errors } },
    handler: async (req) => companyView(await companies.get(req.params.id)),
  });

  app.post('/api/companies', {
    onRequest: superuser,
    schema: { tags, summary: 'Create a company (superuser)', body: CreateCompanyRequest, response: { 201: CompanyResponse, ...errors } },
    handler: async (req, reply) => reply.status(201).send(companyView(await companies.create(req.body))),
  });

  app.put('/api/companies/:id', {
    onRequest: superuser,
    schema: {
      tags,
      summary: 'Update a company (superuser)',
      params: IdParams,
      body: UpdateCompanyRequest,
      response: { 200: CompanyResponse, ...errors },
    },
    handler: async (req) => companyView(await companies.update(req.params.id, req.body)),
  });
}
