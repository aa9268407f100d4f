import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestDb, ENGINE, type TestDb } from '../../../test/db';
import { unique } from '../../../test/factories';
import { VoiceServersRepository } from './voice-servers.repository';

describe(`voice-server pick under concurrency (${ENGINE})`, () => {
  let t: TestDb;
  let repo: VoiceServersRepository;
  beforeAll(async () => {
    t = await createTestDb();
    repo = new VoiceServersRepository(t.db);
  });
  afterAll(() => t.close());
  beforeEach(() => t.db.deleteFrom('voice_servers').execute());

  const verified = async (priority: number) => {
    const s = await repo.insert({ name: unique('v-'), url: 'ws://127.0.0.1:1/', priority });
    await repo.recordHandshake(s.id, s.url, { status: 'verified', error: null });
    return s.id;
  };

  it('concurrent picks spread over equal top servers and never fall to a lower priority', async () => {
    const top = [await verified(10), await verified(10), await verified(10), await verified(10)];
    await verified(1);
    const picked = await Promise.all(Array.from({ length: 40 }, () => repo.pick()));
    const counts = new Map<number, number>();
    for (const p of picked) counts.set(p!.id, (counts.get(p!.id) ?? 0) + 1);
    expect([...counts.keys()].sort()).toEqual([...top].sort());
    // Least recently picked first: 40 picks over 4 servers give each about 10.
    for (const n of counts.values()) expect(n).toBeGreaterThanOrEqual(5);
  });

  it('concurrent picks with one top server all get it, waiting rather than skipping to a lower one', async () => {
    const only = await verified(10);
    await verified(1);
    const picked = await Promise.all(Array.from({ length: 10 }, () => repo.pick()));
    expect(picked.map((p) => p!.id)).toEqual(Array<number>(10).fill(only));
  });
});
