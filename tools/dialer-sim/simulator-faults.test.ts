import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { simulate } from './simulator';

// The reference dialer against servers that misbehave, on loopback. Each test's own
// timeout is the bound: without the deadline these runs would last minutes (a request
// waits 30 s, a report is retried for as long as the dialer lives).
const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(
    servers.splice(0).map((s) => {
      s.closeAllConnections();
      return new Promise((r) => s.close(r));
    }),
  );
});

async function serve(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<string> {
  const server = createServer(handler);
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as { port: number };
  return `http://127.0.0.1:${port}`;
}

const batch = (ids: number[]) =>
  JSON.stringify({
    call_allowed: true,
    schedule_version: 1,
    active_agents: [],
    batch: {
      batch_id: 'b-1',
      size_requested: ids.length,
      size_returned: ids.length,
      numbers: ids.map((id) => ({ id, phone_number: `+98912000${id}` })),
    },
  });
const json = (res: ServerResponse, status: number, body: string, headers: Record<string, string> = {}) =>
  res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(body);

const options = (url: string) => ({ url, token: 't', dialers: 2, size: 3, channels: 3, speed: 1_000_000, durationMs: 300, graceMs: 300 });

describe('dialer-sim under faults', () => {
  it(
    'ends by duration + grace while the server hangs on every report, counting the numbers it could not report',
    { timeout: 10_000 },
    async () => {
      let leased = 0;
      const url = await serve((req, res) => {
        if (req.url?.startsWith('/api/dialer/next-batch')) {
          if (leased++ === 0) return json(res, 200, batch([1, 2, 3]));
          return json(res, 503, '{"error":{"code":"UNAVAILABLE","message":"down"}}', { 'retry-after': '1' });
        }
        // report-result: never answered, like a server whose database hangs.
      });
      const stats = await simulate(options(url));
      expect(stats.batches).toBe(1);
      expect(stats.handedOut).toBe(3);
      expect(stats.reports).toBe(0);
      expect(stats.unreported).toBe(3);
      expect(stats.errors).toBe(0);
      expect(stats.unreachable).toBeGreaterThan(0);
    },
  );

  it('ends by its duration when nothing listens on the port', { timeout: 10_000 }, async () => {
    const url = await serve(() => undefined);
    await new Promise((r) => servers.pop()!.close(r));
    const stats = await simulate(options(url));
    expect(stats.unreachable).toBeGreaterThan(0);
    expect(stats.batches).toBe(0);
    expect(stats.errors).toBe(0);
  });

  it('retries a report through 503 answers with the same report_id until the server takes it', { timeout: 10_000 }, async () => {
    let leased = 0;
    const attempts = new Map<string, number>();
    const url = await serve((req, res) => {
      if (req.url?.startsWith('/api/dialer/next-batch')) {
        if (leased++ === 0) return json(res, 200, batch([7]));
        return json(res, 200, '{"call_allowed":false,"schedule_version":1,"reason":"disabled","retry_after_seconds":300}');
      }
      let body = '';
      req.on('data', (d: Buffer) => (body += d.toString()));
      req.on('end', () => {
        const id = (JSON.parse(body) as { report_id: string }).report_id;
        const n = (attempts.get(id) ?? 0) + 1;
        attempts.set(id, n);
        if (n <= 3) return json(res, 503, '{"error":{"code":"UNAVAILABLE","message":"down"}}', { 'retry-after': '0' });
        json(res, 200, JSON.stringify({ call_result_id: 99, number_id: 7, duplicate: false }));
      });
    });
    const stats = await simulate({ ...options(url), dialers: 1, graceMs: 5_000 });
    expect([...attempts]).toEqual([['b-1:7', 4]]);
    expect(stats.reports).toBe(1);
    expect(stats.retries).toBe(3);
    expect(stats.unreported).toBe(0);
  });
});
