import { describe, expect, it } from 'vitest';
import { StatsFolder } from './stats-fold';
import type { StatsFoldRepository } from './stats-fold.repository';

/** A fold repository whose inbox holds `rows`; each call can be held open until released. */
function fakeRepo(rows: number) {
  const calls: number[] = [];
  let release: (() => void) | undefined;
  let hold = false;
  const repo = {
    async fold(batch: number) {
      calls.push(batch);
      if (hold) await new Promise<void>((r) => (release = r));
      const moved = Math.min(batch, rows);
      rows -= moved;
      return moved;
    },
  } as unknown as StatsFoldRepository;
  return {
    repo,
    calls,
    holdNext: () => (hold = true),
    release: () => {
      hold = false;
      release?.();
    },
    left: () => rows,
  };
}

describe('StatsFolder', () => {
  it('folds batch after batch until a batch comes back short', async () => {
    const f = fakeRepo(25);
    const folder = new StatsFolder(f.repo, { intervalMs: 60_000, batch: 10 });
    expect(await folder.foldAll()).toBe(25);
    expect(f.calls).toEqual([10, 10, 10]);
    expect(f.left()).toBe(0);
  });

  it('close() waits for the batch in flight and no round starts after it', async () => {
    const f = fakeRepo(1_000);
    const folder = new StatsFolder(f.repo, { intervalMs: 5, batch: 10 });
    f.holdNext();
    folder.start(() => {});
    await expect.poll(() => f.calls.length).toBe(1);
    let closed = false;
    const closing = folder.close().then(() => (closed = true));
    await new Promise((r) => setTimeout(r, 20));
    expect(closed).toBe(false);
    f.release();
    await closing;
    const calls = f.calls.length;
    await new Promise((r) => setTimeout(r, 30));
    expect(f.calls.length).toBe(calls);
    // The batch in flight finished; the rest waits in the inbox for the next process.
    expect(f.left()).toBe(990);
  });

  it('a failed round is reported and the next round tries again', async () => {
    let n = 0;
    const repo = {
      async fold() {
        n += 1;
        if (n === 1) throw new Error('connection lost');
        return 0;
      },
    } as unknown as StatsFoldRepository;
    const errors: string[] = [];
    const folder = new StatsFolder(repo, { intervalMs: 5, batch: 10 });
    folder.start((m) => errors.push(m));
    await expect.poll(() => n).toBeGreaterThanOrEqual(2);
    await folder.close();
    expect(errors).toEqual(['statistics fold failed; retrying in the next round']);
  });
});
