import { existsSync } from 'node:fs';
import path from 'node:path';
import fastifyCompress from '@fastify/compress';
import fastifyStatic, { type SetHeadersResponse } from '@fastify/static';
import { AppError } from './errors';
import type { App } from './http';

/** Files the build names `<name>-<content hash>.<ext>`: a new content is a new URL, so they never go stale. */
const HASHED_ASSET = /[\\/]assets[\\/][^\\/]+-[A-Za-z0-9_-]{8,}\.[a-z0-9]+(?:\.(?:br|gz))?$/;
const IMMUTABLE = 'public, max-age=31536000, immutable';
/** index.html names the current hashed assets: it must be revalidated on every load or a deploy shows stale code. */
const REVALIDATE = 'no-cache';

/**
 * JSON answers over ~1 KB (number lists, statistics) are compressed on the fly. Only text types:
 * XLSX exports (a zip already) and octet streams pass through untouched, and the static files
 * below arrive pre-compressed, so nothing is compressed twice. Brotli at quality 4 (the plugin's
 * default): quality 11 costs tens of ms per answer on a shared core for a few percent.
 */
const COMPRESSIBLE = /^text\/(?!event-stream)|[+/]json(?:;|$)|[+/]xml(?:;|$)|\/javascript(?:;|$)/;

export async function registerCompression(app: App) {
  await app.register(fastifyCompress, {
    global: true,
    threshold: 1024,
    encodings: ['br', 'gzip'],
    customTypes: COMPRESSIBLE,
    // Request bodies stay as sent: a gzip body could inflate far past the body and upload limits.
    globalDecompression: false,
  });
}

function setCacheHeaders(res: SetHeadersResponse, filePath: string) {
  res.setHeader('cache-control', HASHED_ASSET.test(filePath) ? IMMUTABLE : REVALIDATE);
  // The same URL answers br, gzip or identity bytes: shared caches must key on the request's encoding.
  res.setHeader('vary', 'Accept-Encoding');
}

/**
 * The built web app at `/`, with index.html for client-side routes; unknown /api paths stay JSON 404s.
 * The build writes `.br` and `.gz` beside every text asset (apps/web/vite.config.ts); they are sent
 * as they are when the client accepts them.
 */
export function registerWeb(app: App, webDist: string, allowed: (path: string) => string[]) {
  const index = path.join(webDist, 'index.html');
  const hasWeb = existsSync(index);
  if (hasWeb) {
    void app.register(fastifyStatic, {
      root: webDist,
      prefix: '/',
      wildcard: false,
      index: false,
      preCompressed: true,
      cacheControl: false,
      setHeaders: setCacheHeaders,
    });
  }
  app.setNotFoundHandler((req, reply) => {
    const url = req.url.split('?')[0] ?? '';
    const allow = allowed(url);
    if (allow.length > 0) {
      const e = new AppError('METHOD_NOT_ALLOWED', `${url} does not answer ${req.method}; it answers ${allow.join(', ')}.`);
      return reply.status(405).header('allow', allow.join(', ')).send(e.toBody());
    }
    if (url.startsWith('/api/') || url === '/api' || (req.method !== 'GET' && req.method !== 'HEAD')) {
      const e = new AppError('NOT_FOUND', `No route ${req.method} ${url}.`);
      return reply.status(404).send(e.toBody());
    }
    if (!hasWeb) {
      return reply.status(404).type('text/plain').send('The web app is not built. Run `npm run build` (npm start does it for you).');
    }
    return reply.sendFile('index.html', webDist);
  });
}
