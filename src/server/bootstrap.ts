import { sql, type Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { Config } from '../config/config.ts';
import type { Database } from '../db/database.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { restoreDeferredIndexes } from '../db/bulk-load.ts';
import { ensureCatalogDefaultsForAll } from '../modules/guest-catalog/index.ts';
import { createFirstOwner, needsOwner } from '../modules/staff/index.ts';
import { findPasswordProblem } from '../modules/auth/password.ts';
import { ensureFirstOrganisation } from '../modules/tenancy/index.ts';
import { installKeyring } from '../core/keyring.ts';
import { findUnknownDocumentKeys, resealDocuments } from '../modules/guests/index.ts';
import { ConfigError } from '../config/config.ts';
import { loadKeyring } from './encryption-keys.ts';

/** Start-up work on the database: migrations, the first organisation, the owner from the environment. */
export async function bootstrapDatabase(database: Database, config: Config, logger: Logger): Promise<void> {
  const applied = await migrateToLatest(database.system as unknown as Kysely<unknown>);
  if (applied.length) logger.info({ migrations: applied }, 'applied migrations');
  await prepareEncryption(database, config, logger);
  // A bulk load (seed) interrupted before its end left indexes to build: build them now.
  const rebuilt = await restoreDeferredIndexes(database.system, (name) =>
    logger.warn({ index: name }, 'building an index an interrupted bulk load left out'),
  );
  if (rebuilt.length) logger.info({ indexes: rebuilt }, 'rebuilt deferred indexes');
  const org = await ensureFirstOrganisation(database.system, config.seedNames);
  // Organisations created before a catalog default existed get it now (idempotent).
  await ensureCatalogDefaultsForAll(database.system);
  if (config.admin && (await needsOwner(database.system))) {
    const owner = { name: 'Owner', email: config.admin.email.toLowerCase(), password: config.admin.password };
    await createFirstOwner(database.system, org.id, { ...owner, language: 'en' }, { checkPassword: false });
    logger.info({ email: config.admin.email }, 'created the owner from CLIENTELA_ADMIN_EMAIL');
    const weak = findPasswordProblem(owner.password, [owner.email]);
    if (weak) logger.warn({ problem: weak }, 'CLIENTELA_ADMIN_PASSWORD is weak: change it after signing in');
  } else if (await needsOwner(database.system)) {
    logger.info('no staff account yet: open /admin to create the owner');
  }
}

/**
 * Loads the encryption key (env var, or the embedded engine's key file), refuses to start when stored
 * documents were sealed with a key it does not have, and seals values stored before encryption
 * (idempotent: only plain-text values are touched).
 */
async function prepareEncryption(database: Database, config: Config, logger: Logger): Promise<void> {
  const ring = loadKeyring(config);
  const unknown = await findUnknownDocumentKeys(database.system, ring);
  if (unknown.length)
    throw new ConfigError([
      `ID documents are encrypted with key ${unknown.join(', ')}, which is not configured: set CLIENTELA_ENCRYPTION_KEY (or add the old key to CLIENTELA_ENCRYPTION_KEY_PREVIOUS), or restore ${config.encryption.keyFile} from your backup`,
    ]);
  installKeyring(ring);
  const sealed = await resealPlaintextOnly(database, ring);
  if (sealed) logger.info({ values: sealed }, 'encrypted ID document numbers stored before encryption');
}

/** Start-up seals plain text only; moving values from earlier keys is `clientela keys rotate`'s job. */
async function resealPlaintextOnly(database: Database, ring: ReturnType<typeof loadKeyring>): Promise<number> {
  const plain = await database.system
    .selectFrom('guest')
    .select('id')
    .where('documentNumber', 'is not', null)
    .where('documentNumber', 'not like', 'enc:v1:%')
    .limit(1)
    .executeTakeFirst();
  const history = await database.system
    .selectFrom('guestHistory')
    .select('id')
    .where('field', '=', 'document')
    .where(sql<boolean>`(new_value->>'number' not like 'enc:v1:%' or old_value->>'number' not like 'enc:v1:%')`)
    .limit(1)
    .executeTakeFirst();
  if (!plain && !history) return 0;
  return resealDocuments(database.system, ring);
}
