import type { ServerResponse } from 'node:http';
import { z } from 'zod';
import { CompanyScopeQuery, ErrorResponse } from '@dialdeck/contracts/common';
import { StreamTicketResponse, type StatsStreamEvent } from '@dialdeck/contracts/stats';
import { principalOf, type Guards, type Principal } from '../../lib/auth';
import { AppError } from '../../lib/errors';
import type { App } from '../../lib/http';
import { assertCan } from '../../lib/permissions';
import { toZonedIso } from '../../lib/time';
import type { CompaniesService } from '../companies/companies.service';
import type { StatsStreamHub } from './stats-stream';
import type { StreamTickets } from './stream-ticket';

/** A comment line every this long keeps proxies and the browser from closing an idle stream. */
export const HEARTBEAT_MS = 15_000;
/** A client this far behind (bytes queued) is cut off rather than buffered for without end. */
const MAX_QUEUED_BYTES = 1024 * 1024;

const errors = { 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse };

export function statsStreamRoutes(
  app: App,
  deps: {
    guards: Guards;
    companies: CompaniesService;
    tickets: StreamTickets;
    hub: StatsStreamHub;
    loadPrincipal: (userId: number) => Promise<Principal | undefined>;
  },
) {
  const { guards, companies, tickets, hub } = deps;
  const tags = ['stats'];
  const open = new Set<ServerResponse>();

  app.post('/api/stats/stream-ticket', {
    onRequest: guards.user('stats.read'),
    schema: {
      tags,
      summary: 'A 60-second ticket for the live statistics stream',
      description:
        'Answers a signed ticket valid 60 s, bound to the caller and the company (a superuser may name another with `company=`). ' +
        'Pass it as `GET /api/stats/stream?ticket=…` — an EventSource cannot send an Authorization header. A ticket is not an ' +
        'access token and an access token is not a ticket. Admins only; agents get 403.',
      querystring: CompanyScopeQuery,
      response: { 200: StreamTicketResponse, ...errors },
    },
    handler: async (req) => {
      const me = principalOf(req);
      const scope = await companies.resolveScope(me, req.query.company);
      const { ticket, expiresAt } = await tickets.sign({ userId: me.user.id, tokenVersion: me.user.token_version, companyId: scope.id });
      return { ticket, expires_at: toZonedIso(expiresAt, scope.timezone) };
    },
  });

  app.get('/api/stats/stream', {
    // Each event must leave at once: a compressor would hold it back for a fuller block.
    compress: false,
    schema: {
      tags,
      security: [{ streamTicket: [] }],
      summary: "Server-Sent Events: today's attempts summary, live",
      description:
        '`text/event-stream`. Sends one `stats` event at once, then at most one a second while dialer results arrive ' +
        '(from any server process), each `data: {"attempts_today": <the attempts summary for timeframe=today>}`; a `: ping` ' +
        'comment every 15 s. The ticket (POST /api/stats/stream-ticket) is checked when the stream opens: the account must still ' +
        'be active and its session current. 401 for a missing, expired or invalid ticket.',
      querystring: z.object({ ticket: z.string().optional() }),
      response: { 200: z.string().describe('text/event-stream'), ...errors },
    },
    handler: async (req, reply) => {
      const claims = await tickets.verify(req.query.ticket);
      const principal = await deps.loadPrincipal(claims.userId);
      if (!principal) throw new AppError('UNAUTHORIZED', 'This account is not active. Log in again.');
      if (principal.user.token_version !== claims.tokenVersion) {
        throw new AppError('UNAUTHORIZED', 'This session has ended (the password changed or the account was deactivated). Log in again.');
      }
      assertCan(principal.user, 'stats.read');
      let company = principal.company;
      if (claims.companyId !== company.id) {
        assertCan(principal.user, 'companies.act-in-any');
        company = await companies.get(claims.companyId);
      }
      // Subscribed before the first figures are computed, so results committed meanwhile are not missed.
      let latest: StatsStreamEvent | undefined;
      let streaming = false;
      const unsubscribe = hub.subscribe(company, (event) => (streaming ? send(event) : (latest = event)));
      let first: StatsStreamEvent;
      try {
        first = await hub.snapshot(company);
      } catch (e) {
        unsubscribe();
        throw e;
      }

      reply.hijack();
      const res = reply.raw;
      res.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-transform',
        connection: 'keep-alive',
        // nginx and the like must pass each event on as it is written.
        'x-accel-buffering': 'no',
        'x-content-type-options': 'nosniff',
      });
      res.flushHeaders();
      req.raw.socket.setNoDelay(true);
      req.raw.socket.setTimeout(0);
      open.add(res);

      const write = (chunk: string) => {
        if (res.writableEnded || res.destroyed) return;
        if (res.writableLength > MAX_QUEUED_BYTES) {
          res.destroy();
          return;
        }
        res.write(chunk);
      };
      const send = (event: StatsStreamEvent) => write(`event: stats\ndata: ${JSON.stringify(event)}\n\n`);
      // A client that reconnects waits a few seconds before trying again.
      write('retry: 3000\n\n');
      // An event computed after the results that arrived since subscribing is as fresh as `first` or fresher.
      send(latest ?? first);
      streaming = true;
      const heartbeat = setInterval(() => write(': ping\n\n'), HEARTBEAT_MS);
      heartbeat.unref();
      res.on('close', () => {
        clearInterval(heartbeat);
        unsubscribe();
        open.delete(res);
      });
    },
  });

  // close() waits for every open connection: a stream never ends by itself, so it is ended here.
  app.addHook('preClose', async () => {
    // Its connection closes with it, rather than idling in keep-alive while close() waits.
    for (const res of open) res.end(() => res.socket?.destroy());
    open.clear();
    hub.close();
  });
}
