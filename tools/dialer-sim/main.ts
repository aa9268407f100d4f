// The reference dialer: `npm run dialer-sim -- --url http://127.0.0.1:8080 --token ddt_… --dialers 8 --duration 60`
import { parseArgs } from 'node:util';
import { emptyStats, simulate } from './simulator';

const USAGE = `Usage: npm run dialer-sim -- --url <server> --token <dialer token> [--dialers 8] [--duration 60]
       [--size 100] [--channels 10] [--speed 600] [--campaign <id>] [--grace 10]
  --duration  seconds to lease batches (0 = until Ctrl+C)
  --grace     seconds after that to call and report the numbers in hand; then it stops,
              reachable server or not (numbers still unreported stay locked until the lease timeout)
  --speed     simulated call time is divided by this (1 = real time; 600 = a 5-minute call takes 0.5 s)`;

const { values } = parseArgs({
  options: {
    url: { type: 'string', default: 'http://127.0.0.1:8080' },
    token: { type: 'string' },
    dialers: { type: 'string', default: '8' },
    duration: { type: 'string', default: '60' },
    size: { type: 'string', default: '100' },
    channels: { type: 'string', default: '10' },
    speed: { type: 'string', default: '600' },
    campaign: { type: 'string' },
    grace: { type: 'string', default: '10' },
    help: { type: 'boolean', default: false },
  },
});
const num = (name: string, v: string | undefined, min: number, max: number) => {
  const n = Number(v);
  if (!Number.isFinite(n) || n < min || n > max) {
    console.error(`--${name} must be a number from ${min} to ${max}\n${USAGE}`);
    process.exit(2);
  }
  return n;
};
if (values.help || !values.token) {
  console.log(USAGE);
  process.exit(values.help ? 0 : 2);
}

const duration = num('duration', values.duration, 0, 86_400 * 365);
const stats = emptyStats();
const controller = new AbortController();
process.on('SIGINT', () => controller.abort());
const started = Date.now();
const line = () => {
  const s = (Date.now() - started) / 1000;
  const refused =
    Object.entries(stats.refusals)
      .map(([k, v]) => `${k}:${v}`)
      .join(' ') || '0';
  return `[${s.toFixed(0).padStart(4)} s] batches ${stats.batches} (empty ${stats.emptyBatches}) · numbers ${stats.handedOut} · reports ${stats.reports} (${(stats.reports / Math.max(s, 1)).toFixed(1)}/s, duplicates ${stats.duplicates}, retries ${stats.retries}) · refused ${refused} · unreachable ${stats.unreachable} · errors ${stats.errors}`;
};
const ticker = setInterval(() => process.stdout.write(`\r${line()}   `), 1000);

simulate(
  {
    url: values.url!,
    token: values.token,
    dialers: num('dialers', values.dialers, 1, 256),
    durationMs: duration === 0 ? Number.MAX_SAFE_INTEGER : duration * 1000,
    size: num('size', values.size, 1, 500),
    channels: num('channels', values.channels, 1, 500),
    speed: num('speed', values.speed, 1, 1_000_000),
    campaignId: values.campaign ? num('campaign', values.campaign, 1, 2 ** 31 - 1) : undefined,
    signal: controller.signal,
    graceMs: num('grace', values.grace, 0, 3600) * 1000,
  },
  stats,
).then(() => {
  clearInterval(ticker);
  console.log(`\r${line()}`);
  console.log('\nFinal report');
  console.log(`  batches leased     ${stats.batches} (${stats.emptyBatches} empty)`);
  console.log(`  numbers handed out ${stats.handedOut}`);
  console.log(`  outcomes reported  ${stats.reports} (server said duplicate for ${stats.duplicates}; ${stats.retries} retries)`);
  console.log(`  refusals           ${JSON.stringify(stats.refusals)}`);
  console.log(`  server unreachable ${stats.unreachable} next-batch calls (waited out)`);
  console.log(`  left unreported    ${stats.unreported} (locked until the lease timeout)`);
  console.log(`  errors             ${stats.errors}`);
  process.exit(stats.errors > 0 || stats.unreported > 0 ? 1 : 0);
});
