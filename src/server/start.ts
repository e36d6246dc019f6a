import type { Config } from '../config.ts';
import { openDatabase } from '../db/database.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { pruneExpiredAuthData } from '../features/auth/auth.service.ts';
import { seedDemoIfEmpty } from '../features/demo/demo.service.ts';
import { HOUR } from '../domain/time.ts';
import { buildApp, loadBuiltInCatalog } from './app.ts';

/** Starts Trellis: migrate, seed the demo on an empty database, listen, and stop cleanly on a signal. */
export async function startServer(config: Config): Promise<void> {
  const db = openDatabase(config.database);
  await migrateToLatest(db);
  const demo = config.seedDemo ? await seedDemoIfEmpty(db, loadBuiltInCatalog()) : null;
  const app = await buildApp({ db, config, logger: true });
  await app.listen({ port: config.port, host: config.host });
  const where = config.database.kind === 'sqlite' ? `SQLite at ${config.database.file}` : 'PostgreSQL';
  const lines = [``, `  Trellis is running at ${config.publicUrl}  (database: ${where})`];
  if (demo) {
    lines.push(
      ``,
      `  A demo organization was created. Sign in with:`,
      `    email:    ${demo.email}`,
      `    password: ${demo.password}`,
      `  This password is shown only once; it is stored hashed. Change it under Account.`,
    );
  }
  process.stdout.write(`${lines.join('\n')}\n\n`);
  const prune = () => void pruneExpiredAuthData(db).catch((err: unknown) => app.log.error({ err }, 'pruning sessions failed'));
  prune();
  const pruner = setInterval(prune, HOUR);
  pruner.unref();
  let closing = false;
  const stop = (signal: string) => {
    if (closing) return;
    closing = true;
    clearInterval(pruner);
    app.log.info(`received ${signal}, shutting down`);
    void app
      .close()
      .then(() => db.close())
      .finally(() => process.exit(0));
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}
