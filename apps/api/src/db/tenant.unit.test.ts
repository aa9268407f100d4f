import { describe, expect, it } from 'vitest';
import { SessionContexts } from './tenant';

/** A pool of two fake connections, handed out in turn, recording what runs on each. */
function fakePool(opts: { failOn?: (text: string) => boolean } = {}) {
  const sessions = [
    { id: 0, ran: [] as string[], discarded: 0 },
    { id: 1, ran: [] as string[], discarded: 0 },
  ];
  let next = 0;
  let ended = false;
  const pool = {
    connect: async () => sessions[next++ % 2]!,
    end: async () => {
      ended = true;
    },
  };
  const contexts = new SessionContexts(pool, {
    session: (c) => c,
    run: async (c, text) => {
      c.ran.push(text);
      if (opts.failOn?.(text)) throw new Error('connection lost');
    },
    discard: (c) => {
      c.discarded++;
    },
  });
  return { sessions, contexts, ended: () => ended };
}

describe('SessionContexts', () => {
  it('switches a connection only when its context changes', async () => {
    const { sessions, contexts } = fakePool();
    await contexts.system().connect(); // session 0, fresh: already system
    await contexts.system().connect(); // session 1
    expect(sessions.map((s) => s.ran)).toEqual([[], []]);

    await contexts.tenant(7).connect(); // session 0
    await contexts.tenant(7).connect(); // session 1
    await contexts.tenant(7).connect(); // session 0 again: nothing to do
    expect(sessions[0]!.ran).toEqual([
      `SELECT set_config('role', 'dialdeck_tenant', false), set_config('dialdeck.company_id', '7', false)`,
    ]);
    expect(sessions[1]!.ran).toHaveLength(1);

    await contexts.tenant(8).connect(); // session 1: already the tenant role, only the company changes
    expect(sessions[1]!.ran.at(-1)).toBe(`SELECT set_config('dialdeck.company_id', '8', false)`);
    await contexts.system().connect(); // session 0 back to the system path
    expect(sessions[0]!.ran.at(-1)).toBe(`SELECT set_config('role', 'none', false), set_config('dialdeck.company_id', '', false)`);
  });

  it('discards a connection whose switch failed, and sets the context in full when it is handed out again', async () => {
    let fail = true;
    const { sessions, contexts } = fakePool({ failOn: () => fail });
    await expect(contexts.tenant(7).connect()).rejects.toThrow('connection lost');
    expect(sessions[0]!.discarded).toBe(1);
    fail = false;
    await contexts.system().connect(); // session 1, fresh
    await contexts.system().connect(); // session 0: state unknown, so reset explicitly
    expect(sessions[0]!.ran.at(-1)).toContain(`set_config('role', 'none', false)`);
  });

  it('refuses what is not a company id, and only the system view ends the pool', async () => {
    const { contexts, ended } = fakePool();
    expect(() => contexts.tenant(0)).toThrow();
    expect(() => contexts.tenant(1.5)).toThrow();
    expect(() => contexts.tenant(Number.NaN)).toThrow();
    await contexts.tenant(3).end();
    expect(ended()).toBe(false);
    await contexts.system().end();
    expect(ended()).toBe(true);
  });
});
