import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app';
import { bearer, loginAs, type TestApp } from '../../test/app';
import { createTestDb, ENGINE } from '../../test/db';
import { freshPhones, makeCompany, makeNumbers, makeUser } from '../../test/factories';

// A build as apps/web/vite.config.ts writes it: text files with .br and .gz beside them.
const INDEX = `<!doctype html><html><head><script type="module" src="/assets/index-AbCd1234.js"></script></head><body>${'<!-- pad -->'.repeat(200)}</body></html>`;
const SCRIPT = `export const answer = ${JSON.stringify('x'.repeat(4000))};\n`;
const FONT = Buffer.from('wOF2 not really a font but binary enough');

function writeWithCompressed(file: string, content: string | Buffer) {
  writeFileSync(file, content);
  if (typeof content === 'string') {
    writeFileSync(`${file}.br`, brotliCompressSync(content));
    writeFileSync(`${file}.gz`, gzipSync(content));
  }
}

describe(`compressed responses and cache headers (${ENGINE})`, () => {
  let t: Omit<TestApp, 'services'>;
  let webDist: string;
  beforeAll(async () => {
    webDist = mkdtempSync(path.join(tmpdir(), 'dialdeck-web-'));
    mkdirSync(path.join(webDist, 'assets'));
    writeWithCompressed(path.join(webDist, 'index.html'), INDEX);
    writeWithCompressed(path.join(webDist, 'assets/index-AbCd1234.js'), SCRIPT);
    writeWithCompressed(path.join(webDist, 'assets/vazirmatn-arabic-400-normal-DMZFCm7K.woff2'), FONT);
    const handle = await createTestDb();
    const app = await buildApp({
      config: { secretKey: 'test-secret-test-secret-test-secret-0000', webDist, logLevel: 'silent' },
      db: handle.db,
      logger: false,
    });
    await app.ready();
    t = { app, db: handle.db, handle, close: async () => (await app.close(), await handle.close()) };
  });
  afterAll(async () => {
    await t.close();
    rmSync(webDist, { recursive: true, force: true });
  });

  const get = (url: string, encoding?: string) =>
    t.app.inject({ method: 'GET', url, headers: encoding === undefined ? {} : { 'accept-encoding': encoding } });

  it.each([
    ['br', 'br, gzip, deflate', (b: Buffer) => brotliDecompressSync(b)],
    ['gzip', 'gzip, deflate', (b: Buffer) => gunzipSync(b)],
  ])('a hashed script comes pre-compressed as %s, immutable for a year', async (encoding, accept, decode) => {
    const r = await get('/assets/index-AbCd1234.js', accept);
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-encoding']).toBe(encoding);
    expect(r.headers['content-type']).toMatch(/javascript/);
    expect(r.headers['vary']).toMatch(/accept-encoding/i);
    expect(r.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(r.rawPayload.length).toBeLessThan(SCRIPT.length / 10);
    expect(decode(r.rawPayload).toString()).toBe(SCRIPT);
  });

  it('a client that accepts no encoding (or only identity) gets the plain bytes, still with Vary', async () => {
    for (const accept of [undefined, 'identity']) {
      const r = await get('/assets/index-AbCd1234.js', accept);
      expect(r.statusCode).toBe(200);
      expect(r.headers['content-encoding']).toBeUndefined();
      expect(r.headers['vary']).toMatch(/accept-encoding/i);
      expect(r.body).toBe(SCRIPT);
    }
  });

  it('a font (already compressed, no .br beside it) is sent as it is and cached for a year', async () => {
    const r = await get('/assets/vazirmatn-arabic-400-normal-DMZFCm7K.woff2', 'br, gzip');
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-encoding']).toBeUndefined();
    expect(r.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(r.rawPayload.equals(FONT)).toBe(true);
  });

  it('index.html and the client-side routes it answers are never cached without revalidation, and come compressed', async () => {
    for (const url of ['/index.html', '/login', '/numbers?status=MISSED']) {
      const r = await get(url, 'gzip, br');
      expect(r.statusCode, url).toBe(200);
      expect(r.headers['cache-control'], url).toBe('no-cache');
      expect(r.headers['content-encoding'], url).toBe('br');
      expect(r.headers['vary'], url).toMatch(/accept-encoding/i);
      expect(brotliDecompressSync(r.rawPayload).toString(), url).toBe(INDEX);
    }
    const plain = await get('/login', 'identity');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.headers['cache-control']).toBe('no-cache');
    expect(plain.body).toBe(INDEX);
  });

  it('large JSON answers are compressed on the fly; small ones are not worth it', async () => {
    const big = await get('/api/openapi.json', 'gzip, br');
    expect(big.statusCode).toBe(200);
    expect(big.headers['content-encoding']).toBe('br');
    expect(big.headers['vary']).toMatch(/accept-encoding/i);
    const doc = JSON.parse(brotliDecompressSync(big.rawPayload).toString()) as { paths: object };
    expect(Object.keys(doc.paths).length).toBeGreaterThan(10);

    const gz = await get('/api/openapi.json', 'gzip');
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(JSON.parse(gunzipSync(gz.rawPayload).toString())).toEqual(doc);

    const plain = await get('/api/openapi.json', 'identity');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.json()).toEqual(doc);

    const small = await get('/api/health', 'gzip, br');
    expect(small.body.length).toBeLessThan(1024);
    expect(small.headers['content-encoding']).toBeUndefined();
    expect(small.json()).toHaveProperty('status');
  });

  it('an XLSX export (a zip already) is streamed untouched even when the client accepts br', async () => {
    const company = await makeCompany(t.db);
    const admin = await makeUser(t.db, { company, role: 'ADMIN' });
    const token = await loginAs(t.app, admin.username, admin.password);
    const ids = await makeNumbers(t.db, freshPhones(50));
    const r = await t.app.inject({
      method: 'POST',
      url: '/api/numbers/export',
      headers: { ...bearer(token), 'accept-encoding': 'br, gzip' },
      payload: { ids },
    });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.headers['content-type']).toMatch(/spreadsheetml/);
    expect(r.headers['content-encoding']).toBeUndefined();
    expect(r.rawPayload.subarray(0, 2).toString()).toBe('PK');
  });
});
