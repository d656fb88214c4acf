import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import type { Config } from '../config/config.ts';
import { acquireDataDirLock, type DataDirLock } from '../db/data-dir-lock.ts';
import { databaseOptionsFrom, openDatabase, type Database } from '../db/database.ts';
import { buildApp } from '../http/app.ts';
import { jobHandlers } from '../jobs/handlers.ts';
import { enqueueJob, startWorker } from '../jobs/queue.ts';
import { bootstrapDatabase } from './bootstrap.ts';

export interface Runtime {
  app: FastifyInstance;
  database: Database;
  url: string;
  stop(): Promise<void>;
}

/** The composition root: config → lock → database → migrations → HTTP app (+ in-process worker). */
export async function startServer(
  config: Config,
  logger: Logger,
  options: { webDist?: string } = {},
): Promise<Runtime> {
  let lock: DataDirLock | undefined;
  if (config.database.kind === 'embedded') {
    lock = await acquireDataDirLock(config.dataDir, { pid: process.pid, role: 'clientela server', port: config.port });
  }
  let database: Database | undefined;
  try {
    database = await openDatabase(databaseOptionsFrom(config));
    await bootstrapDatabase(database, config, logger);
    const app = await buildApp({ config, database, logger, webDist: options.webDist });
    const address = await app.listen({ port: config.port, host: config.host });
    const worker = config.runWorkerInline
      ? startWorker(database.system, jobHandlers(config), { onError: (err) => logger.error({ err }, 'job failed') })
      : undefined;
    await enqueueJob(database.system, 'maintenance.cleanup', {}, { dedupeKey: 'daily' });
    const db = database;
    let stopping: Promise<void> | undefined;
    return {
      app,
      database: db,
      url: address.replace('0.0.0.0', 'localhost').replace('[::]', 'localhost'),
      stop: () =>
        (stopping ??= (async () => {
          await app.close();
          await worker?.stop();
          await db.close();
          await lock?.release();
        })()),
    };
  } catch (err) {
    await database?.close().catch(() => undefined);
    await lock?.release();
    throw err;
  }
}
