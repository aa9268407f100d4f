import type { Config } from './config';
import type { Services } from './app';

/**
 * First start: with no user at all, create the configured superuser, or say
 * exactly how to create one.
 */
export async function ensureFirstAdmin(
  config: Pick<Config, 'admin' | 'adminCompany' | 'databaseUrl'>,
  services: Pick<Services, 'users'>,
  say: (message: string) => void,
): Promise<'created' | 'exists' | 'missing'> {
  if (await services.users.anyUser()) return 'exists';
  // The embedded database admits one process, so the CLI can only run while the server is stopped.
  const embedded = !config.databaseUrl;
  if (config.admin) {
    const { user, company } = await services.users.createSuperuser(config.admin.company, config.admin.username, config.admin.password);
    say(`Created superuser "${user.username}" in company "${company.name}" from ADMIN_USERNAME / ADMIN_PASSWORD.`);
    return 'created';
  }
  say(
    [
      'No user exists yet, so nobody can log in. Create the first superuser with either:',
      `  ${embedded ? 'stop this server (Ctrl+C), then run: ' : ''}npm run create-admin -- <username> <password> [company-slug]`,
      '  or start with: ADMIN_USERNAME=<username> ADMIN_PASSWORD=<password> [ADMIN_COMPANY=<slug>] npm start',
    ].join('\n'),
  );
  return 'missing';
}
