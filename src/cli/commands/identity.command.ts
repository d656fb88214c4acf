import cliProgress from 'cli-progress';
import type { Command } from 'commander';
import type { Ctx } from '../../core/context.ts';
import {
  RescanTakenOver,
  findActiveRescan,
  getRescan,
  runRescan,
  startRescan,
} from '../../modules/identity-rescan/index.ts';
import { chooseSeedOrganisation } from '../../seed/seed-target.ts';
import { CliError, withDatabase } from '../cli-context.ts';

interface RescanOptions {
  dryRun?: boolean;
  json?: boolean;
  org?: string;
  batchSize?: string;
  pageSize?: string;
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
    .option('--batch-size <n>', 'plan steps (merges, review-queue changes) applied per transaction (default 250)')
    .option('--page-size <n>', 'profiles read per page while planning (default 10000)')
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
        const batchSize = opts.batchSize === undefined ? undefined : Number(opts.batchSize);
        if (batchSize !== undefined && !(Number.isInteger(batchSize) && batchSize >= 1 && batchSize <= 100_000))
          throw new CliError('--batch-size must be a whole number from 1 to 100000');
        const pageSize = opts.pageSize === undefined ? undefined : Number(opts.pageSize);
        if (pageSize !== undefined && !(Number.isInteger(pageSize) && pageSize >= 1 && pageSize <= 100_000))
          throw new CliError('--page-size must be a whole number from 1 to 100000');
        const dryRun = opts.dryRun === true;
        // A rescan stopped in the middle (the process killed, the machine restarted) is resumed, not started again.
        const active = await findActiveRescan(ctx);
        if (active && active.dryRun !== dryRun)
          throw new CliError(
            `An unfinished ${active.dryRun ? 'dry run' : 'rescan'} (${active.id}) must end first: run it again${active.dryRun ? ' with --dry-run' : ' without --dry-run'}`,
          );
        const { id } = active ?? (await startRescan(ctx, { dryRun }, { enqueue: false }));
        if (active) console.error(`Resuming ${active.id}`);
        // Not a terminal (a log, a pipe): one line per page read and per batch applied instead of a redrawn bar.
        const plain = !process.stderr.isTTY;
        const bar = new cliProgress.SingleBar(
          {
            format: 'Rescan [{bar}] {percentage}% | {phase} {step}/{of} | {duration}s',
            stream: process.stderr,
          },
          cliProgress.Presets.shades_classic,
        );
        let started = false;
        const running = runRescan(database.system, orgId, id, {
          ...(batchSize ? { batchSize } : {}),
          ...(pageSize ? { pageSize } : {}),
          onPlanned: (t, compared) => {
            const sec = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
            if (plain)
              process.stderr.write(
                `Rescan planned: reading ${sec(t.read)}, keys ${sec(t.keys)}, index ${sec(t.index)}, ` +
                  `judging ${sec(t.judge)} (${compared} pairs), grouping ${sec(t.group)}\n`,
              );
          },
          onProgress: (done, total, detail) => {
            const phase = detail.phase === 'plan' ? 'planning' : 'applying';
            const unit = detail.phase === 'plan' ? 'profiles' : 'steps';
            if (plain) {
              process.stderr.write(`Rescan ${phase}: ${detail.done}/${detail.of} ${unit}\n`);
              return;
            }
            const payload = { phase: `${phase} ${unit}`, step: detail.done, of: detail.of };
            if (!started) bar.start(total, 0, payload);
            started = true;
            if (bar.getTotal() !== total) bar.setTotal(total);
            bar.update(done, payload);
          },
        });
        await running.catch((err: unknown) => {
          if (err instanceof RescanTakenOver) throw new CliError(`Rescan ${id} is being run by another process`);
          throw err;
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
