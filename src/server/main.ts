import { ConfigError, loadConfig, loadDotEnv } from '../config/config.ts';
import { AppError } from '../core/errors.ts';
import { createLogger } from '../core/logger.ts';
import { startServer } from './runtime.ts';

// `npm start`: validate config, start, and close the database cleanly on SIGTERM/SIGINT
// (PGlite does not fsync: a clean close is what keeps its files consistent).
loadDotEnv();
let config;
try {
  config = loadConfig();
} catch (err) {
  if (err instanceof ConfigError) {
    console.error(err.message);
    process.exit(78);
  }
  throw err;
}
const logger = createLogger(config.logLevel, process.stdout.isTTY && config.env !== 'production');
try {
  const runtime = await startServer(config, logger);
  logger.info(
    `Clientela is running at ${config.publicUrl} (admin: ${config.publicUrl}/admin, API docs: ${config.publicUrl}/api/docs, database: ${runtime.database.kind})`,
  );
  const shutdown = (signal: string) => {
    logger.info({ signal }, 'shutting down');
    runtime.stop().then(
      () => process.exit(0),
      (err: unknown) => {
        logger.error({ err }, 'error while shutting down');
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
} catch (err) {
  // startServer has closed whatever it opened; say why before exiting (flushed: the pretty
  // transport writes from another thread and would lose the line on an immediate exit).
  if (err instanceof AppError) logger.fatal(`could not start: ${err.message}`);
  else logger.fatal({ err }, 'could not start');
  logger.flush(() => process.exit(1));
}
