import http from 'node:http';

// The load generator shares the 2 cores with the server and PostgreSQL, so it should cost
// as little as it can: node:http on keep-alive sockets costs about a third of what
// fetch() does per request, CPU that a dialer on its own machine would not take from us.
const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

/** A JSON request with a bearer token; throws on any status but 2xx. */
export function requestJson<T>(
  url: string,
  init: { method?: string; token: string; body?: string; headers?: Record<string, string> },
): Promise<T> {
  const u = new URL(url);
  const method = init.method ?? 'GET';
  return new Promise<T>((resolve, reject) => {
    const req = http.request(
      {
        host: u.hostname,
        port: u.port,
        path: u.pathname + u.search,
        method,
        agent,
        headers: {
          authorization: `Bearer ${init.token}`,
          ...(init.body !== undefined ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(init.body) } : {}),
          ...init.headers,
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          if ((res.statusCode ?? 0) < 200 || (res.statusCode ?? 0) >= 300)
            reject(new Error(`${method} ${url}: ${res.statusCode} ${text.slice(0, 300)}`));
          else resolve(JSON.parse(text) as T);
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(init.body);
  });
}
