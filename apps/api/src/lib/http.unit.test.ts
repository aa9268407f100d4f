import { describe, expect, it } from 'vitest';
import { fieldsFromValidation, toAppError } from './http';
import { AppError, DB_RETRY_AFTER_SECONDS, dbUnavailable } from './errors';

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

describe('database unreachable → 503 with Retry-After', () => {
  const pgError = (code: string, message: string) => Object.assign(new Error(message), { code, severity: 'FATAL' });
  const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
  it.each([
    ['a restart (57P01)', pgError('57P01', 'terminating connection due to administrator command')],
    ['a crash of another backend (57P02)', pgError('57P02', 'terminating connection because of crash of another server process')],
    ['a server starting or stopping (57P03)', pgError('57P03', 'the database system is starting up')],
    ['a connection exception (08006)', pgError('08006', 'connection failure')],
    ['too many connections (53300)', pgError('53300', 'sorry, too many clients already')],
    ['a refused connection', refused],
    ['a refused connection to each of several addresses', Object.assign(new AggregateError([refused, refused]), { code: 'ECONNREFUSED' })],
    ['a reset socket', Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' })],
    ['a connection that ended', new Error('Connection terminated unexpectedly')],
    ['no connection within the pool timeout', new Error('timeout exceeded when trying to connect')],
    ['a client broken earlier', new Error('Client has encountered a connection error and is not queryable')],
    ['an embedded database that is closed (shutting down)', new Error('PGlite is closed')],
    ['a database handle destroyed (shutting down)', new Error('driver has already been destroyed')],
    ['a cause that is one of these', new Error('query failed', { cause: refused })],
  ])('%s', (_what, err) => {
    expect(dbUnavailable(err)).toBe(true);
    const e = toAppError(err);
    expect(e.status).toBe(503);
    expect(e.code).toBe('UNAVAILABLE');
    expect(e.headers).toEqual({ 'retry-after': String(DB_RETRY_AFTER_SECONDS) });
    expect(e.toBody().error.message).toBe('The database is not reachable right now. Try again in a few seconds.');
  });

  it.each([
    ['a unique violation', pgError('23505', 'duplicate key value violates unique constraint')],
    ['a data exception', pgError('22003', 'integer out of range')],
    ['a syntax error in our SQL', pgError('42601', 'syntax error at or near "x"')],
    ['a plain bug', new TypeError('Cannot read properties of undefined')],
  ])('not %s', (_what, err) => {
    expect(dbUnavailable(err)).toBe(false);
    expect(toAppError(err).status).not.toBe(503);
  });
});
