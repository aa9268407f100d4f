import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ReportResultRequest, ReportResultsRequest } from '@dialdeck/contracts/dialer';
import { buildTestApp, type TestApp } from '../../test/app';
import { ENGINE } from '../../test/db';

type Op = {
  summary?: string;
  description?: string;
  security?: unknown[];
  parameters?: { in: string; name: string; example?: unknown }[];
  requestBody?: { content: Record<string, { examples?: Record<string, { value: unknown }> }> };
  responses: Record<string, { description: string; headers?: Record<string, unknown> }>;
};
type Doc = { info: { description: string }; paths: Record<string, Record<string, Op>>; security: unknown[] };

describe(`the API reference /api/openapi.json (${ENGINE})`, () => {
  let t: TestApp;
  let doc: Doc;
  let ops: [string, Op][];
  beforeAll(async () => {
    t = await buildTestApp();
    const r = await t.app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(r.statusCode).toBe(200);
    doc = r.json();
    ops = Object.entries(doc.paths).flatMap(([path, byMethod]) =>
      Object.entries(byMethod).map(([method, op]) => [`${method.toUpperCase()} ${path}`, op] as [string, Op]),
    );
  });
  afterAll(() => t.close());

  it('lists the operations of every module', () => {
    expect(ops.length).toBeGreaterThan(30);
  });

  it('gives every operation a summary and a description of its own', () => {
    expect(ops.filter(([, op]) => !op.summary?.trim()).map(([name]) => name)).toEqual([]);
    expect(ops.filter(([, op]) => (op.description?.trim().length ?? 0) < 20).map(([name]) => name)).toEqual([]);
    expect(ops.filter(([, op]) => op.description === op.summary).map(([name]) => name)).toEqual([]);
  });

  it('marks login and health as needing no token, and everything else as needing one', () => {
    expect(doc.paths['/api/auth/login']!.post!.security).toEqual([]);
    expect(doc.paths['/api/health']!.get!.security).toEqual([]);
    expect(doc.security).toEqual([{ bearer: [] }]);
    const open = ops.filter(([, op]) => op.security?.length === 0).map(([name]) => name);
    expect(open.sort()).toEqual(['GET /api/health', 'POST /api/auth/login']);
  });

  it('describes each error response by what it means, never "Default Response"', () => {
    const errors = ops.flatMap(([name, op]) =>
      Object.entries(op.responses)
        .filter(([s]) => Number(s) >= 400)
        .map(([s, r]) => [name, s, r] as const),
    );
    expect(errors.length).toBeGreaterThan(100);
    const vague = errors.filter(([, , r]) => r.description === 'Default Response' || r.description.length < 20);
    expect(vague.map(([name, status]) => `${name} ${status}`)).toEqual([]);
    for (const status of ['400', '401', '403', '404', '409', '413', '422', '429']) {
      expect(
        errors.some(([, s]) => s === status),
        `status ${status} is documented somewhere`,
      ).toBe(true);
    }
    const login429 = doc.paths['/api/auth/login']!.post!.responses['429']!;
    expect(login429.description).toMatch(/Retry-After/);
    expect(login429.headers).toHaveProperty('Retry-After');
  });

  it('gives the dialer routes request examples that their own validation accepts', () => {
    for (const path of ['/api/dialer/report-result', '/api/dialer/report-results']) {
      const examples = doc.paths[path]!.post!.requestBody!.content['application/json']!.examples;
      expect(examples, path).toBeDefined();
      const value = Object.values(examples!)[0]!.value;
      const schema = path.endsWith('results') ? ReportResultsRequest : ReportResultRequest;
      expect(schema.safeParse(value).success, path).toBe(true);
    }
    const size = doc.paths['/api/dialer/next-batch']!.get!.parameters!.find((p) => p.name === 'size');
    expect(size?.example).toBe(50);
  });

  it('points at nothing the reader does not have', () => {
    expect(doc.info.description).not.toMatch(/\.md\b|\.ts\b|see the repo/i);
    for (const [name, op] of ops) expect(`${op.summary} ${op.description}`, name).not.toMatch(/\b[\w-]+\.(md|ts)\b/);
  });
});
