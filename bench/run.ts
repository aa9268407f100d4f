// `npm run bench -- <name>`: numbers, dialer, stats, web (Lighthouse on the built web app), or db
// (a dataset server kept running for BENCH_DATABASE_URL, so repeated runs skip generating the
// 2M-number dataset).
import { openPostgres } from '../apps/api/src/db/client';
import { migrate } from '../apps/api/src/db/migrate';
import { benchDialer } from './dialer';
import { ensureDataset } from './lib/dataset';
import { benchDatabase } from './lib/servers';
import { benchNumbers } from './numbers';
import { benchStats } from './stats';
import { benchWeb } from './web';

async function serveDataset(): Promise<void> {
  const { url, server } = await benchDatabase();
  const handle = openPostgres(url, { max: 2 });
  await migrate(handle.db);
  await handle.close();
  await ensureDataset(url);
  console.log(
    `\nDataset server ready. In another terminal:\n  BENCH_DATABASE_URL=${url} npm run bench -- dialer\nCtrl-C stops and deletes it.`,
  );
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  server?.stop();
}

const benches: Record<string, () => Promise<void>> = {
  numbers: benchNumbers,
  dialer: benchDialer,
  stats: benchStats,
  web: benchWeb,
  db: serveDataset,
};
const name = process.argv[2];
const bench = name ? benches[name] : undefined;
if (!bench) {
  console.error(`Usage: npm run bench -- <${Object.keys(benches).join('|')}>`);
  process.exit(2);
}
bench().then(
  () => process.exit(0),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);
