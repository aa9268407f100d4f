import { HealthDownResponse, HealthResponse } from '@dialdeck/contracts/health';
import { DB_RETRY_AFTER_SECONDS } from '../../lib/errors';
import type { App } from '../../lib/http';
import type { HealthRepository } from './health.repository';

/** A load balancer's check must answer well inside its own timeout, even while the database hangs. */
const PING_TIMEOUT_MS = 2_000;

export function healthRoutes(app: App, { health }: { health: HealthRepository }) {
  app.get('/api/health', {
    schema: {
      tags: ['health'],
      summary: 'Liveness and database check',
      description: 'While the database does not answer: 503 with `db: "down"` and `Retry-After`.',
      response: { 200: HealthResponse, 503: HealthDownResponse },
    },
    handler: async (req, reply) => {
      try {
        await health.ping(PING_TIMEOUT_MS);
      } catch (e) {
        req.log.warn(`database ping failed: ${(e as Error).message}`);
        return reply
          .status(503)
          .header('retry-after', String(DB_RETRY_AFTER_SECONDS))
          .send({
            status: 'unavailable' as const,
            db: 'down' as const,
            error: { code: 'UNAVAILABLE', message: 'The database does not answer.' },
          });
      }
      return { status: 'ok' as const, db: 'ok' as const };
    },
  });
}
