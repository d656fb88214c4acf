import cliProgress from 'cli-progress';
import type { Command } from 'commander';
import type { Ctx } from '../../core/context.ts';
import { getRescan, runRescan, startRescan } from '../../modules/identity-rescan/index.ts';
import { chooseSeedOrganisation } from '../../seed/seed-target.ts';
import { CliError, withDatabase } from '../cli-context.ts';

interface RescanOptions {
  dryRun?: boolean;
  json?: boolean;
  org?: string;
}

/** `clientela identity rescan`: the same rescan as Duplicates → "Re-run identity resolution", in this process. */
export function registerIdentityCommand(program: Command): void {
  const identity = program.command('identity').description('Identity resolution over the stored profiles');
  identity
    .command('rescan')
    .description(
      'Re-run identity resolution over every profile: merge what the rules merge automatically (each merge undoable) and refresh the review queue',
    )
    .option('--dry-run', 'count the merges it would make without writing anything')
    .option('--json', 'print the summary as JSON on stdout')
    .option('--org <id>', "rescan this organisation (default: the owner's)")
    .action(async (opts: RescanOptions) => {
      await withDatabase(async (database, config) => {
        let orgId = opts.org;
        if (orgId) {
          const org = await database.system
            .selectFrom('organisation')
            .select('id')
            .where('id', '=', orgId)
            .executeTakeFirst();
          if (!org) throw new CliError(`No organisation ${orgId}`);
        } else {
          const target = await chooseSeedOrganisation(database.system, config.seedNames);
          if (target.kind === 'ambiguous') {
            const list = target.organisations.map((o) => `  ${o.id}  ${o.name}`).join('\n');
            throw new CliError(`Several organisations have an owner; choose one with --org <id>:\n${list}`);
          }
          orgId = target.orgId;
        }
        const ctx: Ctx = {
          db: database.forOrg(orgId),
          orgId,
          actor: { actorType: 'system', actorId: 'cli' },
          requestId: null,
          permissions: 'system',
        };
        const { id } = await startRescan(ctx, { dryRun: opts.dryRun === true }, { enqueue: false });
        const bar = new cliProgress.SingleBar(
          {
            format: 'Rescan [{bar}] {percentage}% | {value}/{total} profiles | {duration}s',
            stream: process.stderr,
          },
          cliProgress.Presets.shades_classic,
        );
        let started = false;
        await runRescan(database.system, orgId, id, {
          onProgress: (done, total) => {
            if (!started) bar.start(total, 0);
            started = true;
            bar.update(done);
          },
        });
        if (started) {
          bar.update(bar.getTotal());
          bar.stop();
        }
        const result = await getRescan(ctx, id);
        if (opts.json) {
          process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
          return;
        }
        const s = result.summary;
        console.log(
          `${result.dryRun ? 'Dry run' : 'Rescan'} ${result.id}: ${result.progress.total ?? 0} profiles, ${s.compared} pairs judged, ` +
            `${s.merges} merges${result.dryRun ? ' would be made' : ''} (${s.mergedProfiles} profiles merged into another), ` +
            `${s.queued} possible duplicates and ${s.related} related pairs in the review queue, ${s.removed} pairs left it, ${s.skipped} left for a person.`,
        );
      });
    });
}
