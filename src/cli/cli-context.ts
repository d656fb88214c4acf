import type { Kysely } from 'kysely';
import { ConfigError, loadConfig, loadDotEnv, type Config } from '../config/config.ts';
import { installKeyring } from '../core/keyring.ts';
import { loadKeyring } from '../server/encryption-keys.ts';
import type { Ctx } from '../core/context.ts';
import { AppError } from '../core/errors.ts';
import { acquireDataDirLock } from '../db/data-dir-lock.ts';
import { openDatabase, type Database } from '../db/database.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { findFirstOrganisation } from '../modules/tenancy/index.ts';
import { configureFileStore } from '../core/file-store.ts';

/** A clear message on stderr and a non-zero exit: how every CLI command reports bad input. */
export class CliError extends Error {}

export function cliConfig(): Config {
  loadDotEnv();
  return loadConfig();
}

/**
 * Runs `fn` with the database open, holding the embedded data dir's lock so the CLI never
 * opens files a running server is using (it says so instead).
 */
export async function withDatabase<T>(
  fn: (database: Database, config: Config) => Promise<T>,
  options: { migrate?: boolean } = {},
): Promise<T> {
  const config = cliConfig();
  const lock =
    config.database.kind === 'embedded'
      ? await acquireDataDirLock(config.dataDir, { pid: process.pid, role: 'clientela CLI' }).catch((err: unknown) => {
          throw err instanceof AppError ? new CliError(err.message) : err;
        })
      : undefined;
  const database = await openDatabase(
    config.database.kind === 'postgres'
      ? { kind: 'postgres', url: config.database.url, poolSize: 4 }
      : { kind: 'embedded', dir: config.database.dir, thread: 'main', sharedBuffers: config.database.sharedBuffers },
  );
  try {
    if (options.migrate !== false) await migrateToLatest(database.system as unknown as Kysely<unknown>);
    installConfiguredKeyring(config);
    configureFileStore(config.filesDir);
    return await fn(database, config);
  } finally {
    await database.close();
    await lock?.release();
  }
}

/**
 * Commands (the worker, imports) read and write document numbers with the configured key. Without one
 * (PostgreSQL without CLIENTELA_ENCRYPTION_KEY, or no key file yet) none is installed, and a command
 * that touches a document number fails closed.
 */
function installConfiguredKeyring(config: Config): void {
  try {
    installKeyring(loadKeyring(config, { create: false }));
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
  }
}

/** The context of the CLI acting on one organisation (the first one unless --org is given). */
export async function cliCtx(database: Database, orgId?: string): Promise<Ctx> {
  const id = orgId ?? (await findFirstOrganisation(database.system))?.id;
  if (!id) throw new CliError('No organisation yet: run `npx clientela migrate` or start the server once.');
  const org = await database.system.selectFrom('organisation').select('id').where('id', '=', id).executeTakeFirst();
  if (!org) throw new CliError(`No organisation with id ${id}`);
  return {
    db: database.forOrg(id),
    orgId: id,
    actor: { actorType: 'cli', actorId: null },
    requestId: null,
    permissions: 'system',
  };
}
