import type { Command } from 'commander';
import { createOrganisation } from '../../modules/tenancy/index.ts';
import { withDatabase } from '../cli-context.ts';

const DEMO_NAME = 'Hotel Demo Costa Brava';

export function registerSeedCommand(program: Command): void {
  program
    .command('seed')
    .description('Create a demo organisation with a property (idempotent)')
    .action(async () => {
      await withDatabase(async (database) => {
        const existing = await database.system
          .selectFrom('organisation')
          .select('id')
          .where('name', '=', DEMO_NAME)
          .executeTakeFirst();
        if (existing) {
          console.log(`The demo organisation already exists (${existing.id}).`);
          return;
        }
        const { orgId, propertyId } = await createOrganisation(database.system, {
          name: DEMO_NAME,
          propertyName: 'Demo Beach Resort',
        });
        console.log(`Created the demo organisation ${orgId} with property ${propertyId}.`);
      });
    });
}
