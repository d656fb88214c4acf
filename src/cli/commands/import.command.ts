import { copyFile, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import cliProgress from 'cli-progress';
import type { Command } from 'commander';
import type { Ctx } from '../../core/context.ts';
import { AppError } from '../../core/errors.ts';
import { newId } from '../../core/ids.ts';
import { fileAreaPath } from '../../core/file-store.ts';
import { createImport, getImport, ImportMapping, runImport } from '../../modules/imports/index.ts';
import { chooseSeedOrganisation } from '../../seed/seed-target.ts';
import { CliError, withDatabase } from '../cli-context.ts';

interface ImportOptions {
  dryRun?: boolean;
  onExisting: string;
  mapping?: string;
  json?: boolean;
  org?: string;
}

/** `clientela import <file>`: the same import as the API, run in this process with a progress bar on stderr. */
export function registerImportCommand(program: Command): void {
  program
    .command('import <file>')
    .description('Import guests from a CSV or XLSX file (the same import as Admin → Guests → Import)')
    .option('--dry-run', 'count and check without writing anything')
    .option('--on-existing <mode>', 'what a matched guest gets: enrich | overwrite | skip', 'enrich')
    .option('--mapping <file.json>', 'a JSON file: column header → field (overrides the detected mapping)')
    .option('--json', 'print the summary as JSON on stdout')
    .option('--org <id>', "import into this organisation (default: the owner's)")
    .action(async (file: string, opts: ImportOptions) => {
      if (!['enrich', 'overwrite', 'skip'].includes(opts.onExisting))
        throw new CliError('--on-existing must be enrich, overwrite or skip');
      const size = await stat(file).then(
        (s) => s.size,
        () => {
          throw new CliError(`Cannot read ${file}`);
        },
      );
      const mapping = opts.mapping ? await readMapping(opts.mapping) : undefined;
      await withDatabase(async (database, config) => {
        const orgId = opts.org ?? (await defaultOrg(database.system, config.seedNames));
        const ctx: Ctx = {
          db: database.forOrg(orgId),
          orgId,
          actor: { actorType: 'system', actorId: 'cli' },
          requestId: null,
          permissions: 'system',
        };
        // The import works on its own copy (deleted when a real import ends), never on the user's file.
        const uploadName = newId('upl');
        await copyFile(file, fileAreaPath('imports', uploadName));
        let id: string;
        try {
          ({ id } = await createImport(
            ctx,
            {
              uploadName,
              fileName: path.basename(file).slice(0, 200),
              size,
              request: {
                dryRun: opts.dryRun === true,
                onExisting: opts.onExisting as 'enrich',
                ...(mapping ? { mapping } : {}),
              },
            },
            { enqueue: false },
          ));
        } catch (err) {
          if (err instanceof AppError) throw new CliError(`${err.message} (${err.code})`);
          throw err;
        }
        const bar = new cliProgress.SingleBar(
          { format: 'Import [{bar}] {percentage}% | {value}/{total} records | {duration}s', stream: process.stderr },
          cliProgress.Presets.shades_classic,
        );
        let started = false;
        await runImport(database.system, orgId, id, {
          progressOutsideTransaction: database.kind === 'postgres',
          onProgress: (done, total) => {
            if (!started) bar.start(total, 0);
            started = true;
            bar.update(done);
          },
        });
        if (started) bar.stop();
        const result = await getImport(ctx, id);
        if (opts.json) {
          process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
          return;
        }
        const s = result.summary;
        console.log(
          `${result.dryRun ? 'Dry run' : 'Import'} ${result.id} (${s.formatName}, ${s.format.kind}${s.format.encoding ? `, ${s.format.encoding}` : ''}): ` +
            `${s.records} records, ${s.created} created, ${s.updated} updated, ${s.unchanged} unchanged, ${s.invalid} invalid.`,
        );
        for (const e of s.errors.slice(0, 20)) console.log(`  record ${e.record}, ${e.field}: ${e.message}`);
        if (s.errors.length > 20)
          console.log(`  … ${s.errors.length - 20} more (GET /api/v1/imports/${id}/errors.csv)`);
      });
    });
}

async function readMapping(file: string): Promise<ImportMapping> {
  let json: unknown;
  try {
    json = JSON.parse(await readFile(file, 'utf8'));
  } catch {
    throw new CliError(`${file} is not a JSON file`);
  }
  const parsed = ImportMapping.safeParse(json);
  if (!parsed.success)
    throw new CliError(`${file}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return parsed.data;
}

async function defaultOrg(
  system: Parameters<typeof chooseSeedOrganisation>[0],
  names: Parameters<typeof chooseSeedOrganisation>[1],
): Promise<string> {
  const target = await chooseSeedOrganisation(system, names);
  if (target.kind === 'ambiguous') {
    const list = target.organisations.map((o) => `  ${o.id}  ${o.name}`).join('\n');
    throw new CliError(`Several organisations have an owner; choose one with --org <id>:\n${list}`);
  }
  return target.orgId;
}
