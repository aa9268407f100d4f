import fc from 'fast-check';

/**
 * fast-check arbitraries from the JSON schemas of our OpenAPI document. zod-fast-check
 * (the library the issue names) supports zod 3 only, and the document is what a generated
 * client trusts anyway, so the values come from it: a small generator for the keywords the
 * document uses (type, enum, pattern, format, lengths, bounds, items, properties, anyOf).
 */
export type Schema = {
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  pattern?: string;
  format?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number | boolean;
  exclusiveMaximum?: number | boolean;
  items?: Schema;
  minItems?: number;
  maxItems?: number;
  properties?: Record<string, Schema>;
  required?: string[];
  additionalProperties?: boolean | Schema;
  anyOf?: Schema[];
  nullable?: boolean;
  default?: unknown;
  [k: string]: unknown;
};

/** OpenAPI 3.0's dialect (nullable, boolean exclusive bounds) → draft-07, which ajv reads. */
export function toDraft7(s: Schema): Schema {
  if (typeof s !== 'object' || s === null) return s;
  const out: Schema = {};
  for (const [k, v] of Object.entries(s)) {
    if (k === 'properties')
      out.properties = Object.fromEntries(Object.entries(v as Record<string, Schema>).map(([p, x]) => [p, toDraft7(x)]));
    else if (k === 'items' || (k === 'additionalProperties' && typeof v === 'object')) out[k] = toDraft7(v as Schema);
    else if (k === 'anyOf' || k === 'oneOf' || k === 'allOf') out[k] = (v as Schema[]).map(toDraft7);
    else if (k !== 'nullable' && k !== 'exclusiveMinimum' && k !== 'exclusiveMaximum') out[k] = v;
  }
  if (s.exclusiveMinimum === true) {
    out.exclusiveMinimum = s.minimum;
    delete out.minimum;
  } else if (typeof s.exclusiveMinimum === 'number') out.exclusiveMinimum = s.exclusiveMinimum;
  if (s.exclusiveMaximum === true) {
    out.exclusiveMaximum = s.maximum;
    delete out.maximum;
  } else if (typeof s.exclusiveMaximum === 'number') out.exclusiveMaximum = s.exclusiveMaximum;
  if (s.nullable) return { anyOf: [out, { type: 'null' }] };
  return out;
}

const MAX_ITEMS = 4;
const MAX_STRING = 40;

function stringArb(s: Schema): fc.Arbitrary<string> {
  if (s.format === 'date-time') {
    return fc
      .date({ min: new Date('2020-01-01T00:00:00Z'), max: new Date('2026-01-01T00:00:00Z'), noInvalidDate: true })
      .map((d) => d.toISOString());
  }
  if (s.format === 'date') {
    return fc
      .date({ min: new Date('2020-01-01T00:00:00Z'), max: new Date('2030-12-31T00:00:00Z'), noInvalidDate: true })
      .map((d) => d.toISOString().slice(0, 10));
  }
  if (s.format === 'uri') return fc.webUrl({ validSchemes: ['https'] });
  const min = s.minLength ?? 0;
  const max = Math.max(min, Math.min(s.maxLength ?? MAX_STRING, MAX_STRING));
  if (s.pattern) {
    const re = new RegExp(s.pattern);
    return fc.stringMatching(re).filter((x) => x.length >= min && x.length <= (s.maxLength ?? Infinity) && x.trim() === x);
  }
  // Text as people type it: any Unicode letters, padded spaces trimmed away by the schema.
  return fc.string({ unit: 'grapheme', minLength: min, maxLength: max }).filter((x) => x.trim().length >= min && x.length <= max);
}

function numberArb(s: Schema, integer: boolean): fc.Arbitrary<number> {
  let min = s.minimum ?? (integer ? -1000 : -1e6);
  let max = s.maximum ?? (integer ? 1_000_000 : 1e6);
  if (typeof s.exclusiveMinimum === 'number') min = s.exclusiveMinimum + (integer ? 1 : 1e-6);
  if (typeof s.exclusiveMaximum === 'number') max = s.exclusiveMaximum - (integer ? 1 : 1e-6);
  return integer ? fc.integer({ min, max: Math.min(max, 2_147_483_647) }) : fc.double({ min, max, noNaN: true, noDefaultInfinity: true });
}

/** Values the schema accepts (draft-07 form, see toDraft7). */
export function valid(s: Schema): fc.Arbitrary<unknown> {
  if (s.anyOf) return fc.oneof(...s.anyOf.map(valid));
  if (s.const !== undefined) return fc.constant(s.const);
  if (s.enum) return fc.constantFrom(...s.enum);
  const type = Array.isArray(s.type) ? s.type[0] : s.type;
  switch (type) {
    case 'string':
      return stringArb(s);
    case 'integer':
      return numberArb(s, true);
    case 'number':
      return numberArb(s, false);
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array':
      return fc.array(s.items ? valid(s.items) : fc.anything(), {
        minLength: s.minItems ?? 0,
        maxLength: Math.max(s.minItems ?? 0, Math.min(s.maxItems ?? MAX_ITEMS, MAX_ITEMS)),
      });
    case 'object': {
      const props = s.properties ?? {};
      const required = new Set(s.required ?? []);
      const model: Record<string, fc.Arbitrary<unknown>> = {};
      for (const [k, v] of Object.entries(props)) model[k] = valid(v);
      if (Object.keys(model).length === 0) return fc.constant({});
      return fc.record(model, { requiredKeys: [...required].filter((k) => k in model) });
    }
    default:
      return fc.constant({});
  }
}

/** A value of the wrong kind for this schema (a string where a number goes, and so on). */
export function wrongType(s: Schema): fc.Arbitrary<unknown> {
  const type = Array.isArray(s.type) ? s.type[0] : (s.type ?? (s.anyOf ? 'union' : 'any'));
  const pool: unknown[] = [{ nested: [1] }, [1, 'x'], 'not-a-thing', -1.5, true, 'x'.repeat(300)];
  return fc.constantFrom(
    ...pool.filter((v) => {
      if (type === 'string') return typeof v !== 'string' || (s.maxLength !== undefined && v.length > s.maxLength);
      if (type === 'integer' || type === 'number') return typeof v !== 'number';
      if (type === 'boolean') return typeof v !== 'boolean';
      if (type === 'array') return !Array.isArray(v);
      if (type === 'object') return typeof v !== 'object' || Array.isArray(v);
      return false;
    }),
  );
}
