import { SignJWT, jwtVerify, errors as joseErrors } from 'jose';
import type { FastifyRequest, onRequestAsyncHookHandler, RouteOptions } from 'fastify';
import { AppError } from './errors';
import { assertCan, type Permission } from './permissions';
import type { Clock } from './time';
import type { CompanyRow, UserRow } from '../db/schema/database';

export const ACCESS_TOKEN_TTL_SECONDS = 24 * 60 * 60;
/** Dialer tokens carry this prefix so the two kinds of bearer never get confused. */
export const DIALER_TOKEN_PREFIX = 'ddt_';

export type PublicUser = Omit<UserRow, 'password_hash'>;

export interface Principal {
  kind: 'user';
  user: PublicUser;
  company: CompanyRow;
}

export interface DialerPrincipal {
  kind: 'dialer';
  tokenId: number;
  company: CompanyRow;
  /**
   * False when the token came from the process's short-lived cache of verified tokens
   * (a `dialer({ cached: true })` route): the handler must then confirm, in the same
   * statement that does the work, that the token is still live, so a revocation still
   * stops it at once from any process.
   */
  liveChecked: boolean;
}

declare module 'fastify' {
  interface FastifyRequest {
    principal?: Principal;
    dialer?: DialerPrincipal;
  }
}

export class AccessTokens {
  constructor(
    private readonly secret: Uint8Array,
    private readonly clock: Clock,
  ) {}

  /** `ver` is the user's token_version: a token outlives no password change or deactivation. */
  async sign(userId: number, tokenVersion: number): Promise<string> {
    const iat = Math.floor(this.clock.now().getTime() / 1000);
    return new SignJWT({ typ: 'access', ver: tokenVersion })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(String(userId))
      .setIssuedAt(iat)
      .setExpirationTime(iat + ACCESS_TOKEN_TTL_SECONDS)
      .sign(this.secret);
  }

  /** The user id and token version, or an UNAUTHORIZED AppError saying why. */
  async verify(token: string): Promise<{ userId: number; tokenVersion: number }> {
    try {
      // exp and iat are required and the lifetime capped, so no token of ours can be
      // made to last forever; HS256 only, so neither `none` nor another algorithm passes.
      const { payload } = await jwtVerify(token, this.secret, {
        algorithms: ['HS256'],
        currentDate: this.clock.now(),
        requiredClaims: ['exp', 'iat', 'sub'],
        maxTokenAge: ACCESS_TOKEN_TTL_SECONDS,
      });
      const id = Number(payload.sub);
      const ver = payload.ver;
      if (payload.typ !== 'access' || !Number.isInteger(id) || id <= 0 || typeof ver !== 'number' || !Number.isInteger(ver)) {
        throw new AppError('UNAUTHORIZED', 'Invalid token.');
      }
      return { userId: id, tokenVersion: ver };
    } catch (e) {
      if (e instanceof AppError) throw e;
      if (e instanceof joseErrors.JWTExpired) throw new AppError('UNAUTHORIZED', 'Token expired. Log in again.');
      throw new AppError('UNAUTHORIZED', 'Invalid token.');
    }
  }
}

export function bearerToken(request: FastifyRequest): string {
  const header = request.headers.authorization;
  const m = header ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
  if (!m?.[1]) throw new AppError('UNAUTHORIZED', 'Missing bearer token.');
  return m[1];
}

export interface GuardDeps {
  tokens: AccessTokens;
  /** The active user with their company, or undefined. */
  loadPrincipal(userId: number): Promise<Principal | undefined>;
  /** Resolves a dialer token to its company; undefined when unknown or revoked. `cached` may answer from a recent verification. */
  verifyDialerToken(token: string, cached: boolean): Promise<DialerPrincipal | undefined>;
}

const GUARD = Symbol('dialdeck.guard');
type Guard = onRequestAsyncHookHandler & { [GUARD]: true };
const guard = (fn: onRequestAsyncHookHandler): Guard => Object.assign(fn, { [GUARD]: true as const });

/**
 * Guards are `onRequest` hooks: they run before the body is read, so an anonymous or
 * stale caller gets 401 without the server parsing (or buffering) what it sent, and
 * never a field-level 400 that would tell them about the route. Called for every route
 * at registration (app.ts), this refuses a guard attached to a later hook.
 */
export function assertGuardsOnRequest(route: Pick<RouteOptions, 'method' | 'url' | 'preValidation' | 'preHandler' | 'preParsing'>) {
  for (const hook of ['preParsing', 'preValidation', 'preHandler'] as const) {
    const fns: unknown[] = [route[hook]].flat();
    if (fns.some((f) => typeof f === 'function' && GUARD in f)) {
      throw new Error(
        `${String(route.method)} ${route.url}: attach guards with onRequest, not ${hook}, so authentication precedes body parsing.`,
      );
    }
  }
}

export function makeGuards(deps: GuardDeps) {
  /** A logged-in user holding `permission` (lib/permissions.ts) and a token of their current token version. */
  function user(permission: Permission = 'self.manage'): Guard {
    return guard(async (request) => {
      const token = bearerToken(request);
      if (token.startsWith(DIALER_TOKEN_PREFIX)) {
        throw new AppError('UNAUTHORIZED', 'A dialer token is not accepted on user routes.');
      }
      const { userId, tokenVersion } = await deps.tokens.verify(token);
      // The row is read on every request anyway (role, is_active, the company), so the
      // version check is exact at once in every process, with no cache to go stale.
      const principal = await deps.loadPrincipal(userId);
      if (!principal) throw new AppError('UNAUTHORIZED', 'This account is not active. Log in again.');
      if (principal.user.token_version !== tokenVersion) {
        throw new AppError('UNAUTHORIZED', 'This session has ended (the password changed or the account was deactivated). Log in again.');
      }
      assertCan(principal.user, permission);
      request.principal = principal;
    });
  }

  /**
   * A machine client holding a company's dialer token. With `cached`, a token verified
   * a moment ago is taken on trust and `liveChecked` is false: only for handlers that
   * re-check it in their own statement (report-result does).
   */
  function dialer(opts: { cached?: boolean } = {}): Guard {
    return guard(async (request) => {
      const token = bearerToken(request);
      if (!token.startsWith(DIALER_TOKEN_PREFIX)) {
        throw new AppError('UNAUTHORIZED', 'A user token is not accepted on dialer routes; use a dialer token.');
      }
      const d = await deps.verifyDialerToken(token, opts.cached ?? false);
      if (!d) throw new AppError('UNAUTHORIZED', 'Unknown or revoked dialer token.');
      request.dialer = d;
    });
  }

  return { user, dialer };
}

export type Guards = ReturnType<typeof makeGuards>;

/** The dialer a `dialer()` guard put on the request. */
export function dialerOf(request: FastifyRequest): DialerPrincipal {
  if (!request.dialer) throw new AppError('UNAUTHORIZED');
  return request.dialer;
}

/** The principal a `user()` guard put on the request. */
export function principalOf(request: FastifyRequest): Principal {
  if (!request.principal) throw new AppError('UNAUTHORIZED');
  return request.principal;
}
