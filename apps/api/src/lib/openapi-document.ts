/* The last pass over the generated OpenAPI document: what zod schemas cannot say. */

type Operation = {
  security?: unknown[];
  requestBody?: { content?: Record<string, { schema?: unknown; examples?: unknown }> } & Record<string, unknown>;
  parameters?: { in: string; name: string; example?: unknown }[];
  responses?: Record<string, { description?: string; content?: unknown; headers?: unknown }>;
};
type Doc = { paths?: Record<string, Record<string, Operation>> };

/** Operations a client calls without a token. */
const PUBLIC = [
  ['get', '/api/health'],
  ['post', '/api/auth/login'],
];

/** What each error status means in this API (the body is always `{ error: { code, message, fields? } }`). */
const ERRORS: Record<string, string> = {
  '400': 'VALIDATION_FAILED: the body, query or path is not valid; `error.fields` names each bad field',
  '401': 'UNAUTHORIZED: no token, an expired or revoked one, or (login) a wrong username or password',
  '403': 'FORBIDDEN: the token is valid but its user or dialer may not do this',
  '404': "NOT_FOUND: no such record in the caller's company",
  '409': 'CONFLICT: the change collides with an existing record; `error.fields` names the field',
  '413': 'PAYLOAD_TOO_LARGE: the body or uploaded file is larger than allowed',
  '415': 'UNSUPPORTED_MEDIA_TYPE: the content type or file type is not accepted',
  '422': 'UNPROCESSABLE: well-formed but not allowed by the rules (a final status, deleting oneself)',
  '429': 'RATE_LIMITED: too many attempts; wait the seconds the `Retry-After` header gives',
  '503': 'UNAVAILABLE: the database is not reachable; retry after `Retry-After` seconds',
};

const RETRY_AFTER = { 'Retry-After': { schema: { type: 'integer', minimum: 1 }, description: 'seconds to wait before trying again' } };

const REPORT_EXAMPLE = {
  number_id: 1042,
  status: 'CONNECTED',
  attempted_at: '2026-03-01T10:15:00+03:30',
  agent_id: 7,
  duration_seconds: 94,
  call_sid: 'CA9f1c',
  summary: 'Interested; call back next week.',
  report_id: 'sim-1042-1',
};

/** Request examples for the dialer routes, which another program calls. */
function addDialerExamples(paths: Record<string, Record<string, Operation>>): void {
  const examples: [string, unknown][] = [
    ['/api/dialer/report-result', REPORT_EXAMPLE],
    [
      '/api/dialer/report-results',
      {
        results: [
          REPORT_EXAMPLE,
          { phone_number: '+989121234567', status: 'BUSY', attempted_at: '2026-03-01T10:16:00+03:30', report_id: 'sim-2077-1' },
        ],
      },
    ],
    ['/api/dialer/tokens', { name: 'office dialer 1' }],
  ];
  for (const [path, value] of examples) {
    const json = paths[path]?.post?.requestBody?.content?.['application/json'];
    if (json) json.examples = { example: { value } };
  }
  for (const param of paths['/api/dialer/next-batch']?.get?.parameters ?? []) {
    if (param.in === 'query' && param.name === 'size') param.example = 50;
  }
}

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * 204s carry no body (zod's void renders as an empty JSON schema otherwise); the public
 * operations declare no security; the uploads' multipart body and the export's XLSX answer
 * are described, since Fastify validates neither through a JSON schema.
 */
export function finishOpenApi<T>(doc: T): T {
  const paths = (doc as Doc).paths ?? {};
  for (const ops of Object.values(paths)) {
    for (const op of Object.values(ops)) {
      const noContent = op.responses?.['204'];
      if (noContent) op.responses!['204'] = { description: noContent.description ?? 'No content' };
      for (const [status, response] of Object.entries(op.responses ?? {})) {
        const meaning = ERRORS[status];
        if (!meaning) continue;
        response.description = meaning;
        if (status === '429' || status === '503') response.headers = RETRY_AFTER;
      }
    }
  }
  addDialerExamples(paths);
  for (const [method, path] of PUBLIC) {
    const op = paths[path!]?.[method!];
    if (op) op.security = [];
  }
  const upload = paths['/api/numbers/upload']?.post;
  if (upload) {
    upload.requestBody = {
      required: true,
      content: {
        'multipart/form-data': {
          schema: {
            type: 'object',
            properties: {
              file: { type: 'string', format: 'binary', description: '.csv or .xlsx: the first column, or a column named "phone"' },
              campaign_id: { type: 'integer', minimum: 1, description: 'adds the numbers to this campaign too' },
            },
            required: ['file'],
          },
        },
      },
    };
  }
  const exp = paths['/api/numbers/export']?.post;
  if (exp?.responses) {
    exp.responses['200'] = {
      description: 'The selection as an XLSX workbook, streamed',
      headers: {
        'Content-Disposition': { schema: { type: 'string' }, description: 'attachment; filename="numbers-<company>-<date>.xlsx"' },
        'X-Total-Count': { schema: { type: 'integer', minimum: 0 }, description: 'rows in the workbook' },
      },
      content: { [XLSX_TYPE]: { schema: { type: 'string', format: 'binary' } } },
    };
  }
  return doc;
}
