import { describe, expect, it } from 'vitest';
import { Coalescer } from './coalescer';

/** A write that takes a tick, logs its groups, and fails any group holding a negative number. */
function recorder() {
  const groups: number[][] = [];
  const write = async (_key: string, items: number[]) => {
    groups.push(items);
    await new Promise((r) => setTimeout(r, 5));
    if (items.some((x) => x < 0)) throw new Error(`bad item in ${items.join(',')}`);
    return items.map((x) => x * 10);
  };
  return { groups, write };
}

describe('Coalescer', () => {
  it('writes a lone item at once, and items arriving meanwhile together', async () => {
    const { groups, write } = recorder();
    const c = new Coalescer(write, { maxItems: 100, maxInFlight: 1 });
    const answers = await Promise.all([1, 2, 3, 4, 5].map((x) => c.submit('k', 'k', x)));
    expect(answers).toEqual([10, 20, 30, 40, 50]);
    expect(groups).toEqual([[1], [2, 3, 4, 5]]);
  });

  it('keeps keys apart, caps a group at maxItems and runs at most maxInFlight writes per key', async () => {
    const { groups, write } = recorder();
    const c = new Coalescer(write, { maxItems: 2, maxInFlight: 2 });
    const a = [1, 2, 3, 4, 5, 6].map((x) => c.submit('a', 'a', x));
    const b = c.submit('b', 'b', 7);
    expect(await Promise.all([...a, b])).toEqual([10, 20, 30, 40, 50, 60, 70]);
    expect(groups).toEqual([[1], [2], [7], [3, 4], [5, 6]]);
  });

  it('when a shared write fails, writes its items one by one so only the bad one fails', async () => {
    const { groups, write } = recorder();
    const c = new Coalescer(write, { maxItems: 100, maxInFlight: 1 });
    const first = c.submit('k', 'k', 1);
    const rest = [2, -3, 4].map((x) => c.submit('k', 'k', x));
    const settled = await Promise.allSettled([first, ...rest]);
    expect(settled.map((s) => (s.status === 'fulfilled' ? s.value : 'failed'))).toEqual([10, 20, 'failed', 40]);
    expect(groups).toEqual([[1], [2, -3, 4], [2], [-3], [4]]);
  });

  it('drain() waits for every queued and running write, including the ones queued behind a running write', async () => {
    const { groups, write } = recorder();
    const c = new Coalescer(write, { maxItems: 2, maxInFlight: 1 });
    const done = new Map<number, string>();
    for (const x of [1, 2, 3, -4, 5]) {
      void c.submit('k', 'k', x).then(
        (v) => done.set(x, `ok ${v}`),
        () => done.set(x, 'failed'),
      );
    }
    await c.drain();
    expect(Object.fromEntries(done)).toEqual({ 1: 'ok 10', 2: 'ok 20', 3: 'ok 30', '-4': 'failed', 5: 'ok 50' });
    expect(groups).toEqual([[1], [2, 3], [-4, 5], [-4], [5]]);
    await c.drain(); // nothing left: resolves at once
  });
});
