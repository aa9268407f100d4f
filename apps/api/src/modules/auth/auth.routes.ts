import { LoginRequest, LoginResponse, UpdateMeRequest, UserResponse, UpdateMeResponse } from '@dialdeck/contracts/auth';
import { ErrorResponse } from '@dialdeck/contracts/common';
import { principalOf, type Guards } from '../../lib/auth';
import type { App } from '../../lib/http';
import type { AuthService } from './auth.service';

export function authRoutes(app: App, { guards, auth }: { guards: Guards; auth: AuthService }) {
  const tags = ['auth'];
  const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 429: ErrorResponse };

  app.post('/api/auth/login', {
    schema: {
      tags,
      summary: 'Log in; answers a bearer token valid for one day',
      description:
        'Needs no token. Answers `access_token` for the `Authorization: Bearer` header of every other call. Repeated failures from one address for one username (and sprays across usernames) are refused with 429 and a `Retry-After` header in seconds; the same message answers an unknown username and a wrong password.',
      body: LoginRequest,
      response: { 200: LoginResponse, ...errors },
    },
    handler: (req) => auth.login(req.body.username, req.body.password, req.ip),
  });

  app.get('/api/auth/me', {
    onRequest: guards.user(),
    schema: {
      tags,
      summary: 'The logged-in user',
      description:
        'The user the bearer token belongs to, with their company (locale, calendar, time zone), as every page of the web app loads it first.',
      response: { 200: UserResponse, ...errors },
    },
    handler: async (req) => {
      const me = principalOf(req);
      return auth.me(me);
    },
  });

  app.put('/api/auth/me', {
    onRequest: guards.user(),
    schema: {
      tags,
      summary: 'Update own name or password (needs the current password)',
      description:
        'A new password ends every session of the user (tokens issued before it are refused); the answer then carries ' +
        '`access_token`, a fresh token for the session that made the change.',
      body: UpdateMeRequest,
      response: { 200: UpdateMeResponse, ...errors },
    },
    handler: async (req) => {
      const me = principalOf(req);
      return auth.updateMe(me, req.body);
    },
  });
}
