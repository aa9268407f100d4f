import { loadConfigOrExit } from './config';
import { buildApp, buildServices, resolveSecret } from './app';
import { ensureFirstAdmin } from './bootstrap';
import { openDatabase } from './db/open';
import { DataDirLockedError } from './lib/data-dir-lock';
import { systemClock } from './lib/time';

async function main() {
  const config = loadConfigOrExit();

  let handle;
  try {
    handle = await openDatabase(config);
  } catch (e) {
    if (e instanceof DataDirLockedError) {
      console.error(e.message);
      process.exit(3);
    }
    console.error(`Cannot open the database: ${(e as Error).message}`);
    process.exit(4);
  }

  // The app is wired once: these services serve the routes and the first-start check.
  const services = buildServices(handle.db, systemClock, await resolveSecret(handle.db, config.secretKey), {
    databaseUrl: config.databaseUrl,
  });
  const app = await buildApp({ config, db: handle.db, services });
  // Start-up notices go to the console as plain text: they are meant for a person.
  await ensureFirstAdmin(config, services, (m) => console.log(m));

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    console.log(`${signal} received: finishing requests and closing.`);
    const force = setTimeout(() => {
      app.log.error('Shutdown took over 10 s; exiting anyway.');
      process.exit(1);
    }, 10_000);
    force.unref();
    // close() ends the connections idle at that moment; a keep-alive connection whose
    // request finishes later would hold the close up for the keep-alive timeout.
    const idle = setInterval(() => app.server.closeIdleConnections(), 100);
    try {
      // Stops accepting, lets in-flight requests (streams included) finish, then the
      // onClose hooks wait for queued background writes; only then the database closes.
      await app.close();
      clearInterval(idle);
      await handle.close();
      process.exit(0);
    } catch (e) {
      app.log.error({ err: e }, 'error during shutdown');
      process.exit(1);
    }
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));

  try {
    const address = await app.listen({ port: config.port, host: config.host });
    const where = config.databaseUrl ? 'PostgreSQL server (DATABASE_URL)' : `embedded PostgreSQL in ${config.dataDir}`;
    console.log(`Dialdeck is serving ${address} on ${where}.\nOpen ${address} in a browser; API reference: ${address}/api/docs`);
  } catch (e) {
    app.log.error(`Cannot listen on ${config.host}:${config.port}: ${(e as Error).message}`);
    await handle.close();
    process.exit(5);
  }
}

void main();
