import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, buildTestApp, makeWorld, type TestApp, type World } from '../../../test/app';
import { ENGINE } from '../../../test/db';
import { BODY_LIMIT_BYTES } from '../../app';

describe(`authentication before the body (${ENGINE})`, () => {
  let t: TestApp;
  let w: World;
  beforeAll(async () => {
    t = await buildTestApp();
    w = await makeWorld(t);
  });
  afterAll(() => t.close());

  const json = { 'content-type': 'application/json' };

  it.each([
    ['POST /api/admins', 'POST', '/api/admins'],
    ['PUT /api/auth/me', 'PUT', '/api/auth/me'],
    ['POST /api/numbers/bulk', 'POST', '/api/numbers/bulk'],
    ['POST /api/dialer/report-result', 'POST', '/api/dialer/report-result'],
    ['POST /api/dialer/report-results', 'POST', '/api/dialer/report-results'],
  ] as const)('%s without a token: 401 for a body missing fields, not JSON, or over the size limit', async (_l, method, url) => {
    const bodies = ['{}', '{"not json', 'x'.repeat(BODY_LIMIT_BYTES * 2)];
    for (const payload of bodies) {
      const r = await t.app.inject({ method, url, headers: json, payload });
      expect(r.statusCode).toBe(401);
      expect(r.json().error).toEqual({ code: 'UNAUTHORIZED', message: expect.any(String) });
    }
  });

  it('a user token on a dialer route and a dialer-token-shaped bearer on a user route: 401 before the body', async () => {
    const dialer = await t.app.inject({
      method: 'POST',
      url: '/api/dialer/report-results',
      headers: { ...json, ...bearer(w.adminA.token) },
      payload: '{"results": 7',
    });
    expect(dialer.statusCode).toBe(401);
    const user = await t.app.inject({ method: 'POST', url: '/api/admins', headers: { ...json, ...bearer('ddt_nope') }, payload: '{' });
    expect(user.statusCode).toBe(401);
  });

  it('an agent on an admin route gets 403 before the body is validated', async () => {
    const r = await t.app.inject({ method: 'POST', url: '/api/admins', headers: { ...json, ...bearer(w.agentA.token) }, payload: '{}' });
    expect(r.statusCode).toBe(403);
  });

  it('a logged-in admin still gets the field-level 400', async () => {
    const r = await t.app.inject({ method: 'POST', url: '/api/admins', headers: { ...json, ...bearer(w.adminA.token) }, payload: '{}' });
    expect(r.statusCode).toBe(400);
    expect(r.json().error.fields).toHaveProperty('username');
  });

  it('answers 401 over a real socket before the announced body has been sent', async () => {
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = t.app.server.address() as AddressInfo;
    const status = await new Promise<number>((resolve, reject) => {
      const req = http.request({
        host: '127.0.0.1',
        port,
        method: 'POST',
        path: '/api/admins',
        headers: { ...json, 'content-length': 50_000_000 },
      });
      req.on('response', (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
        req.destroy();
      });
      req.on('error', reject);
      // Only the first bytes of the 50 MB it announced: a server that waited for the
      // body before authenticating would never answer.
      req.write('{"username": "');
    });
    expect(status).toBe(401);
  });
});
