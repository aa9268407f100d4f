import { z } from 'zod';
import { UserResponse } from '@dialdeck/contracts/auth';
import { CompanyScopeQuery, ErrorResponse, IdParams } from '@dialdeck/contracts/common';
import { CreateUserRequest, ListUsersQuery, ListUsersResponse, UpdateUserRequest } from '@dialdeck/contracts/users';
import { principalOf, type Guards } from '../../lib/auth';
import type { App } from '../../lib/http';
import type { CompaniesService } from '../companies/companies.service';
import { userView } from './user-view';
import type { UsersService } from './users.service';

const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse, 422: ErrorResponse };

export function usersRoutes(app: App, deps: { guards: Guards; users: UsersService; companies: CompaniesService }) {
  const { guards, users, companies } = deps;
  const admin = guards.user('users.manage');
  const tags = ['users'];

  app.get('/api/admins', {
    onRequest: admin,
    schema: {
      tags,
      summary: "List the company's users",
      description:
        "The users of the caller's company, paginated (`skip`, `limit`), optionally narrowed by `search` (username, name or phone) and `role`. Each user carries `last_login_at`. Admins only.",
      querystring: ListUsersQuery,
      response: { 200: ListUsersResponse, ...errors },
    },
    handler: async (req) => {
      const scope = await companies.resolveScope(principalOf(req), req.query.company);
      const { rows, total } = await users.list(scope, req.query);
      return { items: rows.map((u) => userView(u, scope)), skip: req.query.skip, limit: req.query.limit, total };
    },
  });

  app.get('/api/admins/:id', {
    onRequest: admin,
    schema: {
      tags,
      summary: 'One user',
      description: "One user of the caller's company; a user of another company is 404, as if it did not exist. Admins only.",
      params: IdParams,
      querystring: CompanyScopeQuery,
      response: { 200: UserResponse, ...errors },
    },
    handler: async (req) => {
      const scope = await companies.resolveScope(principalOf(req), req.query.company);
      return userView(await users.get(scope, req.params.id), scope);
    },
  });

  app.post('/api/admins', {
    onRequest: admin,
    schema: {
      tags,
      summary: 'Create a user',
      description:
        "Creates a user in the caller's company. Usernames are unique across the instance: a taken one is 409 naming `username`. Admins only.",
      querystring: CompanyScopeQuery,
      body: CreateUserRequest,
      response: { 201: UserResponse, ...errors },
    },
    handler: async (req, reply) => {
      const actor = principalOf(req);
      const scope = await companies.resolveScope(actor, req.query.company);
      const { user, company } = await users.create(actor, scope, req.body);
      return reply.status(201).send(userView(user, company));
    },
  });

  app.put('/api/admins/:id', {
    onRequest: admin,
    schema: {
      tags,
      summary: 'Update a user',
      description:
        'Changes the fields given. A new password or a deactivation ends every session of that user. Only a superuser may edit a superuser. Admins only.',
      params: IdParams,
      querystring: CompanyScopeQuery,
      body: UpdateUserRequest,
      response: { 200: UserResponse, ...errors },
    },
    handler: async (req) => {
      const actor = principalOf(req);
      const scope = await companies.resolveScope(actor, req.query.company);
      const { user, company } = await users.update(actor, scope, req.params.id, req.body);
      return userView(user, company);
    },
  });

  app.delete('/api/admins/:id', {
    onRequest: admin,
    schema: {
      tags,
      summary: 'Delete a user',
      description: "Deletes a user of the caller's company. Nobody can delete themselves or a superuser (422). Admins only.",
      params: IdParams,
      querystring: CompanyScopeQuery,
      response: { 204: z.void(), ...errors },
    },
    handler: async (req, reply) => {
      const actor = principalOf(req);
      const scope = await companies.resolveScope(actor, req.query.company);
      await users.delete(actor, scope, req.params.id);
      return reply.status(204).send();
    },
  });
}
