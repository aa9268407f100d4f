import { describe, expect, it } from 'vitest';
import { fieldsFromValidation, toAppError } from './http';
import { AppError } from './errors';

describe('fieldsFromValidation', () => {
  it('names nested fields with dots and unknown keys one by one', () => {
    expect(
      fieldsFromValidation(
        [
          { instancePath: '/username', message: 'at least 3 characters' },
          { instancePath: '/settings/currency', message: 'bad currency' },
          { instancePath: '/', keyword: 'unrecognized_keys', params: { keys: ['x', 'y'] }, message: 'x' },
        ],
        'body',
      ),
    ).toEqual({ username: 'at least 3 characters', 'settings.currency': 'bad currency', x: 'unknown field', y: 'unknown field' });
  });

  it('a body that is not an object is reported as body', () => {
    expect(fieldsFromValidation([{ instancePath: '/', message: 'expected object' }], 'body')).toEqual({ body: 'expected object' });
  });
});

describe('toAppError', () => {
  it('keeps AppErrors and hides internals of unknown errors', () => {
    const e = new AppError('CONFLICT');
    expect(toAppError(e)).toBe(e);
    const internal = toAppError(new Error('relation "x" does not exist'));
    expect(internal.status).toBe(500);
    expect(internal.message).not.toContain('relation');
  });

  it('maps fastify body errors', () => {
    expect(toAppError(Object.assign(new Error('x'), { code: 'FST_ERR_CTP_BODY_TOO_LARGE', statusCode: 413 })).status).toBe(413);
    expect(toAppError(Object.assign(new Error('x'), { code: 'FST_ERR_CTP_INVALID_MEDIA_TYPE', statusCode: 415 })).status).toBe(415);
    expect(
      toAppError(Object.assign(new Error('x'), { code: 'FST_ERR_CTP_INVALID_JSON_BODY', statusCode: 400 })).toBody().error.fields,
    ).toEqual({
      body: 'not valid JSON',
    });
  });
});
