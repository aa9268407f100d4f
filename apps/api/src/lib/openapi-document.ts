/* The last pass over the generated OpenAPI document: what zod schemas cannot say. */

type Operation = {
  security?: unknown[];
  requestBody?: unknown;
  responses?: Record<string, { description?: string; content?: unknown; headers?: unknown }>;
};
type Doc = { paths?: Record<string, Record<string, Operation>> };

/** Operations a client calls without a token. */
const PUBLIC = [
  ['get', '/api/health'],
  ['post', '/api/auth/login'],
];

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
    }
  }
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
