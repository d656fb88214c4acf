import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { stringifyCsvSafe } from '../../core/csv-safe.ts';
import { PersonCsvError, readPersonCsv, resolveBatch } from '../../modules/identity/matching/index.ts';
import { CliError } from '../cli-context.ts';

interface MatchOptions {
  out: string;
  pairs?: string;
  matchOnNameAlone?: boolean;
  documents: boolean;
}

/** `clientela match`: batch identity resolution of a CSV of people, with the product's rules (no database). */
export function registerMatchCommand(program: Command): void {
  program
    .command('match <input>')
    .description(
      'Resolve a CSV of person records into profiles with the same rules as bookings (SPEC I-2); no database needed',
    )
    .requiredOption('--out <file>', 'write record_id,profile_id here')
    .option('--pairs <file>', 'write the review-queue pairs (record_id_a,record_id_b,score,reasons) here')
    .option('--match-on-name-alone', 'link records with the same first and last name and no contact data')
    .option('--no-documents', 'ignore document/ID number columns (soc_sec_id, passport, dni …)')
    .action((input: string, opts: MatchOptions) => {
      let records;
      try {
        records = readPersonCsv(input, { useDocuments: opts.documents });
      } catch (err) {
        if (err instanceof PersonCsvError) throw new CliError(err.message);
        throw err;
      }
      const started = performance.now();
      const big = records.length >= 20_000;
      const result = resolveBatch(records, {
        settings: { matchOnNameAlone: opts.matchOnNameAlone === true },
        ...(big ? { onProgress: (done, total) => process.stderr.write(`match: ${done}/${total} records\n`) } : {}),
      });
      const seconds = (performance.now() - started) / 1000;

      writeFileSync(
        opts.out,
        stringifyCsvSafe(
          records.map((r) => [r.id, result.profileOf.get(r.id) ?? '']),
          { header: true, columns: ['record_id', 'profile_id'] },
        ),
      );
      if (opts.pairs)
        writeFileSync(
          opts.pairs,
          stringifyCsvSafe(
            result.duplicates.map((d) => [
              d.recordA,
              d.recordB,
              d.decision.score.toFixed(4),
              d.decision.reasons.join('; '),
            ]),
            { header: true, columns: ['record_id_a', 'record_id_b', 'score', 'reasons'] },
          ),
        );
      const profiles = new Set(result.profileOf.values()).size;
      console.error(
        `match: ${records.length} records → ${profiles} profiles, ${result.duplicates.length} pairs to review, ` +
          `${result.related.length} related (shared contact, another person) in ${seconds.toFixed(2)} s`,
      );
    });
}
