import fastifyHelmet from '@fastify/helmet';
import Router, { type HTTPMethod } from 'find-my-way';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { App } from './http';

/**
 * React Aria (the web app's dialogs, menus, switches) adds one <style> element as a pressable
 * control mounts: `[data-react-aria-pressable] { touch-action: pan-x pan-y pinch-zoom }`, which
 * spares touch users the double-tap-zoom delay. Its text is fixed, so the policy allows exactly
 * that element by its hash (not 'unsafe-inline'); http-hardening.http.test.ts recomputes the hash
 * from the installed react-aria, so an upgrade that changes the rule fails there.
 */
export const REACT_ARIA_PRESS_STYLE_HASH = "'sha256-38RhXrc7EdReTKsOm23ZPOCUgniTUUcjky8QOOrQx6o='";

/**
 * The web app's policy: everything from this origin, nothing inline, nothing from outside.
 * The built app passes it (no inline scripts; the one <style> element is React Aria's, by hash;
 * fonts are local; zod runs jitless so it never probes `new Function`), checked in Chromium by
 * e2e/security-headers.spec.ts. React sets style attributes through the CSSOM, which CSP allows.
 */
export const CSP_DIRECTIVES = {
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  'script-src-attr': ["'none'"],
  'style-src': ["'self'", REACT_ARIA_PRESS_STYLE_HASH],
  'img-src': ["'self'", 'data:'],
  'font-src': ["'self'"],
  'connect-src': ["'self'"],
  'frame-ancestors': ["'none'"],
  'object-src': ["'none'"],
  'base-uri': ["'self'"],
  'form-action': ["'self'"],
};

/**
 * Swagger UI at /api/docs injects a <style> element from its bundle as it starts (seen in
 * Chromium: style-src-elem, swagger-ui-bundle.js), so its pages alone also allow inline
 * styles. A hash would be tighter but breaks silently on every Swagger UI upgrade; scripts
 * stay 'self' only, and the rest of the policy is the app's.
 */
export const DOCS_CSP = cspString({ ...CSP_DIRECTIVES, 'style-src': ["'self'", "'unsafe-inline'"] });

function cspString(d: Record<string, string[]>): string {
  return Object.entries(d)
    .map(([k, v]) => `${k} ${v.join(' ')}`)
    .join('; ');
}

/** helmet on every answer: CSP, nosniff, frame-ancestors none (and X-Frame-Options DENY), no referrer. */
export async function registerSecurityHeaders(app: App) {
  await app.register(fastifyHelmet, {
    contentSecurityPolicy: { useDefaults: false, directives: CSP_DIRECTIVES },
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
    // TLS ends at the operator's proxy, which owns HSTS (and its includeSubDomains choice).
    strictTransportSecurity: false,
  });
}

const METHODS: HTTPMethod[] = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];

/**
 * Remembers every route's method and path in a router of its own (the same matcher Fastify
 * uses), so the not-found handler can tell "no such path" (404) from "not with this method"
 * (405 with Allow). Call before any route is added.
 */
export function trackRoutes(app: App, opts: { ignoreTrailingSlash: boolean }) {
  const router = Router({ ignoreTrailingSlash: opts.ignoreTrailingSlash, maxParamLength: 200 });
  const noop = () => undefined;
  app.addHook('onRoute', (route) => {
    for (const m of [route.method].flat()) {
      const method = m.toUpperCase() as HTTPMethod;
      if (!METHODS.includes(method) || router.hasRoute(method, route.url)) continue;
      router.on(method, route.url, noop);
    }
  });
  return {
    /** The methods a path answers to (empty when the path is unknown). */
    allowed(path: string): string[] {
      return METHODS.filter((m) => router.find(m, path) !== null);
    },
  };
}

/** What a refused request may still send before its connection is dropped. */
const MAX_DRAIN_BYTES = 64 * 1024 * 1024;

/**
 * A request refused before its body was read (413 over the body limit, 401 before parsing)
 * would otherwise have its socket closed while the client is still sending: the client's
 * TCP stack then sees a reset and Node's fetch reports "socket closed" instead of the answer.
 * So the rest of the body is read and thrown away (up to MAX_DRAIN_BYTES, then the socket
 * is dropped) and the connection stays usable.
 */
export function drainRefusedBodies(app: App) {
  app.addHook('onSend', (request: FastifyRequest, reply: FastifyReply, payload, done) => {
    const raw = request.raw;
    if (reply.statusCode >= 400 && !raw.complete && !raw.destroyed) {
      // Fastify asks for close after a body error; draining makes keep-alive safe again.
      reply.removeHeader('connection');
      let drained = 0;
      raw.on('data', (chunk: Buffer) => {
        drained += chunk.length;
        if (drained > MAX_DRAIN_BYTES) raw.socket.destroy();
      });
      raw.on('error', () => undefined);
      raw.resume();
    }
    done(null, payload);
  });
}
