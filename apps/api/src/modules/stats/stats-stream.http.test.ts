import http, { type IncomingHttpHeaders, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StatsStreamEvent } from '@dialdeck/contracts/stats';
import { bearer, buildTestApp, makeWorld, type TestApp, type World } from '../../../test/app';
import { ENGINE } from '../../../test/db';
import { freshPhones, makeNumbers, makeUser } from '../../../test/factories';
import { buildApp } from '../../app';
import { openPostgres } from '../../db/client';
import type { App } from '../../lib/http';
import { fixedClock } from '../../lib/time';
import { RESULTS_CHANNEL } from './results-signal.repository';

interface Stream {
  status: number;
  headers: IncomingHttpHeaders;
  /** The next `stats` event (waits up to `timeoutMs`). */
  next(timeoutMs?: number): Promise<StatsStreamEvent>;
  /** Resolves when the server ends the stream. */
  ended: Promise<void>;
  close(): void;
}

/**
 * A real HTTP client reading the event stream as it arrives (inject would wait for the end),
 * on a connection of its own (no pool that might keep a socket the test did not ask for).
 */
async function openStream(url: string): Promise<Stream> {
  const res = await new Promise<IncomingMessage>((resolve, reject) => {
    http
      .get(url, { agent: false, headers: { 'accept-encoding': 'br, gzip, deflate', accept: 'text/event-stream' } }, resolve)
      .on('error', reject);
  });
  const events: StatsStreamEvent[] = [];
  const waiters: Array<() => void> = [];
  const wake = () => waiters.splice(0).forEach((w) => w());
  let buf = '';
  let done = false;
  res.setEncoding('utf8');
  res.on('data', (chunk: string) => {
    buf += chunk;
    let i;
    while ((i = buf.indexOf('\n\n')) >= 0) {
      const lines = buf.slice(0, i).split('\n');
      buf = buf.slice(i + 2);
      if (!lines.includes('event: stats')) continue;
      const data = lines.find((l) => l.startsWith('data: '))!.slice('data: '.length);
      events.push(StatsStreamEvent.parse(JSON.parse(data)));
      wake();
    }
  });
  const ended = new Promise<void>((resolve) =>
    res.on('close', () => {
      done = true;
      wake();
      resolve();
    }),
  );
  return {
    status: res.statusCode ?? 0,
    headers: res.headers,
    ended,
    async next(timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      while (events.length === 0) {
        if (done) throw new Error('the stream ended');
        const left = deadline - Date.now();
        if (left <= 0) throw new Error(`no stats event within ${timeoutMs} ms`);
        await new Promise<void>((resolve) => {
          const t = setTimeout(resolve, left);
          waiters.push(() => {
            clearTimeout(t);
            resolve();
          });
        });
      }
      return events.shift()!;
    },
    close: () => res.destroy(),
  };
}

const baseUrl = (app: App) => `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;

describe(`live statistics stream (${ENGINE})`, () => {
  const clock = fixedClock(new Date());
  let t: TestApp;
  let w: World;
  let base: string;
  let dialerA: string;
  let dialerB: string;

  const ticketFor = async (token: string, query = '') => {
    const r = await t.app.inject({ method: 'POST', url: `/api/stats/stream-ticket${query}`, headers: bearer(token) });
    expect(r.statusCode, r.body).toBe(200);
    return r.json() as { ticket: string; expires_at: string };
  };
  const report = async (app: App, token: string, numberId: number) => {
    const r = await app.inject({
      method: 'POST',
      url: '/api/dialer/report-result',
      headers: bearer(token),
      payload: { number_id: numberId, status: 'CONNECTED', duration_seconds: 12 },
    });
    expect(r.statusCode, r.body).toBe(200);
  };

  beforeAll(async () => {
    t = await buildTestApp({ clock });
    w = await makeWorld(t);
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    base = baseUrl(t.app);
    const tok = async (admin: { token: string }) =>
      (await t.app.inject({ method: 'POST', url: '/api/dialer/tokens', headers: bearer(admin.token), payload: { name: 'dialer' } })).json()
        .token as string;
    dialerA = await tok(w.adminA);
    dialerB = await tok(w.adminB);
  });
  afterAll(async () => {
    if (t) await t.close();
  });

  it('issues a 60-second ticket to admins only; agents get 403, no token 401', async () => {
    const { ticket, expires_at } = await ticketFor(w.adminA.token);
    expect(ticket).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(new Date(expires_at).getTime()).toBe(Math.floor(clock.now().getTime() / 1000) * 1000 + 60_000);
    expect(expires_at).toMatch(/\+03:30$/); // Company A's offset (Tehran)
    const agent = await t.app.inject({ method: 'POST', url: '/api/stats/stream-ticket', headers: bearer(w.agentA.token) });
    expect(agent.statusCode).toBe(403);
    expect((await t.app.inject({ method: 'POST', url: '/api/stats/stream-ticket' })).statusCode).toBe(401);
    // An admin cannot name another company; a superuser can.
    const other = await t.app.inject({
      method: 'POST',
      url: `/api/stats/stream-ticket?company=${w.companyB.name}`,
      headers: bearer(w.adminA.token),
    });
    expect(other.statusCode).toBe(404);
  });

  it.each([
    ['missing', () => '', /Missing ticket/],
    ['garbage', () => '?ticket=not-a-ticket', /Invalid ticket/],
    ['an access token', () => `?ticket=${w.adminA.token}`, /Invalid ticket/],
  ])('a %s ticket → 401 with a clear message', async (_, query, message) => {
    const r = await t.app.inject({ method: 'GET', url: `/api/stats/stream${query()}` });
    expect(r.statusCode).toBe(401);
    expect(r.json().error.message).toMatch(message);
  });

  it('a ticket is not an access token', async () => {
    const { ticket } = await ticketFor(w.adminA.token);
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: bearer(ticket) })).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'POST', url: '/api/stats/stream-ticket', headers: bearer(ticket) })).statusCode).toBe(401);
  });

  it('an expired ticket → 401 saying so', async () => {
    const { ticket } = await ticketFor(w.adminA.token);
    const start = clock.now();
    clock.advance(61_000);
    try {
      const r = await t.app.inject({ method: 'GET', url: `/api/stats/stream?ticket=${ticket}` });
      expect(r.statusCode).toBe(401);
      expect(r.json().error.message).toMatch(/expired/);
    } finally {
      clock.set(start);
    }
  });

  it('a ticket outlives no deactivation or password change (checked when redeemed)', async () => {
    const admin = await makeUser(t.db, { company: w.companyA, role: 'ADMIN' });
    const login = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: admin.username, password: admin.password },
    });
    const { ticket } = await ticketFor(login.json().access_token);
    await t.db
      .updateTable('users')
      .set({ token_version: admin.token_version + 1 })
      .where('id', '=', admin.id)
      .execute();
    const ended = await t.app.inject({ method: 'GET', url: `/api/stats/stream?ticket=${ticket}` });
    expect(ended.statusCode).toBe(401);
    expect(ended.json().error.message).toMatch(/session has ended/);
    await t.db.updateTable('users').set({ is_active: false }).where('id', '=', admin.id).execute();
    const inactive = await t.app.inject({ method: 'GET', url: `/api/stats/stream?ticket=${ticket}` });
    expect(inactive.statusCode).toBe(401);
    expect(inactive.json().error.message).toMatch(/not active/);
  });

  it('streams a stats event at once, then one after a dialer report (single and batch), uncompressed', async () => {
    const [n1, n2, n3] = await makeNumbers(t.db, freshPhones(3));
    const { ticket } = await ticketFor(w.adminA.token);
    const s = await openStream(`${base}/api/stats/stream?ticket=${ticket}`);
    try {
      expect(s.status).toBe(200);
      expect(s.headers['content-type']).toMatch(/^text\/event-stream/);
      expect(s.headers['content-encoding']).toBeUndefined();
      expect(s.headers['cache-control']).toMatch(/no-cache/);
      const first = await s.next();
      const before = first.attempts_today.total;

      await report(t.app, dialerA, n1!);
      const second = await s.next();
      expect(second.attempts_today.total).toBe(before + 1);
      expect(second.attempts_today.by_status.find((x) => x.status === 'CONNECTED')?.count).toBeGreaterThanOrEqual(1);

      const batch = await t.app.inject({
        method: 'POST',
        url: '/api/dialer/report-results',
        headers: bearer(dialerA),
        payload: { results: [n2, n3].map((id) => ({ number_id: id, status: 'MISSED' })) },
      });
      expect(batch.statusCode, batch.body).toBe(200);
      // At most one event a second: the batch shows up in the next one, whole.
      let third = await s.next();
      while (third.attempts_today.total < before + 3) third = await s.next();
      expect(third.attempts_today.total).toBe(before + 3);

      // Company B's results do not wake company A's stream.
      const [nb] = await makeNumbers(t.db, freshPhones(1));
      await report(t.app, dialerB, nb!);
      await expect(s.next(1_500)).rejects.toThrow(/no stats event/);
    } finally {
      s.close();
    }
  });

  it("a superuser streams another company's figures with company=", async () => {
    const { ticket } = await ticketFor(w.superuser.token, `?company=${w.companyB.name}`);
    const s = await openStream(`${base}/api/stats/stream?ticket=${ticket}`);
    try {
      const first = await s.next();
      const [nb] = await makeNumbers(t.db, freshPhones(1));
      await report(t.app, dialerB, nb!);
      expect((await s.next()).attempts_today.total).toBe(first.attempts_today.total + 1);
    } finally {
      s.close();
    }
  });

  // PGlite serves one process only; on a server, every process sees every other's results.
  if (ENGINE === 'postgres')
    it('two server processes on one database: a report sent to B reaches a stream on A; NOTIFYs are throttled per company', async () => {
      const url = t.handle.url!;
      const poolB = openPostgres(url, { max: 4 });
      const appB = await buildApp({
        config: { secretKey: 'test-secret-test-secret-test-secret-0000', webDist: '/nonexistent', logLevel: 'silent', databaseUrl: url },
        db: poolB.db,
        clock,
        logger: false,
      });
      await appB.ready();
      const listener = new pg.Client({ connectionString: url });
      await listener.connect();
      let notifies = 0;
      listener.on('notification', (m) => {
        if (m.channel === RESULTS_CHANNEL && m.payload === String(w.companyA.id)) notifies++;
      });
      await listener.query(`LISTEN ${RESULTS_CHANNEL}`);
      const { ticket } = await ticketFor(w.adminA.token);
      const s = await openStream(`${base}/api/stats/stream?ticket=${ticket}`);
      try {
        const first = await s.next();
        const ids = await makeNumbers(t.db, freshPhones(20));
        const started = Date.now();
        await Promise.all(ids.map((id) => report(appB, dialerA, id)));
        let e = await s.next();
        while (e.attempts_today.total < first.attempts_today.total + 20) e = await s.next();
        expect(e.attempts_today.total).toBe(first.attempts_today.total + 20);
        await new Promise((r) => setTimeout(r, 400)); // the trailing NOTIFY
        const elapsed = Date.now() - started;
        expect(notifies).toBeGreaterThanOrEqual(1);
        expect(notifies).toBeLessThanOrEqual(Math.ceil(elapsed / 250) + 1);
        expect(notifies).toBeLessThan(20);
      } finally {
        s.close();
        await listener.end();
        await appB.close();
        await poolB.close();
      }
    });

  if (ENGINE === 'postgres')
    it('the LISTEN connection comes back after the server drops it, and the process carries on', async () => {
      const listenPids = async () =>
        (
          await sql<{ pid: number }>`select pid from pg_stat_activity
            where datname = current_database() and query = ${`LISTEN ${RESULTS_CHANNEL}`} and pid <> pg_backend_pid()`.execute(t.db)
        ).rows.map((r) => r.pid);
      const [before] = await listenPids();
      expect(before).toBeDefined();
      const { ticket } = await ticketFor(w.adminA.token);
      const s = await openStream(`${base}/api/stats/stream?ticket=${ticket}`);
      try {
        const first = await s.next();
        await sql`select pg_terminate_backend(${before!})`.execute(t.db);
        const until = Date.now() + 10_000;
        let after: number[] = [];
        while (Date.now() < until) {
          after = (await listenPids()).filter((p) => p !== before);
          if (after.length > 0) break;
          await new Promise((r) => setTimeout(r, 100));
        }
        expect(after).toHaveLength(1);
        const [n] = await makeNumbers(t.db, freshPhones(1));
        await report(t.app, dialerA, n!);
        let e = await s.next();
        while (e.attempts_today.total < first.attempts_today.total + 1) e = await s.next();
        expect(e.attempts_today.total).toBe(first.attempts_today.total + 1);
      } finally {
        s.close();
      }
    });

  it('close() ends open streams at once instead of waiting for them', async () => {
    const { ticket } = await ticketFor(w.adminA.token);
    const s = await openStream(`${base}/api/stats/stream?ticket=${ticket}`);
    await s.next();
    const started = Date.now();
    await t.close();
    t = undefined as unknown as TestApp;
    await s.ended;
    expect(Date.now() - started).toBeLessThan(3_000);
  });
});
