import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { sql } from 'kysely';
import { openDatabase } from '../../db/database.ts';
import { CliError, cliConfig, withDatabase } from '../cli-context.ts';
import { acquireDataDirLock } from '../../db/data-dir-lock.ts';
import { AppError } from '../../core/errors.ts';

export function registerBackupCommands(program: Command): void {
  program
    .command('backup')
    .description(
      'Write a consistent archive of the embedded database (stop the server first; on PostgreSQL use pg_dump)',
    )
    .option('--out <file>', 'archive path', `clientela-backup-${new Date().toISOString().replace(/[:.]/g, '-')}.tgz`)
    .action(async (opts: { out: string }) => {
      if (cliConfig().database.kind === 'postgres')
        throw new CliError('DATABASE_URL points to PostgreSQL: back it up with pg_dump (see README, "Backups").');
      await withDatabase(async (database) => {
        const tarball = await database.dump();
        writeFileSync(opts.out, tarball);
        console.log(`Wrote ${opts.out} (${(tarball.length / 1024 / 1024).toFixed(1)} MiB).`);
      });
    });

  program
    .command('restore <file>')
    .description('Replace the embedded database with a backup archive (the current data is kept aside)')
    .action(async (file: string) => {
      const config = cliConfig();
      if (config.database.kind === 'postgres')
        throw new CliError('DATABASE_URL points to PostgreSQL: restore it with pg_restore/psql.');
      if (!existsSync(file)) throw new CliError(`No such file: ${file}`);
      const lock = await acquireDataDirLock(config.dataDir, { pid: process.pid, role: 'clientela CLI' }).catch(
        (err: unknown) => {
          throw err instanceof AppError ? new CliError(err.message) : err;
        },
      );
      try {
        const dir = config.database.dir;
        const aside = `${dir}.before-restore-${Date.now()}`;
        if (existsSync(dir)) renameSync(dir, aside);
        try {
          const database = await openDatabase({
            kind: 'embedded',
            dir,
            thread: 'main',
            loadDataDir: readFileSync(file),
          });
          const r = await sql<{ n: number }>`select count(*)::int as n from organisation`.execute(database.system);
          await database.close();
          console.log(
            `Restored ${file} (${r.rows[0]?.n ?? 0} organisation(s)).${existsSync(aside) ? ` The previous data is in ${path.basename(aside)}.` : ''}`,
          );
        } catch (err) {
          if (existsSync(aside)) {
            if (existsSync(dir)) renameSync(dir, `${dir}.failed-restore-${Date.now()}`);
            renameSync(aside, dir);
          }
          throw new CliError(
            `Could not restore ${file}: ${err instanceof Error ? err.message : String(err)}. The previous data was put back.`,
          );
        }
      } finally {
        await lock.release();
      }
    });
}
