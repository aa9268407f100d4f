import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium } from '@playwright/test';
import lighthouse from 'lighthouse';
import { freePort, serverApi, startServerProcess } from '../apps/api/test/server-process';
import { CHROMIUM } from '../e2e/chromium';
import { machine, writeResults } from './lib/environment';
import { ROOT } from './lib/servers';

const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const ADMIN = { username: 'bench', password: 'bench-password-1' };
/** Where the web app keeps the access token (apps/web/src/lib/auth-token.ts). */
const TOKEN_KEY = 'dialdeck.access_token';
const NUMBERS = 500;
const TARGET = 0.9;
/** BENCH_WEB_REPORTS=<dir> keeps each run's full Lighthouse report (JSON) there, to see where the time goes. */
const REPORTS = process.env.BENCH_WEB_REPORTS;

interface Figures {
  score: number;
  fcp: number;
  lcp: number;
  tbt: number;
  si: number;
  cls: number;
  totalBytes: number;
  jsBytes: number;
  requests: number;
}

interface Page {
  name: string;
  path: string;
  /** Signed in: the token is put in localStorage before Lighthouse loads the page. */
  signedIn: boolean;
}

const PAGES: Page[] = [
  { name: '/login', path: '/login', signedIn: false },
  { name: '/numbers (signed in)', path: '/numbers', signedIn: true },
];

/**
 * One Lighthouse run (its default mobile profile: simulated slow 4G, 4x CPU slowdown, a Moto G
 * Power screen) in a fresh Chromium profile, so nothing is cached. For a signed-in page the token
 * is written to localStorage first, on a blank document of the same origin (nothing of the app is
 * loaded, so nothing is cached either), and Lighthouse is told to keep storage, as its guide on
 * authenticated pages does with a browser it attaches to by port.
 */
async function measure(origin: string, page: Page, token: string): Promise<Figures> {
  const profile = mkdtempSync(path.join(tmpdir(), 'dialdeck-lh-'));
  const port = await freePort();
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM.executablePath,
    args: [...CHROMIUM.args, `--remote-debugging-port=${port}`],
  });
  try {
    if (page.signedIn) {
      const tab = await context.newPage();
      await tab.route('**/*', (route) => route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>seed</title>' }));
      await tab.goto(`${origin}/__bench-seed`);
      await tab.evaluate(`localStorage.setItem(${JSON.stringify(TOKEN_KEY)}, ${JSON.stringify(token)})`);
      await tab.close();
    }
    const result = await lighthouse(`${origin}${page.path}`, {
      port,
      output: 'json',
      logLevel: 'error',
      onlyCategories: ['performance'],
      disableStorageReset: page.signedIn,
    });
    if (!result) throw new Error(`Lighthouse returned nothing for ${page.path}`);
    const { lhr } = result;
    if (REPORTS) {
      mkdirSync(REPORTS, { recursive: true });
      writeFileSync(path.join(REPORTS, `${page.path.slice(1)}-${Date.now()}.json`), JSON.stringify(lhr));
    }
    if (lhr.runtimeError) throw new Error(`Lighthouse: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
    const finalUrl = new URL(lhr.finalDisplayedUrl);
    if (finalUrl.pathname !== page.path) throw new Error(`${page.path} ended on ${lhr.finalDisplayedUrl} (not signed in?)`);
    const value = (id: string) => {
      const v = lhr.audits[id]?.numericValue;
      if (v === undefined) throw new Error(`Lighthouse audit ${id} has no value`);
      return v;
    };
    const summary = (
      lhr.audits['resource-summary']?.details as { items?: { resourceType: string; transferSize: number; requestCount: number }[] }
    )?.items;
    const byType = (type: string) => summary?.find((i) => i.resourceType === type);
    return {
      score: lhr.categories.performance?.score ?? NaN,
      fcp: value('first-contentful-paint'),
      lcp: value('largest-contentful-paint'),
      tbt: value('total-blocking-time'),
      si: value('speed-index'),
      cls: value('cumulative-layout-shift'),
      totalBytes: value('total-byte-weight'),
      jsBytes: byType('script')?.transferSize ?? NaN,
      requests: byType('total')?.requestCount ?? NaN,
    };
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

const s = (msValue: number) => `${(msValue / 1000).toFixed(2)} s`;
const kib = (bytes: number) => `${(bytes / 1024).toFixed(0)} KiB`;

export async function benchWeb(): Promise<void> {
  const started = Date.now();
  console.log('Building the web app…');
  const build = spawnSync('npm', ['run', 'build'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  if (build.status !== 0) throw new Error('npm run build failed');

  const dataDir = mkdtempSync(path.join(tmpdir(), 'dialdeck-bench-web-'));
  const server = await startServerProcess({
    DATA_DIR: dataDir,
    HOST: '127.0.0.1',
    ADMIN_USERNAME: ADMIN.username,
    ADMIN_PASSWORD: ADMIN.password,
    ADMIN_COMPANY: 'bench',
  });
  try {
    const { access_token: token } = await serverApi<{ access_token: string }>(server.url, 'POST', '/api/auth/login', null, ADMIN);
    // A numbers page with a full first page of rows, as a company in use has.
    const phones = Array.from({ length: NUMBERS }, (_, i) => `0912${String(1_000_000 + i * 7).padStart(7, '0')}`);
    await serverApi(server.url, 'POST', '/api/numbers', token, { numbers: phones });

    const rows: string[] = [];
    const verdicts: string[] = [];
    for (const page of PAGES) {
      const runs: Figures[] = [];
      for (let i = 0; i < RUNS; i++) {
        console.log(`Lighthouse ${page.name}, run ${i + 1} of ${RUNS}…`);
        const f = await measure(server.url, page, token);
        console.log(`  score ${f.score}, FCP ${s(f.fcp)}, LCP ${s(f.lcp)}, TBT ${f.tbt.toFixed(0)} ms, ${kib(f.totalBytes)}`);
        runs.push(f);
      }
      const m = (k: keyof Figures) => median(runs.map((r) => r[k]));
      const score = m('score');
      rows.push(
        `| ${page.name} | **${score.toFixed(2)}** (${runs.map((r) => r.score.toFixed(2)).join(', ')}) | ${s(m('fcp'))} | ${s(m('lcp'))} | ${m('tbt').toFixed(0)} ms | ${s(m('si'))} | ${m('cls').toFixed(3)} | ${kib(m('totalBytes'))} | ${kib(m('jsBytes'))} | ${m('requests')} |`,
      );
      verdicts.push(
        `- ${page.name}: ${score >= TARGET ? `meets the target (${score.toFixed(2)} ≥ ${TARGET})` : `**misses the target** (${score.toFixed(2)} < ${TARGET})`}.`,
      );
    }

    const chrome = spawnSync('/usr/bin/chromium', ['--version'], { encoding: 'utf8' }).stdout.trim();
    const results = [
      '# Web first-load benchmark',
      '',
      'Command: `npm run bench -- web` (builds the web app, starts the real server on a fresh embedded database, signs in its first admin and adds 500 numbers, then runs Lighthouse on each page).',
      '',
      machine(chrome),
      '- Lighthouse 12.2.3, default mobile profile: simulated throttling (150 ms RTT, 1.6 Mbps down, 4x CPU slowdown), Moto G Power screen; a fresh browser profile per run (cold cache); the signed-in page gets the token in localStorage before the run.',
      '',
      `Each figure is the median of ${RUNS} runs; the score column lists every run.`,
      '',
      '| page | performance | FCP | LCP | TBT | Speed Index | CLS | transferred | of it JavaScript | requests |',
      '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
      ...rows,
      '',
      `Target: performance ≥ ${TARGET} on both pages.`,
      '',
      ...verdicts,
      '',
      `Whole run: ${((Date.now() - started) / 1000).toFixed(0)} s.`,
    ];
    writeResults('web', results);
  } finally {
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
