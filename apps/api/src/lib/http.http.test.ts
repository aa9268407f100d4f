import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, buildTestApp, makeWorld, type TestApp, type World } from '../../test/app';
import { ENGINE } from '../../test/db';
import { BODY_LIMIT_BYTES } from '../app';
import { makeGuards, AccessTokens } from './auth';
import { errorHandler } from './http';
import { systemClock } from './time';
import Fastify from 'fastify';
import type { CompanyRow } from '../db/schema/database';

describe(`HTTP conventions (${ENGINE})`, () => {
  let t: TestApp;
  let w: World;
  beforeAll(async () => {
    t = await buildTestApp();
    w = await makeWorld(t);
  });
  afterAll(() => t.close());

  const post = (payload: string, contentType = 'application/json') =>
    t.app.inject({ method: 'POST', url: '/api/admins', headers: { ...bearer(w.adminA.token), 'content-type': contentType }, payload });

  it('malformed JSON → 400 naming the body', async () => {
    const r = await post('{"username": ');
    expect(r.statusCode).toBe(400);
    expect(r.json()).toEqual({ error: { code: 'VALIDATION_FAILED', message: expect.any(String), fields: { body: 'not valid JSON' } } });
  });

  it('a body of the wrong shape → 400', async () => {
    for (const body of ['[]', '"text"', '42', 'null']) {
      const r = await post(body);
      expect(r.statusCode).toBe(400);
      expect(r.json().error.code).toBe('VALIDATION_FAILED');
    }
  });

  it('a body over the limit → 413', async () => {
    const r = await post(JSON.stringify({ username: 'x'.repeat(BODY_LIMIT_BYTES + 10) }));
    expect(r.statusCode).toBe(413);
    expect(r.json().error.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('an unsupported content type → 415', async () => {
    const r = await post('username=x', 'application/x-www-form-urlencoded');
    expect(r.statusCode).toBe(415);
    expect(r.json().error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });

  it('unknown API routes answer JSON 404; without a built web app, pages say how to build it', async () => {
    const r = await t.app.inject({ method: 'GET', url: '/api/nothing-here' });
    expect(r.statusCode).toBe(404);
    expect(r.json().error.code).toBe('NOT_FOUND');
    const page = await t.app.inject({ method: 'GET', url: '/users' });
    expect(page.statusCode).toBe(404);
    expect(page.body).toMatch(/npm run build/);
  });

  it('GET /api/health → {status: ok, db: ok}', async () => {
    const r = await t.app.inject({ method: 'GET', url: '/api/health' });
    expect(r.statusCode).toBe(200);
    expect(r.json()).toEqual({ status: 'ok', db: 'ok' });
  });

  it('serves the OpenAPI document generated from the contracts, and the browsable reference', async () => {
    const doc = await t.app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(doc.statusCode).toBe(200);
    const spec = doc.json();
    expect(spec.openapi).toMatch(/^3\./);
    for (const p of [
      '/api/auth/login',
      '/api/auth/me',
      '/api/companies',
      '/api/companies/{id}',
      '/api/admins',
      '/api/admins/{id}',
      '/api/health',
    ]) {
      expect(spec.paths).toHaveProperty([p]);
    }
    expect(spec.paths['/api/auth/login'].post.requestBody.content['application/json'].schema.properties).toHaveProperty('username');
    const ui = await t.app.inject({ method: 'GET', url: '/api/docs/' });
    expect(ui.statusCode).toBe(200);
    expect(ui.headers['content-type']).toMatch(/html/);
  });
});

describe('dialer route guard', () => {
  // The dialer engine brings its routes later; the guard is ready and proven here on a bare app.
  const tokens = new AccessTokens(new TextEncoder().encode('g'.repeat(40)), systemClock);
  const guards = makeGuards({
    tokens,
    loadPrincipal: async () => undefined,
    verifyDialerToken: async (token) =>
      token === 'ddt_valid' ? { kind: 'dialer', tokenId: 1, company: { id: 7 } as CompanyRow, liveChecked: true } : undefined,
  });
  const app = Fastify();
  app.setErrorHandler(errorHandler);
  app.get('/dialer-only', { onRequest: guards.dialer() }, async (req) => ({ company: req.dialer?.company.id }));

  it('refuses a user JWT, unknown dialer tokens and no token with 401; accepts a valid dialer token', async () => {
    const userJwt = await tokens.sign(1, 0);
    const user = await app.inject({ method: 'GET', url: '/dialer-only', headers: bearer(userJwt) });
    expect(user.statusCode).toBe(401);
    expect(user.json().error.message).toMatch(/user token is not accepted/);
    expect((await app.inject({ method: 'GET', url: '/dialer-only', headers: bearer('ddt_revoked') })).statusCode).toBe(401);
    expect((await app.inject({ method: 'GET', url: '/dialer-only' })).statusCode).toBe(401);
    const ok = await app.inject({ method: 'GET', url: '/dialer-only', headers: bearer('ddt_valid') });
    expect(ok.json()).toEqual({ company: 7 });
  });
});
