import type { Command } from 'commander';
import { createApiKey } from '../../modules/api-keys/index.ts';
import { systemGrantor } from '../../modules/auth/grant.ts';
import { SCOPES } from '../../modules/auth/permissions.ts';
import { cliCtx, CliError, withDatabase } from '../cli-context.ts';

export function registerApiKeyCommand(program: Command): void {
  const apiKey = program.command('api-key').description('Manage API keys for connected tools');
  apiKey
    .command('create')
    .description('Create an API key; the secret is printed once')
    .requiredOption('--name <name>', 'a name to recognise the key by, e.g. "Channel manager"')
    .requiredOption(
      '--scopes <scopes>',
      `comma-separated scopes, e.g. guests:read,bookings:write (all: ${SCOPES.join(', ')})`,
    )
    .option('--org <id>', 'organisation id (default: the first one)')
    .option('--json', 'print the key as JSON')
    .action(async (opts: { name: string; scopes: string; org?: string; json?: boolean }) => {
      const scopes = opts.scopes
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
      const unknown = scopes.filter((s) => !(SCOPES as string[]).includes(s));
      if (unknown.length)
        throw new CliError(`Unknown scope(s): ${unknown.join(', ')}. Valid scopes: ${SCOPES.join(', ')}`);
      await withDatabase(async (database) => {
        const ctx = await cliCtx(database, opts.org);
        const { row, secret } = await createApiKey(ctx, systemGrantor(), { name: opts.name, scopes });
        if (opts.json) console.log(JSON.stringify({ id: row.id, name: row.name, scopes: row.scopes, secret }));
        else
          console.log(
            `Created API key ${row.id} (${row.scopes.join(', ')}).\nSecret (shown once, store it now):\n\n  ${secret}\n`,
          );
      });
    });
}
