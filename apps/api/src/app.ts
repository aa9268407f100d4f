import { randomBytes } from 'node:crypto';
import Fastify from 'fastify';
import fastifyMultipart from '@fastify/multipart';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Config } from './config';
import type { Db } from './db/client';
import { AccessTokens, assertGuardsOnRequest, makeGuards, type DialerPrincipal } from './lib/auth';
import { errorHandler, type App } from './lib/http';
import { finishOpenApi } from './lib/openapi-document';
import { DOCS_CSP, drainRefusedBodies, registerSecurityHeaders, trackRoutes } from './lib/http-hardening';
import { systemClock, type Clock } from './lib/time';
import { registerCompression, registerWeb } from './lib/web-delivery';
import { AuthService } from './modules/auth/auth.service';
import { authRoutes } from './modules/auth/auth.routes';
import { LoginFailuresRepository } from './modules/auth/login-failures.repository';
import { CompaniesRepository } from './modules/companies/companies.repository';
import { companiesRoutes } from './modules/companies/companies.routes';
import { CompaniesService } from './modules/companies/companies.service';
import { CampaignsRepository } from './modules/campaigns/campaigns.repository';
import { CampaignsService } from './modules/campaigns/campaigns.service';
import { NumbersRepository } from './modules/numbers/numbers.repository';
import { campaignsRoutes } from './modules/campaigns/campaigns.routes';
import { LinesRepository } from './modules/lines/lines.repository';
import { LinesService } from './modules/lines/lines.service';
import { linesRoutes } from './modules/lines/lines.routes';
import { ScenariosRepository } from './modules/scenarios/scenarios.repository';
import { ScenariosService } from './modules/scenarios/scenarios.service';
import { scenariosRoutes } from './modules/scenarios/scenarios.routes';
import { numbersRoutes, UPLOAD_LIMIT_BYTES } from './modules/numbers/numbers.routes';
import { NumberHistoryService } from './modules/numbers/number-history.service';
import { NumbersService } from './modules/numbers/numbers.service';
import { dialerRoutes } from './modules/dialer/dialer.routes';
import { DialerTokensRepository } from './modules/dialer/dialer-tokens.repository';
import { DialerTokensService } from './modules/dialer/dialer-tokens.service';
import { DispatchRepository } from './modules/dialer/dispatch.repository';
import { DispatchService } from './modules/dialer/dispatch.service';
import { ReportsRepository } from './modules/dialer/reports.repository';
import { ReportsService } from './modules/dialer/reports.service';
import { CallResultsRepository } from './modules/numbers/call-results.repository';
import { CallResultsService } from './modules/numbers/call-results.service';
import { HealthRepository } from './modules/health/health.repository';
import { healthRoutes } from './modules/health/health.routes';
import { InstanceSettingsRepository } from './modules/instance/instance-settings.repository';
import { ScheduleRepository } from './modules/schedule/schedule.repository';
import { scheduleRoutes } from './modules/schedule/schedule.routes';
import { ScheduleService } from './modules/schedule/schedule.service';
import { StatsRepository } from './modules/stats/stats.repository';
import { statsRoutes } from './modules/stats/stats.routes';
import { StatsService } from './modules/stats/stats.service';
import { UsersRepository } from './modules/users/users.repository';
import { usersRoutes } from './modules/users/users.routes';
import { UsersService } from './modules/users/users.service';
import { resultsSignalFor } from './modules/stats/results-signal';
import { StatsFolder } from './modules/stats/stats-fold';
import { StatsFoldRepository } from './modules/stats/stats-fold.repository';
import { StatsStreamHub } from './modules/stats/stats-stream';
import { statsStreamRoutes } from './modules/stats/stats-stream.routes';
import { StreamTickets } from './modules/stats/stream-ticket';
import { REVERIFY_INTERVAL_MS, VoiceReverifier } from './modules/voice-servers/voice-reverifier';
import { VoiceServersRepository } from './modules/voice-servers/voice-servers.repository';
import { voiceServersRoutes } from './modules/voice-servers/voice-servers.routes';
import { VoiceServersService, type VoiceServersOptions } from './modules/voice-servers/voice-servers.service';

export const BODY_LIMIT_BYTES = 1024 * 1024;

export interface AppOptions {
  config: Pick<Config, 'secretKey' | 'webDist' | 'logLevel'> & Partial<Pick<Config, 'trustProxy' | 'databaseUrl'>>;
  db: Db;
  clock?: Clock;
  logger?: boolean;
  /** The services, when the caller has built them already (main.ts builds them once for the app and the first-start check). */
  services?: Services;
  /** Voice-server handshakes and their re-verification (tests shorten the timeout). */
  voice?: VoiceOptions;
}

export interface VoiceOptions extends VoiceServersOptions {
  /** How often active voice servers are verified again; 5 minutes unless told. */
  reverifyIntervalMs?: number;
}

export type Services = ReturnType<typeof buildServices>;

/**
 * The services every part of the app (routes, CLI, bootstrap) builds on. `databaseUrl`: the
 * PostgreSQL server's (DATABASE_URL), so new results reach the live statistics of every process.
 */
export function buildServices(db: Db, clock: Clock, secret: Uint8Array, opts: { databaseUrl?: string; voice?: VoiceOptions } = {}) {
  const companies = new CompaniesService(new CompaniesRepository(db));
  const users = new UsersService(new UsersRepository(db), companies);
  const tokens = new AccessTokens(secret, clock);
  const schedule = new ScheduleService(new ScheduleRepository(db), clock);
  const campaigns = new CampaignsService(new CampaignsRepository(db));
  const numbers = new NumbersService(new NumbersRepository(db), campaigns, clock);
  const resultsSignal = resultsSignalFor(db, opts.databaseUrl);
  const stats = new StatsService(new StatsRepository(db), numbers, campaigns, companies, clock);
  const lines = new LinesService(new LinesRepository(db), companies, stats, clock);
  const scenarios = new ScenariosService(new ScenariosRepository(db), stats);
  const voiceServers = new VoiceServersService(new VoiceServersRepository(db), opts.voice);
  return {
    campaigns,
    companies,
    users,
    schedule,
    dialerTokens: new DialerTokensService(new DialerTokensRepository(db), clock),
    lines,
    scenarios,
    dispatch: new DispatchService(new DispatchRepository(db), campaigns, companies, schedule, lines, clock),
    reports: new ReportsService(
      new ReportsRepository(db),
      new CallResultsService(new CallResultsRepository(db)),
      schedule,
      { lines, scenarios },
      clock,
      (companyId) => resultsSignal.resultsArrived(companyId),
    ),
    resultsSignal,
    statsFolder: new StatsFolder(new StatsFoldRepository(db)),
    streamTickets: new StreamTickets(secret, clock),
    auth: new AuthService(users, new LoginFailuresRepository(db), tokens, clock),
    tokens,
    health: new HealthRepository(db),
    numbers,
    numberHistory: new NumberHistoryService(numbers, new CallResultsRepository(db)),
    stats,
    voiceServers,
    voiceReverifier: new VoiceReverifier(voiceServers, { intervalMs: opts.voice?.reverifyIntervalMs ?? REVERIFY_INTERVAL_MS }),
  };
}

export async function resolveSecret(db: Db, secretKey: string | undefined): Promise<Uint8Array> {
  const value =
    secretKey ?? (await new InstanceSettingsRepository(db).getOrCreate('jwt_secret', () => randomBytes(48).toString('base64url')));
  return new TextEncoder().encode(value);
}

export async function buildApp(opts: AppOptions): Promise<App> {
  const clock = opts.clock ?? systemClock;
  const services =
    opts.services ??
    buildServices(opts.db, clock, await resolveSecret(opts.db, opts.config.secretKey), {
      databaseUrl: opts.config.databaseUrl,
      voice: opts.voice,
    });

  const app = Fastify({
    logger: opts.logger === false ? false : { level: opts.config.logLevel },
    bodyLimit: BODY_LIMIT_BYTES,
    // TRUST_PROXY (config.ts): the client address keys the login limits.
    trustProxy: opts.config.trustProxy ?? false,
    // Numbers route ids are integers; a clean 400 beats a stray string reaching SQL.
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 200 },
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(errorHandler);
  app.addHook('onRoute', assertGuardsOnRequest);
  const routes = trackRoutes(app, { ignoreTrailingSlash: true });
  await registerSecurityHeaders(app);
  drainRefusedBodies(app);
  // Before any route: the plugin attaches itself to each route as it is added.
  await registerCompression(app);

  await app.register(fastifyMultipart, { limits: { fileSize: UPLOAD_LIMIT_BYTES, files: 1, fields: 5 } });
  await app.register(fastifySwagger, {
    openapi: {
      info: {
        title: 'Dialdeck API',
        version: '1.0.0',
        description:
          'Outbound calling campaigns: numbers, dialer lease API, schedules, statistics. Sign in with POST /api/auth/login and ' +
          'send the token as `Authorization: Bearer <token>`; dialer routes take a dialer token instead. Errors answer ' +
          '`{ error: { code, message, fields? } }` with the statuses listed on each operation.',
      },
      components: {
        securitySchemes: {
          bearer: {
            type: 'http',
            scheme: 'bearer',
            description: 'User access token from /api/auth/login, or a dialer token on dialer routes',
          },
          streamTicket: {
            type: 'apiKey',
            in: 'query',
            name: 'ticket',
            description:
              'A 60-second ticket from POST /api/stats/stream-ticket, for GET /api/stats/stream (an EventSource sends no headers)',
          },
        },
      },
      security: [{ bearer: [] }],
    },
    transform: jsonSchemaTransform,
    transformObject: (d) => finishOpenApi('openapiObject' in d ? d.openapiObject : d.swaggerObject),
  });
  await app.register(fastifySwaggerUi, {
    routePrefix: '/api/docs',
    uiConfig: { validatorUrl: null },
    transformStaticCSP: () => DOCS_CSP,
  });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  const guards = makeGuards({
    tokens: services.tokens,
    loadPrincipal: (id) => services.auth.principal(id),
    verifyDialerToken: async (token, cached): Promise<DialerPrincipal | undefined> => {
      const found = cached ? await services.dialerTokens.verifyCached(token) : await services.dialerTokens.verify(token);
      return found && { kind: 'dialer', tokenId: found.tokenId, company: found.company, liveChecked: found.liveChecked };
    },
  });

  healthRoutes(app, services);
  authRoutes(app, { guards, auth: services.auth });
  companiesRoutes(app, { guards, companies: services.companies });
  usersRoutes(app, { guards, users: services.users, companies: services.companies });
  scheduleRoutes(app, { guards, schedule: services.schedule, companies: services.companies });
  numbersRoutes(app, { guards, numbers: services.numbers, history: services.numberHistory, companies: services.companies });
  campaignsRoutes(app, { guards, campaigns: services.campaigns, companies: services.companies });
  statsRoutes(app, { guards, stats: services.stats, companies: services.companies });
  linesRoutes(app, { guards, lines: services.lines, companies: services.companies });
  scenariosRoutes(app, { guards, scenarios: services.scenarios, companies: services.companies });
  voiceServersRoutes(app, { guards, voiceServers: services.voiceServers });
  dialerRoutes(app, {
    guards,
    companies: services.companies,
    tokens: services.dialerTokens,
    dispatch: services.dispatch,
    reports: services.reports,
  });

  const hub = new StatsStreamHub(
    services.resultsSignal,
    (c) => services.stats.attemptsSummary(c, { timeframe: 'today' }),
    (e) => app.log.error({ err: e }, 'live statistics: could not compute the attempts summary'),
  );
  statsStreamRoutes(app, {
    guards,
    companies: services.companies,
    tickets: services.streamTickets,
    hub,
    loadPrincipal: (id) => services.auth.principal(id),
  });
  // Listening starts with the server (so a stream's first event follows a LISTEN already in place) and ends with it.
  app.addHook('onReady', () => services.resultsSignal.start((message, e) => app.log.warn({ err: e }, message)));
  // The statistics fold (stats-fold.ts) runs beside the server in every process; one folds at a time.
  app.addHook('onReady', async () => services.statsFolder.start((message, e) => app.log.warn({ err: e }, message)));
  // The line rest check (lines.service.ts) likewise; one process checks at a time.
  app.addHook('onReady', async () => services.lines.start((message, e) => app.log.warn({ err: e }, message)));
  // The voice servers' re-verification (voice-reverifier.ts) too: in every process, one pass at a time across them.
  app.addHook('onReady', async () => services.voiceReverifier.start((message, e) => app.log.warn({ err: e }, message)));

  // close() stops accepting and waits for in-flight requests first; then writes still queued, before the database closes.
  app.addHook('onClose', async () => {
    await services.reports.drain();
    await services.statsFolder.close();
    await services.lines.close();
    await services.voiceReverifier.close();
    await services.resultsSignal.close();
  });

  registerWeb(app, opts.config.webDist, routes.allowed);
  return app;
}
