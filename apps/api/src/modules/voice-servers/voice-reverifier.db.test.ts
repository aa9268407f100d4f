import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestDb, ENGINE, type TestDb } from '../../../test/db';
import { unique } from '../../../test/factories';
import { acceptingServer, silentServer, type LocalServer } from '../../../test/ws-servers';
import { VoiceReverifier } from './voice-reverifier';
import { VoiceServersRepository } from './voice-servers.repository';
import { VoiceServersService } from './voice-servers.service';

describe(`voice-server re-verification job (${ENGINE})`, () => {
  let t: TestDb;
  let service: VoiceServersService;
  let accepting: LocalServer;
  let silent: LocalServer;

  beforeAll(async () => {
    [t, accepting, silent] = await Promise.all([createTestDb(), acceptingServer(), silentServer()]);
    service = new VoiceServersService(new VoiceServersRepository(t.db), { handshakeTimeoutMs: 300 });
  });
  afterAll(async () => {
    await t.close();
    await Promise.all([accepting.close(), silent.close()]);
  });
  beforeEach(() => t.db.deleteFrom('voice_servers').execute());

  const statusOf = async (id: number) => (await service.get(id)).status;

  it('one pass re-verifies the active servers: a dead one becomes failed and leaves the pick, a live one stays verified', async () => {
    const dying = await acceptingServer();
    const dead = await service.create({ name: unique('dead-'), url: dying.url, priority: 10 });
    const alive = await service.create({ name: unique('alive-'), url: accepting.url, priority: 1 });
    const off = await service.create({ name: unique('off-'), url: accepting.url, is_active: false });
    await service.verify(dead.id);
    await service.verify(alive.id);
    expect((await service.pick()).id).toBe(dead.id);

    await dying.close();
    const job = new VoiceReverifier(service, { intervalMs: 60_000 });
    expect(await job.runOnce()).toBe(2);
    await job.close();

    expect(await service.get(dead.id)).toMatchObject({ status: 'failed', last_error: 'connection refused' });
    expect(await statusOf(alive.id)).toBe('verified');
    expect(await statusOf(off.id)).toBe('pending'); // inactive servers are left alone
    expect((await service.pick()).id).toBe(alive.id);
  });

  it('a server that came back is verified again by the next pass', async () => {
    const s = await service.create({ name: unique('back-'), url: silent.url });
    await service.verify(s.id);
    expect(await statusOf(s.id)).toBe('failed');
    await service.update(s.id, { url: accepting.url });
    await new VoiceReverifier(service).runOnce();
    expect(await service.get(s.id)).toMatchObject({ status: 'verified', last_error: null });
  });

  it('started, it runs by itself every interval until closed', async () => {
    const dying = await acceptingServer();
    const s = await service.create({ name: unique('timer-'), url: dying.url });
    await service.verify(s.id);
    await dying.close();
    const errors: unknown[] = [];
    const job = new VoiceReverifier(service, { intervalMs: 50 });
    job.start((_m, e) => errors.push(e));
    await expect.poll(() => statusOf(s.id), { timeout: 5_000, interval: 50 }).toBe('failed');
    await job.close();
    expect(errors).toEqual([]);
  });

  it('close() cuts a pass short: a handshake in flight is abandoned and records nothing', async () => {
    const slow = new VoiceServersService(new VoiceServersRepository(t.db), { handshakeTimeoutMs: 30_000 });
    const s = await slow.create({ name: unique('slow-'), url: silent.url });
    const job = new VoiceReverifier(slow, { intervalMs: 60_000 });
    const pass = job.runOnce();
    await expect.poll(() => silent.connections(), { timeout: 5_000, interval: 20 }).toBeGreaterThan(0);
    const started = Date.now();
    await job.close();
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(await pass).toBe(0);
    expect(await slow.get(s.id)).toMatchObject({ status: 'pending', last_verified_at: null });
    expect(await job.runOnce()).toBeUndefined();
  });

  it('a second pass while one is running is skipped in the same process', async () => {
    await service.create({ name: unique('busy-'), url: silent.url });
    const job = new VoiceReverifier(service, { intervalMs: 60_000 });
    const first = job.runOnce();
    expect(await job.runOnce()).toBeUndefined();
    expect(await first).toBe(1);
    await job.close();
  });

  it('a pass holds the re-verification lock while it runs, and is skipped while another session holds it', async () => {
    // Both engines: the lock is visible, held, for as long as a pass runs.
    const slow = new VoiceServersService(new VoiceServersRepository(t.db), { handshakeTimeoutMs: 1_000 });
    const waiting = await slow.create({ name: unique('held-'), url: silent.url });
    const held = () =>
      sql<{ n: number }>`SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND objid = 727004 AND granted`
        .execute(t.db)
        .then((r) => Number(r.rows[0]!.n));
    const job = new VoiceReverifier(slow, { intervalMs: 60_000 });
    const pass = job.runOnce();
    await expect.poll(() => silent.connections(), { timeout: 5_000, interval: 20 }).toBeGreaterThan(0);
    expect(await held()).toBe(1);
    expect(await pass).toBe(1);
    await job.close();
    expect(await held()).toBe(0);
    await t.db.deleteFrom('voice_servers').where('id', '=', waiting.id).execute();

    // Another process is another session, which only a server has (PGlite's one session belongs to one process).
    if (ENGINE !== 'postgres') return;
    const s = await service.create({ name: unique('locked-'), url: accepting.url });
    await t.db.connection().execute(async (other) => {
      await sql`SELECT pg_advisory_lock(727004)`.execute(other);
      try {
        expect(await new VoiceReverifier(service).runOnce()).toBeUndefined();
        expect(await statusOf(s.id)).toBe('pending');
      } finally {
        await sql`SELECT pg_advisory_unlock(727004)`.execute(other);
      }
    });
    expect(await new VoiceReverifier(service).runOnce()).toBe(1);
    expect(await statusOf(s.id)).toBe('verified');
  });
});
