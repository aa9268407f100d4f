import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, BODY_LIMIT_BYTES } from '../app';
import { createTestDb, ENGINE, type TestDb } from '../../test/db';
import type { App } from './http';
import { REACT_ARIA_PRESS_STYLE_HASH } from './http-hardening';

describe(`security headers, 405 and a readable 413 (${ENGINE})`, () => {
  let handle: TestDb;
  let app: App;
  let base: string;
  let webDist: string;
  beforeAll(async () => {
    handle = await createTestDb();
    // A stand-in for the built web app: the headers do not depend on its content.
    webDist = mkdtempSync(path.join(tmpdir(), 'dialdeck-web-'));
    writeFileSync(path.join(webDist, 'index.html'), '<!doctype html><title>Dialdeck</title>');
    app = await buildApp({
      config: { secretKey: 'test-secret-test-secret-test-secret-0000', webDist, logLevel: 'silent' },
      db: handle.db,
      logger: false,
    });
    base = await app.listen({ host: '127.0.0.1', port: 0 });
  });
  afterAll(async () => {
    await app.close();
    await handle.close();
    rmSync(webDist, { recursive: true, force: true });
  });

  const directives = (csp: string | undefined) =>
    Object.fromEntries(
      (csp ?? '')
        .split(';')
        .map((d) => d.trim().split(/\s+/))
        .map(([k, ...v]) => [k, v.join(' ')]),
    );

  it.each(['/', '/numbers', '/api/health', '/api/openapi.json', '/api/nope'])('%s carries the strict policy', async (url) => {
    const r = await app.inject({ method: 'GET', url });
    expect(directives(r.headers['content-security-policy'] as string)).toEqual({
      'default-src': "'self'",
      'script-src': "'self'",
      'script-src-attr': "'none'",
      'style-src': `'self' ${REACT_ARIA_PRESS_STYLE_HASH}`,
      'img-src': "'self' data:",
      'font-src': "'self'",
      'connect-src': "'self'",
      'frame-ancestors': "'none'",
      'object-src': "'none'",
      'base-uri': "'self'",
      'form-action': "'self'",
    });
    expect(r.headers['x-content-type-options']).toBe('nosniff');
    expect(r.headers['x-frame-options']).toBe('DENY');
    expect(r.headers['referrer-policy']).toBe('no-referrer');
  });

  it("allows React Aria's one <style> element by the hash of the rule the installed react-aria injects", () => {
    // Read as a file (the package's exports hide it); react-aria comes with react-aria-components in the web app.
    const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));
    const source = readFileSync(path.join(repoRoot, 'node_modules', 'react-aria', 'dist/private/interactions/usePress.mjs'), 'utf8');
    const attribute = /PRESSABLE_ATTRIBUTE = '([^']+)'/.exec(source)?.[1];
    const template = /style\.textContent = `([^`]*)`\.trim\(\)/.exec(source)?.[1];
    expect(attribute).toBe('data-react-aria-pressable');
    expect(template).toBeDefined();
    const text = template!.replace(/\$\{[^}]+\}/, attribute!).trim();
    expect(text).toContain('touch-action: pan-x pan-y pinch-zoom;');
    expect(REACT_ARIA_PRESS_STYLE_HASH).toBe(`'sha256-${createHash('sha256').update(text).digest('base64')}'`);
  });

  it('/api/docs keeps scripts to its own origin and allows only inline styles besides', async () => {
    for (const url of ['/api/docs', '/api/docs/static/index.html', '/api/docs/static/swagger-initializer.js']) {
      const r = await app.inject({ method: 'GET', url });
      expect(r.statusCode, url).toBeLessThan(400);
      const d = directives(r.headers['content-security-policy'] as string);
      expect(d, url).toMatchObject({ 'script-src': "'self'", 'style-src': "'self' 'unsafe-inline'", 'frame-ancestors': "'none'" });
      expect(r.headers['x-content-type-options']).toBe('nosniff');
    }
  });

  it.each([
    ['DELETE', '/api/health', 'GET, HEAD'],
    ['PUT', '/api/auth/login', 'POST'],
    ['PATCH', '/api/numbers/5', 'DELETE'],
    ['GET', '/api/dialer/report-result', 'POST'],
    ['POST', '/', null],
  ])('%s %s answers 405 with Allow', async (method, url, allow) => {
    const r = await app.inject({ method: method as 'GET', url });
    if (allow === null) {
      // No route at all for this path: still a 404.
      expect(r.statusCode).toBe(404);
      return;
    }
    expect(r.statusCode).toBe(405);
    expect(r.headers.allow).toContain(allow.split(', ')[0]);
    expect(r.json().error.code).toBe('METHOD_NOT_ALLOWED');
  });

  it('an unknown /api path is still a JSON 404', async () => {
    const r = await app.inject({ method: 'POST', url: '/api/nothing-here' });
    expect(r.statusCode).toBe(404);
    expect(r.json().error.code).toBe('NOT_FOUND');
  });

  it("Node's fetch reads the 413 for a body over the limit, sized or streamed, and the server keeps serving", async () => {
    const big = Buffer.alloc(BODY_LIMIT_BYTES * 8, 'a');
    for (let i = 0; i < 5; i++) {
      const r = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: big });
      expect(r.status).toBe(413);
      expect(((await r.json()) as { error: { code: string } }).error.code).toBe('PAYLOAD_TOO_LARGE');
    }
    const chunks = async function* () {
      for (let i = 0; i < 48; i++) yield new Uint8Array(64 * 1024).fill(97);
    };
    const streamed = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: ReadableStream.from(chunks()),
      duplex: 'half',
    } as RequestInit);
    expect(streamed.status).toBe(413);
    expect(((await streamed.json()) as { error: { code: string } }).error.code).toBe('PAYLOAD_TOO_LARGE');
    expect((await fetch(`${base}/api/health`)).status).toBe(200);
  });
});
