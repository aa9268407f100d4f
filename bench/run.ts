// `npm run bench -- <name>`: numbers or dialer.
import { benchDialer } from './dialer';
import { benchNumbers } from './numbers';

const benches: Record<string, () => Promise<void>> = { numbers: benchNumbers, dialer: benchDialer };
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
