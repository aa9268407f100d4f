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
      body: LoginRequest,
      response: { 200: LoginResponse, ...errors },
    },
    handler: (req) => auth.login(req.body.username, req.body.password, req.ip),
  });

  app.get('/api/auth/me', {
    onRequest: guards.user(),
    schema: { tags, summary: 'The logged-in user', response: { 200: UserResponse, ...errors } },
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
