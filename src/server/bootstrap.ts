import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { Config } from '../config/config.ts';
import type { Database } from '../db/database.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { restoreDeferredIndexes } from '../db/bulk-load.ts';
import { ensureCatalogDefaultsForAll } from '../modules/guest-catalog/index.ts';
import { createFirstOwner, needsOwner } from '../modules/staff/index.ts';
import { findPasswordProblem } from '../modules/auth/password.ts';
import { ensureFirstOrganisation } from '../modules/tenancy/index.ts';

/** Start-up work on the database: migrations, the first organisation, the owner from the environment. */
export async function bootstrapDatabase(database: Database, config: Config, logger: Logger): Promise<void> {
  const applied = await migrateToLatest(database.system as unknown as Kysely<unknown>);
  if (applied.length) logger.info({ migrations: applied }, 'applied migrations');
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
