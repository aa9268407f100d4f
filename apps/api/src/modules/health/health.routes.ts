import { HealthResponse } from '@dialdeck/contracts/health';
import { ErrorResponse } from '@dialdeck/contracts/common';
import { AppError } from '../../lib/errors';
import type { App } from '../../lib/http';
import type { HealthRepository } from './health.repository';

export function healthRoutes(app: App, { health }: { health: HealthRepository }) {
  app.get('/api/health', {
    schema: { tags: ['health'], summary: 'Liveness and database check', response: { 200: HealthResponse, 503: ErrorResponse } },
    handler: async (req) => {
      try {
        await health.ping();
      } catch (e) {
        req.log.error({ err: e }, 'database ping failed');
        throw new AppError('UNAVAILABLE', 'The database does not answer.');
      }
      return { status: 'ok' as const, db: 'ok' as const };
    },
  });
}
