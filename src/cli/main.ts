import { Command, CommanderError } from 'commander';
import { ConfigError } from '../config/config.ts';
import { CliError } from './cli-context.ts';
import { registerApiKeyCommand } from './commands/api-key.command.ts';
import { registerBackupCommands } from './commands/backup.command.ts';
import { registerIdentityCommand } from './commands/identity.command.ts';
import { registerImportCommand } from './commands/import.command.ts';
import { registerKeysCommand } from './commands/keys.command.ts';
import { registerMatchCommand } from './commands/match.command.ts';
import { registerMigrateCommand } from './commands/migrate.command.ts';
import { registerOrgCommand } from './commands/org.command.ts';
import { registerSeedCommand } from './commands/seed.command.ts';
import { registerWorkerCommand } from './commands/worker.command.ts';

const program = new Command()
  .name('clientela')
  .description(
    'Clientela command-line tool. Reads the same settings as the server (.env, DATABASE_URL, CLIENTELA_DATA_DIR).',
  )
  .showHelpAfterError()
  .exitOverride();

registerMigrateCommand(program);
registerOrgCommand(program);
registerApiKeyCommand(program);
registerSeedCommand(program);
registerBackupCommands(program);
registerWorkerCommand(program);
registerMatchCommand(program);
registerKeysCommand(program);
registerImportCommand(program);
registerIdentityCommand(program);

try {
  await program.parseAsync(process.argv);
} catch (err) {
  if (err instanceof CommanderError) process.exit(err.exitCode);
  if (err instanceof CliError || err instanceof ConfigError) {
    console.error(`clientela: ${err.message}`);
    process.exit(1);
  }
  console.error(err);
  process.exit(1);
}
