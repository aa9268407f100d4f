import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { AccessTokens, assertGuardsOnRequest, makeGuards } from './auth';
import { errorHandler } from './http';
import { fixedClock } from './time';

const guards = makeGuards({
  tokens: new AccessTokens(new TextEncoder().encode('unit-secret-unit-secret-unit-secret-123'), fixedClock('2026-01-01T00:00:00Z')),
  loadPrincipal: async () => undefined,
  verifyDialerToken: async () => undefined,
});

describe('guards are onRequest hooks', () => {
  it.each(['preHandler', 'preValidation', 'preParsing'] as const)('a guard attached as %s fails at registration', async (hook) => {
    const app = Fastify();
    app.addHook('onRoute', assertGuardsOnRequest);
    expect(() => app.post('/x', { [hook]: [guards.user('users.manage')] }, async () => ({}))).toThrow(/attach guards with onRequest/);
    expect(() => app.post('/y', { [hook]: guards.dialer() }, async () => ({}))).toThrow(/attach guards with onRequest/);
    await app.close();
  });

  it('onRequest guards and other preHandlers register', async () => {
    const app = Fastify();
    app.setErrorHandler(errorHandler);
    app.addHook('onRoute', assertGuardsOnRequest);
    app.post('/z', { onRequest: guards.user(), preHandler: async () => undefined }, async () => ({}));
    await app.ready();
    expect((await app.inject({ method: 'POST', url: '/z', payload: {} })).statusCode).toBe(401);
    await app.close();
  });
});
