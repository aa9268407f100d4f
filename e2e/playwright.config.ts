import { CHROMIUM } from './chromium';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from '@playwright/test';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '..');
// E2E_PORT lets several checkouts run their suites side by side.
const PORT = Number(process.env.E2E_PORT ?? 18181);
const baseURL = `http://127.0.0.1:${PORT}`;

// Playwright evaluates this file again in every worker; the env var makes all
// of them agree on the one fresh data folder the server was started with.
const ownsDataDir = !process.env.DIALDECK_E2E_DATA_DIR;
process.env.DIALDECK_E2E_DATA_DIR ??= fs.mkdtempSync(path.join(os.tmpdir(), 'dialdeck-e2e-'));
const dataDir = process.env.DIALDECK_E2E_DATA_DIR;
// The main process outlives the web server it started: it removes the folder on exit.
if (ownsDataDir) process.on('exit', () => fs.rmSync(dataDir, { recursive: true, force: true }));

/**
 * Runs the real server (API + the built web app from apps/web/dist, which the
 * test runner script builds first) on a fresh embedded database.
 */
export default defineConfig({
  testDir: '.',
  testMatch: '**/*.spec.ts',
  outputDir: '../test-results/e2e-output',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  forbidOnly: Boolean(process.env.CI),
  reporter: [['list'], ['json', { outputFile: '../test-results/e2e.json' }]],
  use: {
    baseURL,
    viewport: { width: 1366, height: 900 },
    actionTimeout: 10_000,
    navigationTimeout: 30_000,
    trace: 'off',
    screenshot: 'only-on-failure',
    launchOptions: CHROMIUM,
  },
  webServer: {
    command: 'node --import tsx apps/api/src/main.ts',
    cwd: repoRoot,
    env: {
      PORT: String(PORT),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      ADMIN_USERNAME: 'root',
      ADMIN_PASSWORD: 'root-pass-123',
      ADMIN_COMPANY: 'acme',
    },
    url: `${baseURL}/api/health`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: 'ignore',
    stderr: 'pipe',
  },
});
