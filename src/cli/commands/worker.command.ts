import type { Command } from 'commander';
import { openDatabase } from '../../db/database.ts';
import { createLogger } from '../../core/logger.ts';
import { jobHandlers } from '../../jobs/handlers.ts';
import { startWorker } from '../../jobs/queue.ts';
import { CliError, cliConfig } from '../cli-context.ts';
import { configureFileStore } from '../../core/file-store.ts';

export function registerWorkerCommand(program: Command): void {
  program
    .command('worker')
    .description('Run background jobs in their own process (PostgreSQL only; start servers with CLIENTELA_WORKER=off)')
    .action(async () => {
      const config = cliConfig();
      if (config.database.kind !== 'postgres') {
        throw new CliError(
          'On the embedded database the worker runs inside the server (npm start). A separate worker needs DATABASE_URL.',
        );
      }
      const logger = createLogger(config.logLevel);
      configureFileStore(config.filesDir);
      const database = await openDatabase({ kind: 'postgres', url: config.database.url, poolSize: 4 });
      const worker = startWorker(database.system, jobHandlers(config), {
        onError: (err) => logger.error({ err }, 'job failed'),
      });
      logger.info('worker started');
      await new Promise<void>((resolve) => {
        process.once('SIGTERM', resolve);
        process.once('SIGINT', resolve);
      });
      await worker.stop();
      await database.close();
    });
}
