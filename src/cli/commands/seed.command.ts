import cliProgress from 'cli-progress';
import type { Command } from 'commander';
import { seedGuests } from '../../seed/seed-guests.ts';
import { chooseSeedOrganisation } from '../../seed/seed-target.ts';
import { CliError, withDatabase } from '../cli-context.ts';

export function registerSeedCommand(program: Command): void {
  program
    .command('seed')
    .description(
      "Fill the owner's organisation (or --org) with generated demo guests; create organisations with `org create`",
    )
    .option('--guests <n>', 'generate N realistic guests (re-running does not duplicate them)')
    .option('--org <id>', "put the guests in this organisation (default: the owner's, when only one has an owner)")
    .option('--batch <n>', 'guests per transaction', '20000')
    .action(async (opts: { guests?: string; org?: string; batch: string }) => {
      const count = opts.guests === undefined ? 0 : Number(opts.guests);
      const batchSize = Number(opts.batch);
      if (!Number.isInteger(count) || count < 0 || count > 50_000_000)
        throw new CliError('--guests must be a whole number between 0 and 50000000');
      if (!Number.isInteger(batchSize) || batchSize < 100) throw new CliError('--batch must be a whole number >= 100');
      await withDatabase(async (database, config) => {
        let orgId = opts.org;
        if (orgId) {
          const org = await database.system
            .selectFrom('organisation')
            .select('id')
            .where('id', '=', orgId)
            .executeTakeFirst();
          if (!org) throw new CliError(`No organisation with id ${orgId}`);
        } else {
          const target = await chooseSeedOrganisation(database.system, config.seedNames);
          if (target.kind === 'ambiguous') {
            const list = target.organisations.map((o) => `  ${o.id}  ${o.name}`).join('\n');
            throw new CliError(`Several organisations have an owner; choose one with --org <id>:\n${list}`);
          }
          console.log(`Seeding into ${target.orgId} ("${target.name}", ${target.reason}).`);
          orgId = target.orgId;
        }
        if (count === 0) return;
        const started = Date.now();
        const bar = process.stdout.isTTY
          ? new cliProgress.SingleBar(
              { format: 'Guests [{bar}] {percentage}% | {value}/{total} | {duration}s elapsed, ETA {eta}s {phase}' },
              cliProgress.Presets.shades_classic,
            )
          : undefined;
        bar?.start(count, 0, { phase: '' });
        let lastLog = 0;
        const { inserted } = await seedGuests(database, {
          orgId,
          count,
          batchSize,
          onProgress: (done) => {
            bar?.update(done);
            if (!bar && (done - lastLog >= count / 10 || done === count)) {
              lastLog = done;
              console.log(`guests: ${done}/${count} (${Math.round((Date.now() - started) / 1000)} s)`);
            }
          },
          onPhase: (phase) => {
            if (bar) bar.update({ phase: `| ${phase}` });
            else console.log(`${phase} (${Math.round((Date.now() - started) / 1000)} s)`);
          },
        });
        bar?.stop();
        const secs = ((Date.now() - started) / 1000).toFixed(1);
        console.log(
          `Seeded ${inserted} new guests (${count - inserted} were already there) in ${secs} s into ${orgId}.`,
        );
      });
    });
}
