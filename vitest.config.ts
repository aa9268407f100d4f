import { defineConfig } from 'vitest/config';

// Three tiers (STYLE.md): unit (pure logic), db (services on a real engine) and
// http (app.inject and real server processes). db and http run once per engine:
// TEST_DB=pglite (default) or TEST_DB=postgres (a PostgreSQL 15 server the global
// setup starts on a loopback port).
const engine = process.env.TEST_DB === 'postgres' ? 'postgres' : 'pglite';

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          // Pure logic only: the web app's browser behaviour is covered by the e2e tier.
          include: ['apps/api/src/**/*.unit.test.ts', 'packages/*/src/**/*.test.ts', 'apps/web/src/**/*.test.ts', 'tools/**/*.test.ts'],
        },
      },
      {
        test: {
          // db and http tiers share one project so one PostgreSQL server serves both.
          name: `db-${engine}`,
          include: ['apps/api/src/**/*.db.test.ts', 'apps/api/src/**/*.http.test.ts'],
          globalSetup: ['apps/api/test/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
