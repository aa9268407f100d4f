import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, buildTestApp, makeWorld, multipart, type TestApp, type World } from '../../test/app';
import { ENGINE } from '../../test/db';
import { freshPhones } from '../../test/factories';
import { XLSX_TYPE } from '../lib/openapi-document';
import { toDraft7, valid, wrongType, type Schema } from './json-schema-arbitrary';

/**
 * Property-based requests to every operation of /api/openapi.json, as a generated client
 * would send them: valid ones (from the documented schemas) and broken ones (a field of the
 * wrong type, an unknown field, a required field missing). Fails on any 5xx, any answer that
 * breaks its documented schema, and any documented-valid request refused with 400 — except
 * for the few rules JSON Schema cannot state, each listed in SEMANTIC_RULES with its reason.
 */
const RUNS_VALID = Number(process.env.FUZZ_RUNS ?? 25);
const RUNS_INVALID = Math.ceil(RUNS_VALID / 2);

const REPORT_RULES = ['phone_number', 'agent_phone', 'attempted_at', 'agent_id', 'campaign_id', 'scenario_id', 'outbound_line_id'];

/** 400s a schema-valid request may still get, by operation and field, and why. */
const SEMANTIC_RULES: Record<string, string[]> = {
  // A phone must parse as a number of the company's region (a pattern cannot say it); the
  // agent, campaign, scenario and line must be the company's (API.md: 400); no future times.
  'POST /api/dialer/report-result': REPORT_RULES,
  'POST /api/dialer/report-results': REPORT_RULES,
  // An IANA zone and a phone region are checked against the runtime's tables.
  'POST /api/companies': ['timezone', 'default_region'],
  'PUT /api/companies/{id}': ['timezone', 'default_region'],
  // Cross-field rules: ids or select_all (not both), a status for update_status, start before end.
  // A date range must not end before it starts.
  'GET /api/numbers': ['end_date'],
  'GET /api/numbers/stats': ['end_date'],
  'POST /api/numbers/bulk': ['ids', 'status', 'new_status', 'end_date'],
  'POST /api/numbers/export': ['ids', 'end_date'],
  'PUT /api/schedule': ['end_time'],
  // A line's phone must parse for the company's region; its agent must be an active AGENT (an admin or an inactive user: 400).
  'POST /api/lines': ['phone_number', 'assigned_agent_id', 'agent_id'],
  'PUT /api/lines/{id}': ['phone_number', 'assigned_agent_id', 'agent_id'],
  'POST /api/lines/{id}/assign': ['assigned_agent_id', 'agent_id'],
  // A scenario's config: a language tag the runtime's Intl accepts, a contact field or metadata.<key>, variable
  // names declared once (variables.N.name), and every {{placeholder}} of the prompt or first message declared.
  'POST /api/scenarios': ['language', 'field', 'name', 'prompt', 'first_message'],
  'PUT /api/scenarios/{id}': ['language', 'field', 'name', 'prompt', 'first_message'],
  // An opaque keyset cursor is valid only when this server handed it out.
  'GET /api/numbers/{id}/history': ['cursor'],
};

type Op = {
  parameters?: Array<{ in: string; name: string; required?: boolean; schema: Schema }>;
  requestBody?: { content: Record<string, { schema: Schema }> };
  responses: Record<string, { content?: Record<string, { schema: Schema }> }>;
  security?: unknown[];
};

describe(`every operation of the OpenAPI document, fuzzed (${ENGINE})`, () => {
  let t: TestApp;
  let w: World;
  let dialerToken: string;
  let ops: Array<{ method: string; path: string; op: Op }>;
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);

  beforeAll(async () => {
    t = await buildTestApp();
    w = await makeWorld(t);
    dialerToken = (
      await t.app.inject({ method: 'POST', url: '/api/dialer/tokens', headers: bearer(w.adminA.token), payload: { name: 'fuzz' } })
    ).json().token;
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as { paths: Record<string, Record<string, Op>> };
    ops = Object.entries(doc.paths).flatMap(([path, byMethod]) => Object.entries(byMethod).map(([method, op]) => ({ method, path, op })));
  });
  afterAll(() => t.close());

  const tokenFor = (path: string) =>
    /^\/api\/dialer\/(next-batch|report-result)/.test(path)
      ? dialerToken
      : path.startsWith('/api/companies')
        ? w.superuser.token
        : w.adminA.token;

  type Req = { url: string; body?: unknown; query: Record<string, unknown>; params: Record<string, unknown> };

  function requestArb(op: Op, path: string, mode: 'valid' | 'invalid'): fc.Arbitrary<Req> {
    const params: Record<string, fc.Arbitrary<unknown>> = {};
    const query: Record<string, fc.Arbitrary<unknown>> = {};
    const requiredQuery: string[] = [];
    for (const p of op.parameters ?? []) {
      const s = toDraft7(p.schema);
      // Unknown ids (404) rather than the world's own rows: a fuzzed DELETE must not remove the users it logs in as.
      const arb =
        p.in === 'path' && (s.type === 'integer' || s.type === 'number') ? fc.integer({ min: 1_000_000, max: 2_000_000_000 }) : valid(s);
      if (p.in === 'path') params[p.name] = arb;
      else if (p.in === 'query' && p.name !== 'company') {
        query[p.name] = arb;
        if (p.required) requiredQuery.push(p.name);
      }
    }
    const json = op.requestBody?.content['application/json']?.schema;
    const bodySchema = json ? toDraft7(json) : undefined;
    let body: fc.Arbitrary<unknown> = fc.constant(undefined);
    if (bodySchema) {
      body = valid(bodySchema);
      if (mode === 'invalid' && bodySchema.type === 'object') body = fc.oneof(...brokenBodies(bodySchema));
    }
    return fc
      .record({ params: fc.record(params), query: fc.record(query, { requiredKeys: requiredQuery }), body })
      .map(({ params: pv, query: qv, body: b }) => ({
        url: path.replace(/\{(\w+)\}/g, (_, k: string) => encodeURIComponent(String(pv[k]))),
        params: pv,
        query: qv,
        body: b,
      }));
  }

  function brokenBodies(s: Schema): fc.Arbitrary<unknown>[] {
    const base = valid(s) as fc.Arbitrary<Record<string, unknown>>;
    const out: fc.Arbitrary<unknown>[] = [base.map((b) => ({ ...b, not_a_documented_field: 1 }))];
    for (const [k, ps] of Object.entries(s.properties ?? {})) {
      const concrete = ps.anyOf ? ps.anyOf.find((x) => x.type !== 'null') : ps;
      if (concrete?.type) out.push(fc.tuple(base, wrongType(concrete)).map(([b, v]) => ({ ...b, [k]: v })));
    }
    for (const k of s.required ?? []) out.push(base.map(({ [k]: _gone, ...rest }) => rest));
    return out;
  }

  async function send(method: string, path: string, op: Op, r: Req) {
    const pairs: Array<[string, string]> = Object.entries(r.query).flatMap(([k, v]) =>
      v === undefined || v === null ? [] : [[k, String(v)]],
    );
    const qs = new URLSearchParams(pairs).toString();
    const url = qs ? `${r.url}?${qs}` : r.url;
    const headers = bearer(tokenFor(path));
    if (op.requestBody?.content['multipart/form-data']) {
      const file = multipart({ name: 'fuzz.csv', content: `phone\n${freshPhones(2).join('\n')}\n` });
      return t.app.inject({ method: method.toUpperCase() as 'POST', url, headers: { ...headers, ...file.headers }, payload: file.payload });
    }
    return t.app.inject({
      method: method.toUpperCase() as 'POST',
      url,
      headers,
      ...(r.body !== undefined ? { payload: r.body as object } : {}),
    });
  }

  function checkAnswer(label: string, op: Op, res: Awaited<ReturnType<typeof send>>) {
    expect(res.statusCode, `${label} → ${res.statusCode} ${res.body.slice(0, 300)}`).toBeLessThan(500);
    const documented = op.responses[String(res.statusCode)];
    expect(documented, `${label}: ${res.statusCode} is not a documented answer`).toBeDefined();
    if (!documented!.content) {
      expect(res.body, `${label}: ${res.statusCode} has a body`).toBe('');
      return;
    }
    if (documented!.content[XLSX_TYPE]) {
      expect(res.headers['content-type']).toBe(XLSX_TYPE);
      return;
    }
    const schema = documented!.content['application/json']!.schema;
    const check = ajv.compile(toDraft7(schema));
    const ok = check(res.json());
    expect(ok, `${label}: answer breaks its schema: ${ajv.errorsText(check.errors)}; ${res.body.slice(0, 300)}`).toBe(true);
  }

  it('documents every operation it serves, typed as a generated client needs', () => {
    expect(ops.length).toBeGreaterThan(25);
    const find = (m: string, p: string) => ops.find((o) => o.method === m && o.path === p)!.op;
    // Ids and counts: integers with their minimum, in paths, queries and answers.
    const idParam = find('delete', '/api/dialer/tokens/{id}').parameters!.find((p) => p.name === 'id')!.schema;
    expect(idParam).toMatchObject({ type: 'integer', minimum: 1 });
    const campaign = find('get', '/api/numbers').parameters!.find((p) => p.name === 'campaign_id')!.schema;
    expect(campaign).toMatchObject({ type: 'integer', minimum: 1 });
    const number = find('get', '/api/numbers').responses['200']!.content!['application/json']!.schema.properties!.items!.items!;
    expect(number.properties!.id).toMatchObject({ type: 'integer', minimum: 1 });
    expect(number.properties!.total_attempts).toMatchObject({ type: 'integer', minimum: 0 });
    // 204s have no content; the public operations need no token.
    for (const { op } of ops.filter((o) => o.op.responses['204'])) expect(op.responses['204']!.content).toBeUndefined();
    expect(find('get', '/api/health').security).toEqual([]);
    expect(find('post', '/api/auth/login').security).toEqual([]);
    expect(find('get', '/api/auth/me').security).toBeUndefined(); // the document's default: bearer
    // The upload's multipart body and the export's workbook.
    const upload = find('post', '/api/numbers/upload').requestBody!.content['multipart/form-data']!.schema;
    expect(upload).toMatchObject({ required: ['file'], properties: { file: { type: 'string', format: 'binary' } } });
    expect(find('post', '/api/numbers/export').responses['200']!.content![XLSX_TYPE]!.schema).toEqual({ type: 'string', format: 'binary' });
  });

  it('valid requests: no 5xx, answers match their schemas, none refused as invalid', async () => {
    for (const { method, path, op } of ops) {
      const label = `${method.toUpperCase()} ${path}`;
      await fc.assert(
        fc.asyncProperty(requestArb(op, path, 'valid'), async (r) => {
          const res = await send(method, path, op, r);
          checkAnswer(`${label} ${JSON.stringify(r).slice(0, 300)}`, op, res);
          if (res.statusCode === 400) {
            const fields = Object.keys(res.json().error.fields ?? {}).map((f) => f.split('.').at(-1)!);
            const allowed = SEMANTIC_RULES[label] ?? [];
            expect(
              fields.length > 0 && fields.every((f) => allowed.includes(f)),
              `${label}: a documented-valid request was refused: ${res.body.slice(0, 300)} for ${JSON.stringify(r).slice(0, 400)}`,
            ).toBe(true);
          }
        }),
        { numRuns: RUNS_VALID, seed: 9_007 },
      );
    }
  });

  it('broken requests: a 4xx with the documented error body, never a 5xx or a success', async () => {
    for (const { method, path, op } of ops) {
      if (!op.requestBody?.content['application/json']) continue;
      const label = `${method.toUpperCase()} ${path}`;
      await fc.assert(
        fc.asyncProperty(requestArb(op, path, 'invalid'), async (r) => {
          const res = await send(method, path, op, r);
          checkAnswer(`${label} ${JSON.stringify(r).slice(0, 300)}`, op, res);
          expect(res.statusCode, `${label} accepted a broken body: ${JSON.stringify(r.body).slice(0, 300)}`).toBeGreaterThanOrEqual(400);
        }),
        { numRuns: RUNS_INVALID, seed: 9_011 },
      );
    }
  });
});
