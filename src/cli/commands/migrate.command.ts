import type { Command } from 'commander';
import type { Kysely } from 'kysely';
import { migrateToLatest } from '../../db/migrate.ts';
import { bootstrapDatabase } from '../../server/bootstrap.ts';
import { createLogger } from '../../core/logger.ts';
import { withDatabase } from '../cli-context.ts';

export function registerMigrateCommand(program: Command): void {
  program
    .command('migrate')
    .description('Apply pending database migrations (start-up does this too) and create the first organisation')
    .action(async () => {
      await withDatabase(
        async (database, config) => {
          const applied = await migrateToLatest(database.system as unknown as Kysely<unknown>);
          await bootstrapDatabase(database, config, createLogger('silent'));
          console.log(
            applied.length
              ? `Applied ${applied.length} migration(s):\n  ${applied.join('\n  ')}`
              : 'The database is up to date.',
          );
        },
        { migrate: false },
      );
    });
}
