import dns from 'node:dns';
import type { LookupFunction } from 'node:net';
import WebSocket, { type ClientOptions } from 'ws';
import { isLinkLocalAddress } from '@dialdeck/contracts/link-local';

export const HANDSHAKE_TIMEOUT_MS = 5_000;

export interface HandshakeOptions {
  timeoutMs: number;
  /** How host names are resolved (dns.lookup); tests stand in a resolver that answers what they need. */
  lookup?: LookupFunction;
  /** Aborting ends the attempt at once with `aborted` (the app is closing). */
  signal?: AbortSignal;
}

export type HandshakeOutcome = { ok: true } | { ok: false; error: string; aborted?: true };

class LinkLocalRefused extends Error {
  constructor(readonly address: string) {
    super(`the host resolves to a link-local address (${address}); no connection was made`);
  }
}

/**
 * `base`, refusing a host that resolves to a link-local address. It is the lookup of the
 * connection itself, so the address checked is the address connected to (a second lookup
 * could answer otherwise: DNS rebinding). Any one such address refuses the whole name.
 */
export function refusingLinkLocal(base: LookupFunction): LookupFunction {
  return (hostname, options, callback) => {
    base(hostname, { ...options, all: true }, (err, found) => {
      if (err) return callback(err, options.all ? [] : '');
      const list = Array.isArray(found) ? found : [{ address: found, family: 4 }];
      const bad = list.find((a) => isLinkLocalAddress(a.address));
      if (bad) return callback(new LinkLocalRefused(bad.address), options.all ? [] : '');
      if (options.all) return callback(null, list);
      const first = list[0];
      if (!first) return callback(Object.assign(new Error(`${hostname} has no address`), { code: 'ENOTFOUND' }), '');
      callback(null, first.address, first.family);
    });
  };
}

/** What a superuser reads in last_error: the cause in a few words, not a stack. */
function describe(e: Error & { code?: string }, timeoutMs: number): string {
  if (e instanceof LinkLocalRefused) return e.message;
  if (/timed out/i.test(e.message)) return timedOut(timeoutMs);
  switch (e.code) {
    case 'ECONNREFUSED':
      return 'connection refused';
    case 'ECONNRESET':
    case 'EPIPE':
      return 'the connection closed before the handshake finished';
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
    case 'EAI_NONAME':
      return 'the host name does not resolve';
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return 'the host cannot be reached';
  }
  if (/socket hang up/i.test(e.message)) return 'the connection closed before the handshake finished';
  if (e.code?.startsWith('ERR_TLS') || /certificate|ssl|tls/i.test(`${e.code ?? ''} ${e.message}`)) return `TLS: ${e.message}`;
  return e.message;
}

const timedOut = (ms: number) => `no handshake within ${ms >= 1000 ? `${ms / 1000} s` : `${ms} ms`}`;

/**
 * One WebSocket opening handshake against `url` (ws://, or wss:// over TLS with the
 * certificate checked): verified when the server switches protocols, failed with the
 * reason otherwise — another HTTP answer, a refused or dropped connection, or nothing
 * within `timeoutMs` (the whole attempt, name lookup included). The connection is then
 * closed; no message is sent. Never rejects.
 */
export function websocketHandshake(url: string, opts: HandshakeOptions): Promise<HandshakeOutcome> {
  return new Promise((resolve) => {
    if (opts.signal?.aborted) return resolve({ ok: false, error: 'aborted', aborted: true });
    let socket: WebSocket;
    const options: ClientOptions & { lookup: LookupFunction } = {
      handshakeTimeout: opts.timeoutMs,
      perMessageDeflate: false,
      followRedirects: false,
      // ws hands its options to http.request, which hands `lookup` to net.connect.
      lookup: refusingLinkLocal(opts.lookup ?? (dns.lookup as LookupFunction)),
    };
    try {
      socket = new WebSocket(url, options);
    } catch (e) {
      return resolve({ ok: false, error: `not a usable WebSocket URL: ${(e as Error).message}` });
    }
    let settled = false;
    const finish = (outcome: HandshakeOutcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      opts.signal?.removeEventListener('abort', onAbort);
      resolve(outcome);
    };
    const onAbort = () => {
      finish({ ok: false, error: 'aborted', aborted: true });
      socket.terminate();
    };
    opts.signal?.addEventListener('abort', onAbort);
    // ws's own timeout only counts from the request; this one covers the lookup and a server that trickles bytes.
    const timer = setTimeout(() => {
      finish({ ok: false, error: timedOut(opts.timeoutMs) });
      socket.terminate();
    }, opts.timeoutMs);
    socket.on('open', () => {
      finish({ ok: true });
      socket.close(1000, 'verified');
      // A server that never answers the close must not keep the socket for ws's 30 s close timeout.
      setTimeout(() => socket.terminate(), 1_000).unref();
    });
    socket.on('unexpected-response', (req, res) => {
      finish({ ok: false, error: `the server answered HTTP ${res.statusCode ?? '?'} instead of switching to WebSocket` });
      req.destroy();
      res.destroy();
    });
    // Also heard after finish (terminate() of a connecting socket reports one): a listener must stay.
    socket.on('error', (e) => finish({ ok: false, error: describe(e, opts.timeoutMs) }));
  });
}
