import { parseArgs } from 'node:util';
import { z } from 'zod';
import { Password, Slug, Username } from '@dialdeck/contracts/common';
import { loadConfigOrExit } from '../config';
import { buildServices, resolveSecret } from '../app';
import { openDatabase } from '../db/open';
import { AppError } from '../lib/errors';
import { systemClock } from '../lib/time';

const USAGE = 'Usage: npm run create-admin -- <username> <password> [company-slug]';

async function main(): Promise<number> {
  const { positionals } = parseArgs({ allowPositionals: true, args: process.argv.slice(2) });
  if (positionals.length < 2 || positionals.length > 3) {
    console.error(USAGE);
    return 2;
  }
  const args = z.object({ username: Username, password: Password, company: Slug }).safeParse({
    username: positionals[0],
    password: positionals[1],
    company: positionals[2] ?? 'default',
  });
  if (!args.success) {
    for (const i of args.error.issues) console.error(`${i.path.join('.')}: ${i.message}`);
    console.error(USAGE);
    return 2;
  }
  const config = loadConfigOrExit();
  const handle = await openDatabase(config);
  try {
    const services = buildServices(handle.db, systemClock, await resolveSecret(handle.db, config.secretKey));
    const { user, company } = await services.users.createSuperuser(args.data.company, args.data.username, args.data.password);
    console.log(`Created superuser "${user.username}" in company "${company.name}". Log in at the web app with this username.`);
    return 0;
  } catch (e) {
    if (e instanceof AppError) {
      console.error(e.message);
      return 1;
    }
    throw e;
  } finally {
    await handle.close();
  }
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error((e as Error).message);
    process.exit(1);
  },
);
