import dns from 'node:dns';
import type { LookupFunction } from 'node:net';
import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { bearer, buildTestApp, expectFieldError, makeWorld, type TestApp, type World } from '../../../test/app';
import { ENGINE } from '../../../test/db';
import { unique } from '../../../test/factories';
import { acceptingServer, closingServer, refusingServer, silentServer, type LocalServer } from '../../../test/ws-servers';

type Server = { id: number; name: string; url: string; status: string; priority: number; last_error: string | null };

// Names under .voice.test resolve as the test says; the rest as usual.
const FAKE_DNS: Record<string, string[]> = {};
const lookup: LookupFunction = (hostname, options, callback) => {
  const fake = FAKE_DNS[hostname];
  if (!fake) return dns.lookup(hostname, options, callback);
  const all = fake.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
  if (options.all) callback(null, all);
  else callback(null, all[0]!.address, all[0]!.family);
};

describe(`voice-server routes (${ENGINE})`, () => {
  let t: TestApp;
  let w: World;
  let accepting: LocalServer;
  let refusing: LocalServer;
  let silent: LocalServer;
  let closing: LocalServer;

  beforeAll(async () => {
    [t, accepting, refusing, silent, closing] = await Promise.all([
      buildTestApp({ voice: { handshakeTimeoutMs: 300, lookup } }),
      acceptingServer(),
      refusingServer(403),
      silentServer(),
      closingServer(),
    ]);
    w = await makeWorld(t);
  });
  afterAll(async () => {
    await t.close();
    await Promise.all([accepting, refusing, silent, closing].map((s) => s.close()));
  });

  const as = (token: string, req: Omit<InjectOptions, 'headers'>) => t.app.inject({ ...req, headers: bearer(token) });
  const su = (req: Omit<InjectOptions, 'headers'>) => as(w.superuser.token, req);
  const create = async (payload: object): Promise<Server> => {
    const r = await su({ method: 'POST', url: '/api/voice-servers', payload });
    expect(r.statusCode, r.body).toBe(201);
    return r.json();
  };
  const verify = async (id: number) => {
    const r = await su({ method: 'POST', url: `/api/voice-servers/${id}/verify` });
    expect(r.statusCode, r.body).toBe(200);
    return r.json() as { status: string; last_verified_at: string; error?: string };
  };
  const pick = () => su({ method: 'GET', url: '/api/voice-servers/pick' });
  const removeAll = async () => {
    for (const s of (await su({ method: 'GET', url: '/api/voice-servers' })).json().items as Server[]) {
      expect((await su({ method: 'DELETE', url: `/api/voice-servers/${s.id}` })).statusCode).toBe(204);
    }
  };

  it('only a superuser may use any voice-server route: admins and agents get 403, no token 401', async () => {
    const s = await create({ name: unique('perm-'), url: accepting.url });
    const routes: Omit<InjectOptions, 'headers'>[] = [
      { method: 'GET', url: '/api/voice-servers' },
      { method: 'GET', url: '/api/voice-servers/pick' },
      { method: 'GET', url: `/api/voice-servers/${s.id}` },
      { method: 'POST', url: '/api/voice-servers', payload: { name: unique('x-'), url: accepting.url } },
      { method: 'PUT', url: `/api/voice-servers/${s.id}`, payload: { priority: 3 } },
      { method: 'DELETE', url: `/api/voice-servers/${s.id}` },
      { method: 'POST', url: `/api/voice-servers/${s.id}/verify` },
    ];
    for (const route of routes) {
      for (const who of [w.adminA, w.agentA, w.adminB]) {
        const r = await as(who.token, route);
        expect(r.statusCode, `${route.method} ${route.url} as ${who.role}`).toBe(403);
        expect(r.json().error.code).toBe('FORBIDDEN');
      }
      expect((await t.app.inject(route)).statusCode, `${route.method} ${route.url} without a token`).toBe(401);
    }
    // Nothing the refused calls asked for happened.
    expect((await su({ method: 'GET', url: `/api/voice-servers/${s.id}` })).json()).toMatchObject({ priority: 0, status: 'pending' });
    expect(accepting.connections()).toBe(0);
  });

  it('POST registers a pending server (201), GET reads it and lists by priority, PUT changes it, DELETE removes it (204)', async () => {
    const low = await create({ name: unique('low-'), url: 'wss://voice.example.com/stream', priority: -5 });
    expect(low).toMatchObject({ is_active: true, priority: -5, status: 'pending', last_verified_at: null, last_error: null });
    expect(low).not.toHaveProperty('last_picked_at');
    expect((low as unknown as { created_at: string }).created_at).toMatch(/[+-]\d\d:\d\d$/);
    const high = await create({ name: unique('high-'), url: 'ws://127.0.0.1:9/x', priority: 50, is_active: false });
    expect(high).toMatchObject({ is_active: false, priority: 50 });

    const got = await su({ method: 'GET', url: `/api/voice-servers/${low.id}` });
    expect(got.statusCode).toBe(200);
    expect(got.json()).toEqual(low);

    const ids = ((await su({ method: 'GET', url: '/api/voice-servers' })).json().items as Server[]).map((s) => s.id);
    expect(ids.indexOf(high.id)).toBeLessThan(ids.indexOf(low.id));

    const put = await su({
      method: 'PUT',
      url: `/api/voice-servers/${low.id}`,
      payload: { priority: 60, is_active: false, name: `${low.name}-b` },
    });
    expect(put.statusCode, put.body).toBe(200);
    expect(put.json()).toMatchObject({ id: low.id, priority: 60, is_active: false, name: `${low.name}-b`, url: low.url });

    expect((await su({ method: 'DELETE', url: `/api/voice-servers/${low.id}` })).statusCode).toBe(204);
    expect((await su({ method: 'GET', url: `/api/voice-servers/${low.id}` })).statusCode).toBe(404);
  });

  it.each([
    [{ name: 'a', url: 'http://voice.example.com/stream' }, 'url'],
    [{ name: 'a', url: 'https://voice.example.com/stream' }, 'url'],
    [{ name: 'a', url: 'voice.example.com' }, 'url'],
    [{ name: 'a', url: 'ws://169.254.169.254/latest/meta-data' }, 'url'],
    [{ name: 'a', url: 'ws://169.254.1.1:8080/' }, 'url'],
    [{ name: 'a', url: 'ws://0xa9fea9fe/' }, 'url'],
    [{ name: 'a', url: 'wss://[fe80::1]/' }, 'url'],
    [{ name: 'a', url: 'wss://[fe80::1ff:fe23:4567:890a]:8443/' }, 'url'],
    [{ name: 'a', url: 'ws://[::ffff:169.254.169.254]/' }, 'url'],
    [{ name: 'a', url: 'ws://[::ffff:a9fe:a9fe]/' }, 'url'],
    [{ name: 'a', url: '' }, 'url'],
    [{ name: 'a' }, 'url'],
    [{ name: '', url: 'ws://127.0.0.1:1/' }, 'name'],
    [{ name: 'a\u202Eb', url: 'ws://127.0.0.1:1/' }, 'name'],
    [{ name: 'a', url: 'ws://127.0.0.1:1/', priority: 1.5 }, 'priority'],
    [{ name: 'a', url: 'ws://127.0.0.1:1/', is_active: 'yes' }, 'is_active'],
    [{ name: 'a', url: 'ws://127.0.0.1:1/', status: 'verified' }, 'status'],
  ])('POST %j → 400 naming %s', async (payload, field) => {
    const fields = await expectFieldError(
      t.app,
      { method: 'POST', url: '/api/voice-servers', headers: bearer(w.superuser.token), payload },
      field,
    );
    expect(Object.keys(fields)).toEqual([field]);
  });

  it('PUT refuses an http:// or link-local url the same way (400 naming url) and leaves the server as it was', async () => {
    const s = await create({ name: unique('put-'), url: accepting.url });
    for (const url of ['http://example.com', 'ws://169.254.169.254/', 'wss://[fe80::2]/']) {
      await expectFieldError(
        t.app,
        { method: 'PUT', url: `/api/voice-servers/${s.id}`, headers: bearer(w.superuser.token), payload: { url } },
        'url',
      );
    }
    expect((await su({ method: 'GET', url: `/api/voice-servers/${s.id}` })).json().url).toBe(accepting.url);
  });

  it('a name already taken, whatever its case, is 409 naming name, on POST and on PUT', async () => {
    const name = unique('Dup-');
    const first = await create({ name, url: accepting.url });
    for (const again of [name, name.toLowerCase(), name.toUpperCase()]) {
      const r = await su({ method: 'POST', url: '/api/voice-servers', payload: { name: again, url: accepting.url } });
      expect(r.statusCode).toBe(409);
      expect(r.json().error).toMatchObject({ code: 'CONFLICT', fields: { name: 'already exists' } });
    }
    const other = await create({ name: unique('other-'), url: accepting.url });
    const r = await su({ method: 'PUT', url: `/api/voice-servers/${other.id}`, payload: { name: name.toLowerCase() } });
    expect(r.statusCode).toBe(409);
    expect(r.json().error.fields).toEqual({ name: 'already exists' });
    // Renaming a server to its own name in another case is no conflict.
    expect((await su({ method: 'PUT', url: `/api/voice-servers/${first.id}`, payload: { name: name.toUpperCase() } })).statusCode).toBe(
      200,
    );
  });

  it('an unknown id is 404 on every route that takes one; a malformed id is 400', async () => {
    const gone = await create({ name: unique('gone-'), url: accepting.url });
    await su({ method: 'DELETE', url: `/api/voice-servers/${gone.id}` });
    for (const id of [gone.id, 2_000_000_000]) {
      for (const req of [
        { method: 'GET', url: `/api/voice-servers/${id}` },
        { method: 'PUT', url: `/api/voice-servers/${id}`, payload: { priority: 1 } },
        { method: 'DELETE', url: `/api/voice-servers/${id}` },
        { method: 'POST', url: `/api/voice-servers/${id}/verify` },
      ] as const) {
        const r = await su(req);
        expect(r.statusCode, `${req.method} ${req.url}`).toBe(404);
        expect(r.json().error.code).toBe('NOT_FOUND');
      }
    }
    expect((await su({ method: 'GET', url: '/api/voice-servers/abc' })).statusCode).toBe(400);
    expect((await su({ method: 'POST', url: '/api/voice-servers/0/verify' })).statusCode).toBe(400);
  });

  describe('verify: a real WebSocket handshake with servers on 127.0.0.1', () => {
    it('a server that accepts the upgrade is verified, and the verdict is recorded', async () => {
      const s = await create({ name: unique('ok-'), url: accepting.url });
      const before = accepting.connections();
      const v = await verify(s.id);
      expect(v).toEqual({ status: 'verified', last_verified_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) });
      expect(accepting.connections()).toBe(before + 1);
      expect((await su({ method: 'GET', url: `/api/voice-servers/${s.id}` })).json()).toMatchObject({
        status: 'verified',
        last_verified_at: v.last_verified_at,
        last_error: null,
      });
    });

    it('a server that answers the upgrade with HTTP 403 fails, naming the status', async () => {
      const s = await create({ name: unique('refuse-'), url: refusing.url });
      const v = await verify(s.id);
      expect(v.status).toBe('failed');
      expect(v.error).toMatch(/HTTP 403/);
      expect((await su({ method: 'GET', url: `/api/voice-servers/${s.id}` })).json()).toMatchObject({
        status: 'failed',
        last_error: v.error,
      });
    });

    it('a server that accepts the connection and never answers fails after the timeout', async () => {
      const s = await create({ name: unique('silent-'), url: silent.url });
      const started = Date.now();
      const v = await verify(s.id);
      const took = Date.now() - started;
      expect(v.status).toBe('failed');
      expect(v.error).toBe('no handshake within 300 ms');
      expect(took).toBeGreaterThanOrEqual(250);
      expect(took).toBeLessThan(3_000);
      expect(silent.connections()).toBeGreaterThan(0);
    });

    it('a server that closes the connection at once fails', async () => {
      const s = await create({ name: unique('closing-'), url: closing.url });
      const v = await verify(s.id);
      expect(v.status).toBe('failed');
      expect(v.error).toBe('the connection closed before the handshake finished');
    });

    it('wss:// speaks TLS: a server that answers in plain text fails with a TLS error', async () => {
      const s = await create({ name: unique('tls-'), url: accepting.url.replace(/^ws:/, 'wss:') });
      const v = await verify(s.id);
      expect(v.status).toBe('failed');
      expect(v.error).toMatch(/^TLS: /);
    });

    it('nothing listening: connection refused', async () => {
      const gone = await acceptingServer();
      await gone.close();
      const s = await create({ name: unique('refused-'), url: gone.url });
      expect(await verify(s.id)).toMatchObject({ status: 'failed', error: 'connection refused' });
    });

    it('a host name that resolves to a link-local address fails without any connection being made', async () => {
      const port = new URL(accepting.url).port;
      FAKE_DNS['metadata.voice.test'] = ['169.254.169.254'];
      // One link-local address among good ones refuses the whole name: the good one is never tried.
      FAKE_DNS['mixed.voice.test'] = ['127.0.0.1', 'fe80::1'];
      for (const host of ['metadata.voice.test', 'mixed.voice.test']) {
        const s = await create({ name: unique('ll-'), url: `ws://${host}:${port}/voice` });
        const before = accepting.connections();
        const v = await verify(s.id);
        expect(v.status).toBe('failed');
        expect(v.error).toMatch(/link-local address \((169\.254\.169\.254|fe80::1)\); no connection was made/);
        expect(accepting.connections()).toBe(before);
      }
      // The same server under a name that resolves to loopback is fine.
      FAKE_DNS['good.voice.test'] = ['127.0.0.1'];
      const ok = await create({ name: unique('good-'), url: `ws://good.voice.test:${port}/voice` });
      expect((await verify(ok.id)).status).toBe('verified');
    });

    it('a failure after a success records the error; a success after a failure clears it', async () => {
      const s = await create({ name: unique('flip-'), url: accepting.url });
      expect((await verify(s.id)).status).toBe('verified');
      await su({ method: 'PUT', url: `/api/voice-servers/${s.id}`, payload: { url: refusing.url } });
      expect((await verify(s.id)).status).toBe('failed');
      await su({ method: 'PUT', url: `/api/voice-servers/${s.id}`, payload: { url: accepting.url } });
      expect((await verify(s.id)).status).toBe('verified');
      expect((await su({ method: 'GET', url: `/api/voice-servers/${s.id}` })).json().last_error).toBeNull();
    });

    it('changing the url sends a verified server back to pending; other changes keep its status', async () => {
      const s = await create({ name: unique('url-'), url: accepting.url });
      await verify(s.id);
      const kept = await su({ method: 'PUT', url: `/api/voice-servers/${s.id}`, payload: { priority: 7, url: accepting.url } });
      expect(kept.json()).toMatchObject({ status: 'verified', priority: 7 });
      const moved = await su({ method: 'PUT', url: `/api/voice-servers/${s.id}`, payload: { url: `${accepting.url}?v=2` } });
      expect(moved.json()).toMatchObject({ status: 'pending', last_verified_at: null, last_error: null });
    });
  });

  describe('pick', () => {
    beforeEach(removeAll);

    it('is 404 when no server is verified and active', async () => {
      expect((await pick()).statusCode).toBe(404);
      await create({ name: unique('pending-'), url: accepting.url, priority: 100 });
      const inactive = await create({ name: unique('inactive-'), url: accepting.url, priority: 100 });
      await verify(inactive.id);
      await su({ method: 'PUT', url: `/api/voice-servers/${inactive.id}`, payload: { is_active: false } });
      const failed = await create({ name: unique('failed-'), url: refusing.url, priority: 100 });
      await verify(failed.id);
      const r = await pick();
      expect(r.statusCode).toBe(404);
      expect(r.json().error.code).toBe('NOT_FOUND');
    });

    it('answers the highest-priority verified active server; ties go to the least recently picked', async () => {
      const low = await create({ name: unique('low-'), url: accepting.url, priority: 1 });
      const a = await create({ name: unique('a-'), url: accepting.url, priority: 10 });
      const b = await create({ name: unique('b-'), url: accepting.url, priority: 10 });
      const pendingTop = await create({ name: unique('top-'), url: accepting.url, priority: 99 });
      const inactiveTop = await create({ name: unique('off-'), url: accepting.url, priority: 98, is_active: false });
      for (const s of [low, a, b, inactiveTop]) await verify(s.id);
      const picks: number[] = [];
      for (let i = 0; i < 6; i++) {
        const r = await pick();
        expect(r.statusCode).toBe(200);
        picks.push(r.json().id);
      }
      // Never picked: first by id; then whichever was picked longest ago.
      expect(picks).toEqual([a.id, b.id, a.id, b.id, a.id, b.id]);
      expect(picks).not.toContain(pendingTop.id);

      // b becomes the top alone: always b.
      await su({ method: 'PUT', url: `/api/voice-servers/${b.id}`, payload: { priority: 11 } });
      expect([(await pick()).json().id, (await pick()).json().id]).toEqual([b.id, b.id]);
      expect((await pick()).json()).toMatchObject({ id: b.id, name: b.name, url: accepting.url, status: 'verified', is_active: true });
    });

    it('a server that dies drops out of the pick at its next verification', async () => {
      const dying = await acceptingServer();
      const top = await create({ name: unique('top-'), url: dying.url, priority: 20 });
      const spare = await create({ name: unique('spare-'), url: accepting.url, priority: 5 });
      await verify(top.id);
      await verify(spare.id);
      expect((await pick()).json().id).toBe(top.id);
      await dying.close();
      expect(await verify(top.id)).toMatchObject({ status: 'failed', error: 'connection refused' });
      expect((await pick()).json().id).toBe(spare.id);
      // A url change alone takes a server out too (pending until verified again).
      await su({ method: 'PUT', url: `/api/voice-servers/${spare.id}`, payload: { url: `${accepting.url}?moved` } });
      expect((await pick()).statusCode).toBe(404);
    });
  });
});
