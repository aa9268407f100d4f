import { ErrorResponse } from '@dialdeck/contracts/common';
import { ListCampaignsQuery, ListCampaignsResponse } from '@dialdeck/contracts/campaigns';
import { principalOf, type Guards } from '../../lib/auth';
import type { App } from '../../lib/http';
import type { CompaniesService } from '../companies/companies.service';
import type { CampaignsService } from './campaigns.service';

const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse };

/** Campaigns: the list only for now (pickers such as the dialer diagnostics'); management comes with its own issue. */
export function campaignsRoutes(app: App, deps: { guards: Guards; campaigns: CampaignsService; companies: CompaniesService }) {
  const { guards, campaigns, companies } = deps;
  // Campaigns are an admin's (API.md); the admin grade's own permission for company data.
  const admin = guards.user('numbers.manage');

  app.get('/api/campaigns', {
    onRequest: admin,
    schema: {
      tags: ['campaigns'],
      summary: "The company's campaigns, newest first",
      description:
        "A page of the caller's company's campaigns (a superuser may name another with `company`), newest first, with " +
        'how many numbers each has as members. Optional `status` filter. Admins only; agents get 403.',
      querystring: ListCampaignsQuery,
      response: { 200: ListCampaignsResponse, ...errors },
    },
    handler: async (req) => {
      const scope = await companies.resolveScope(principalOf(req), req.query.company);
      const { skip, limit } = req.query;
      return { items: await campaigns.list(scope, req.query), skip, limit };
    },
  });
}
