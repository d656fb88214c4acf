import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import type { Config } from '../config/config.ts';
import { acquireDataDirLock, type DataDirLock } from '../db/data-dir-lock.ts';
import { databaseOptionsFrom, openDatabase, type Database } from '../db/database.ts';
import { buildApp } from '../http/app.ts';
import { jobHandlers } from '../jobs/handlers.ts';
import { scheduleHousekeeping } from '../jobs/housekeeping.ts';
import { startWorker } from '../jobs/queue.ts';
import { scheduleRetention } from '../modules/retention/index.ts';
import { bootstrapDatabase } from './bootstrap.ts';
import { startInboundSmtp, type InboundSmtp } from '../modules/communication/index.ts';
import { resolvePerson } from '../modules/identity/index.ts';
import { configureFileStore } from '../core/file-store.ts';

export interface Runtime {
  app: FastifyInstance;
  database: Database;
  url: string;
  /** The inbound SMTP listener's port, when CLIENTELA_INBOUND_SMTP_PORT is set (issue 16). */
  inboundSmtpPort: number | undefined;
  stop(): Promise<void>;
}

/**
 * The composition root: config → lock → database → migrations → HTTP app → first jobs → worker →
 * listen. Every step that can fail runs before `listen`, so a server that answers is a server that
 * started; readiness (`/api/v1/health/ready`) stays 503 until the last step is done. On any failure
 * everything opened so far is closed again (HTTP server, worker, database, lock) before the error
 * is rethrown for the caller to log.
 */
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
  let app: FastifyInstance | undefined;
  let worker: { stop(): Promise<void> } | undefined;
  let inbound: InboundSmtp | undefined;
  const startup = { ready: false };
  try {
    configureFileStore(config.filesDir);
    database = await openDatabase(databaseOptionsFrom(config));
    await bootstrapDatabase(database, config, logger);
    app = await buildApp({ config, database, logger, webDist: options.webDist, isReady: () => startup.ready });
    // Enqueued before the worker starts: no worker can finish the job between its insert and lookup.
    await scheduleHousekeeping(database.system);
    await scheduleRetention(database.system);
    if (config.runWorkerInline) {
      worker = startWorker(database.system, jobHandlers(config), {
        onError: (err) => logger.error({ err }, 'job failed'),
      });
    }
    if (config.inboundSmtp) {
      inbound = await startInboundSmtp({
        ...config.inboundSmtp,
        database,
        resolvePerson,
        logger,
        mailFrom: config.mailFrom,
        publicUrl: config.publicUrl,
        attachments: config.attachments,
      });
      logger.info({ port: inbound.port }, 'inbound SMTP listening');
    }
    const address = await app.listen({ port: config.port, host: config.host });
    startup.ready = true;
    const db = database;
    const server = app;
    const running = worker;
    const listener = inbound;
    let stopping: Promise<void> | undefined;
    return {
      app: server,
      database: db,
      inboundSmtpPort: listener?.port,
      url: address.replace('0.0.0.0', 'localhost').replace('[::]', 'localhost'),
      stop: () =>
        (stopping ??= (async () => {
          startup.ready = false;
          await listener?.close();
          await server.close();
          await running?.stop();
          await db.close();
          await lock?.release();
        })()),
    };
  } catch (err) {
    // Close in the reverse order of opening: no request may reach a closed database.
    await inbound?.close().catch(() => undefined);
    await app?.close().catch(() => undefined);
    await worker?.stop().catch(() => undefined);
    await database?.close().catch(() => undefined);
    await lock?.release();
    throw err;
  }
}
