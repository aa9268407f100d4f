import http from 'node:http';
import net from 'node:net';
import { WebSocketServer } from 'ws';

/** A server a test started on 127.0.0.1 at a free port; close() stops it and ends its connections. */
export interface LocalServer {
  url: string;
  /** TCP connections it has accepted so far. */
  connections(): number;
  close(): Promise<void>;
}

async function start(server: net.Server, beforeClose: () => Promise<void> = async () => undefined): Promise<LocalServer> {
  const sockets = new Set<net.Socket>();
  let count = 0;
  server.on('connection', (s: net.Socket) => {
    count++;
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as net.AddressInfo;
  return {
    url: `ws://127.0.0.1:${port}/voice`,
    connections: () => count,
    close: async () => {
      await beforeClose();
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Accepts the WebSocket upgrade (a real `ws` server). */
export function acceptingServer(): Promise<LocalServer> {
  const server = http.createServer((_req, res) => res.writeHead(426).end());
  const wss = new WebSocketServer({ server });
  wss.on('connection', (socket) => socket.on('error', () => undefined));
  return start(server, async () => {
    for (const c of wss.clients) c.terminate();
    await new Promise<void>((resolve) => wss.close(() => resolve()));
  });
}

/** An HTTP server that refuses every upgrade with `status` (403 unless told). */
export function refusingServer(status = 403): Promise<LocalServer> {
  const server = http.createServer((_req, res) => res.writeHead(404).end());
  server.on('upgrade', (_req, socket: net.Socket) => {
    socket.end(`HTTP/1.1 ${status} ${http.STATUS_CODES[status] ?? ''}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
  });
  return start(server);
}

/** Accepts the TCP connection and never says anything (a handshake can only time out). */
export function silentServer(): Promise<LocalServer> {
  return start(net.createServer(() => undefined));
}

/** Accepts the TCP connection and destroys it at once. */
export function closingServer(): Promise<LocalServer> {
  return start(net.createServer((socket) => socket.destroy()));
}
