import { isIP } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { Password, Slug, Username } from '@dialdeck/contracts/common';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

const emptyAsUndefined = (v: unknown) => (v === '' ? undefined : v);
const optional = <T extends z.ZodType>(s: T) => z.preprocess(emptyAsUndefined, s.optional());

const EnvSchema = z.object({
  PORT: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(0).max(65535).default(8080)),
  HOST: z.preprocess(emptyAsUndefined, z.string().default('127.0.0.1')),
  DATABASE_URL: optional(z.string().regex(/^postgres(ql)?:\/\/.+/, 'must be a postgres:// or postgresql:// connection URL')),
  DATA_DIR: z.preprocess(emptyAsUndefined, z.string().default('./data')),
  SECRET_KEY: optional(z.string().min(32, 'must be at least 32 characters')),
  ADMIN_USERNAME: optional(Username),
  ADMIN_PASSWORD: optional(Password),
  ADMIN_COMPANY: z.preprocess(emptyAsUndefined, Slug.default('default')),
  LOG_LEVEL: z.preprocess(emptyAsUndefined, z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info')),
  WEB_DIST: z.preprocess(emptyAsUndefined, z.string().default(path.join(REPO_ROOT, 'apps/web/dist'))),
  DB_POOL_SIZE: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(1).max(200).default(10)),
  TRUST_PROXY: z.preprocess(emptyAsUndefined, z.string().optional()).transform((v, ctx) => {
    const r = parseTrustProxy(v);
    if (typeof r === 'object' && 'error' in r) {
      ctx.addIssue({ code: 'custom', message: r.error });
      return z.NEVER;
    }
    return r;
  }),
});

/** Fastify's `trustProxy`: which peers may name the client in X-Forwarded-For. */
export type TrustProxy = boolean | string[];

const PROXY_KEYWORDS = new Set(['loopback', 'linklocal', 'uniquelocal']);

/**
 * TRUST_PROXY as Fastify (proxy-addr) takes it: unset or `false` → the socket's peer is
 * the client; `true` → the left-most X-Forwarded-For address (only behind a proxy that
 * overwrites the header); or a comma list of proxy addresses, CIDRs and proxy-addr's
 * keywords, whose X-Forwarded-For entries are believed. The client address keys the
 * login limits: a wrong value either lets one attacker lock out everyone behind the
 * proxy or lets a forged header buy fresh tries, hence strict parsing. A hop count is
 * refused: Fastify 5 treats a number as "trust nobody" (a count cannot tell the proxy
 * from a client that forged the header), so it would silently do nothing.
 */
export function parseTrustProxy(raw: string | undefined): TrustProxy | { error: string } {
  const v = raw?.trim().toLowerCase();
  if (v === undefined || v === '' || v === 'false') return false;
  if (v === 'true') return true;
  if (/^\d+$/.test(v)) {
    return {
      error:
        'a hop count cannot tell the proxy from a client forging X-Forwarded-For; list the proxy addresses (e.g. loopback or 10.0.0.0/8)',
    };
  }
  const list = v.split(',').map((s) => s.trim());
  for (const entry of list) {
    if (PROXY_KEYWORDS.has(entry)) continue;
    const [addr = '', prefix, ...rest] = entry.split('/');
    const family = isIP(addr);
    const maxPrefix = family === 6 ? 128 : 32;
    const prefixOk = prefix === undefined || (/^\d{1,3}$/.test(prefix) && Number(prefix) <= maxPrefix);
    if (family === 0 || !prefixOk || rest.length > 0) {
      return {
        error: `"${entry}" is not an address, a CIDR, loopback, linklocal or uniquelocal (expected true, false or a comma list of them)`,
      };
    }
  }
  return list;
}

export interface Config {
  port: number;
  host: string;
  databaseUrl?: string;
  dataDir: string;
  secretKey?: string;
  admin?: { username: string; password: string; company: string };
  adminCompany: string;
  logLevel: string;
  webDist: string;
  dbPoolSize: number;
  trustProxy: TrustProxy;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** For an entry point: the config, or every bad variable on stderr and exit code 2. */
export function loadConfigOrExit(env: NodeJS.ProcessEnv = process.env): Config {
  try {
    return loadConfig(env);
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(e.message);
      process.exit(2);
    }
    throw e;
  }
}

/** Parses the environment once; every bad variable is reported together. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = EnvSchema.safeParse(env);
  const problems = parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join('.') || '(environment)'}: ${i.message}`);
  // Checked on the raw values so they are reported even when other variables are bad.
  const set = (k: string) => env[k] !== undefined && env[k] !== '';
  if (set('ADMIN_USERNAME') && !set('ADMIN_PASSWORD')) problems.push('ADMIN_PASSWORD: is required when ADMIN_USERNAME is set');
  if (set('ADMIN_PASSWORD') && !set('ADMIN_USERNAME')) problems.push('ADMIN_USERNAME: is required when ADMIN_PASSWORD is set');
  if (!parsed.success || problems.length > 0) throw new ConfigError(problems);
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    dataDir: path.resolve(e.DATA_DIR),
    secretKey: e.SECRET_KEY,
    admin:
      e.ADMIN_USERNAME && e.ADMIN_PASSWORD
        ? { username: e.ADMIN_USERNAME, password: e.ADMIN_PASSWORD, company: e.ADMIN_COMPANY }
        : undefined,
    adminCompany: e.ADMIN_COMPANY,
    logLevel: e.LOG_LEVEL,
    webDist: path.resolve(e.WEB_DIST),
    dbPoolSize: e.DB_POOL_SIZE,
    trustProxy: e.TRUST_PROXY,
  };
}
