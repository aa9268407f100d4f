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
    schema: {
      tags,
      summary: 'List companies (superuser)',
      description: 'Every company of the instance, paginated with `skip` and `limit`. Only a superuser may call it (403 otherwise).',
      response: { 200: ListCompaniesResponse, ...errors },
    },
    handler: async () => ({ items: (await companies.list()).map(companyView) }),
  });

  app.get('/api/companies/:id', {
    onRequest: superuser,
    schema: {
      tags,
      summary: 'One company (superuser)',
      description: 'One company by id; 404 when there is none. Superuser only.',
      params: IdParams,
      response: { 200: CompanyResponse, ...errors },
    },
    handler: async (req) => companyView(await companies.get(req.params.id)),
  });

  app.post('/api/companies', {
    onRequest: superuser,
    schema: {
      tags,
      summary: 'Create a company (superuser)',
      description:
        'Creates a tenant with its locale, calendar, time zone, region and currency. The name (a slug) is unique: a taken one is 409 naming `name`. Superuser only.',
      body: CreateCompanyRequest,
      response: { 201: CompanyResponse, ...errors },
    },
    handler: async (req, reply) => reply.status(201).send(companyView(await companies.create(req.body))),
  });

  app.put('/api/companies/:id', {
    onRequest: superuser,
    schema: {
      tags,
      summary: 'Update a company (superuser)',
      description:
        'Changes the fields given and leaves the rest. Deactivating a company stops its users (superusers aside) from signing in and its dialers from getting numbers. Superuser only.',
      params: IdParams,
      body: UpdateCompanyRequest,
      response: { 200: CompanyResponse, ...errors },
    },
    handler: async (req) => companyView(await companies.update(req.params.id, req.body)),
  });
}
