/**
 * Identity matching quality: FEBRL 1–4 and Splink's fake_1000 through the same resolver the
 * product uses (`resolveBatch`). Run on its own with
 *   node --import tsx bench/identity-quality.ts [--write]
 * (`--write` appends the table to BENCHMARKS.md), or call `runIdentityQuality()` from the main bench.
 * Thresholds live in src/modules/identity/matching/weights.ts and were fixed before FEBRL 4 and
 * fake_1000 were run.
 */
import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  type PersonRecord,
  blockingKeys,
  compareSubjects,
  estimateWeights,
  parsePersonCsv,
  prepareSubject,
  readPersonCsv,
  resolveBatch,
  rowToPerson,
} from '../src/modules/identity/matching/index.ts';

export interface QualityRow {
  dataset: string;
  documents: boolean;
  records: number;
  truePairs: number;
  auto: Scores;
  queue: Scores;
  blockingPairs: number;
  pairsCompleteness: number;
  /** True pairs that a hard rule (another birth date or document, another first name) keeps apart when compared directly. */
  hardRuleBlocked: number;
  comparisons: number;
  seconds: number;
  /** CPU time of this process (user + system): fairer than wall clock on a shared machine. */
  cpuSeconds: number;
  recordsPerSecond: number;
}

interface Scores {
  predicted: number;
  precision: number;
  recall: number;
  f1: number;
}

interface Dataset {
  name: string;
  load: (useDocuments: boolean) => { records: PersonRecord[]; entity: string[] };
  hasDocuments: boolean;
}

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function febrl(dir: string, name: string, files: string[]): Dataset {
  return {
    name,
    hasDocuments: true,
    load: (useDocuments) => {
      const records = files.flatMap((f) => readPersonCsv(path.join(dir, 'febrl', f), { useDocuments }));
      return { records, entity: records.map((r) => /^rec-(\d+)-/.exec(r.id)?.[1] ?? r.id) };
    },
  };
}

function fake1000(dir: string): Dataset {
  return {
    name: 'fake_1000',
    hasDocuments: false,
    load: () => {
      const csv = parsePersonCsv(readFileSync(path.join(dir, 'splink_synthetic', 'fake_1000.csv'), 'utf8'));
      const cluster = csv.headers.indexOf('cluster');
      return {
        records: csv.rows.map((row) => rowToPerson(row, csv.columns)),
        entity: csv.rows.map((row) => row[cluster] ?? ''),
      };
    },
  };
}

const pairKey = (i: number, j: number) => (i < j ? i * 1_000_003 + j : j * 1_000_003 + i);

function groupPairs(groupOf: readonly string[]): Set<number> {
  const groups = new Map<string, number[]>();
  groupOf.forEach((g, i) => (groups.get(g) ?? groups.set(g, []).get(g)!).push(i));
  const pairs = new Set<number>();
  for (const members of groups.values())
    for (let a = 0; a < members.length; a++)
      for (let b = a + 1; b < members.length; b++) pairs.add(pairKey(members[a]!, members[b]!));
  return pairs;
}

function score(predicted: Set<number>, truth: Set<number>): Scores {
  let tp = 0;
  for (const p of predicted) if (truth.has(p)) tp++;
  const precision = predicted.size ? tp / predicted.size : 1;
  const recall = truth.size ? tp / truth.size : 1;
  return {
    predicted: predicted.size,
    precision,
    recall,
    f1: precision + recall ? (2 * precision * recall) / (precision + recall) : 0,
  };
}

function blockingStats(records: PersonRecord[], truth: Set<number>) {
  const byKey = new Map<string, number[]>();
  const keysOf = records.map((r, i) => {
    const keys = blockingKeys(prepareSubject(r));
    for (const k of keys) (byKey.get(k) ?? byKey.set(k, []).get(k)!).push(i);
    return keys;
  });
  const pairs = new Set<number>();
  for (const members of byKey.values()) {
    if (members.length > 500) continue;
    for (let a = 0; a < members.length; a++)
      for (let b = a + 1; b < members.length; b++) pairs.add(pairKey(members[a]!, members[b]!));
  }
  let covered = 0;
  for (const p of truth) if (pairs.has(p)) covered++;
  void keysOf;
  return { blockingPairs: pairs.size, pairsCompleteness: truth.size ? covered / truth.size : 1 };
}

/** How many true pairs the hard rules of SPEC I-2 forbid merging on their own (the ceiling of automatic recall). */
function hardRuleBlocked(records: PersonRecord[], entity: readonly string[]): number {
  const subjects = records.map((r) => prepareSubject(r));
  const groups = new Map<string, number[]>();
  entity.forEach((e, i) => (groups.get(e) ?? groups.set(e, []).get(e)!).push(i));
  let blocked = 0;
  for (const g of groups.values())
    for (let a = 0; a < g.length; a++)
      for (let b = a + 1; b < g.length; b++) {
        const c = compareSubjects(subjects[g[a]!]!, subjects[g[b]!]!);
        const byDocument = c.sharedKeys.some((k) => k.kind === 'document');
        if (c.birth === 'different' || c.documentConflict || (c.name.given === 'different' && !byDocument)) blocked++;
      }
  return blocked;
}

function evaluate(dataset: Dataset, useDocuments: boolean, em = false): QualityRow {
  const started = performance.now();
  const cpu = process.cpuUsage();
  const { records, entity } = dataset.load(useDocuments);
  // --em: m/u estimated on the data set itself first (as the organisation's job would), timed too.
  const estimated = em ? estimateWeights(records.map((r) => prepareSubject(r))) : undefined;
  const result = resolveBatch(
    records,
    estimated ? { settings: { matchOnNameAlone: false, model: { weights: estimated.weights } } } : {},
  );
  const seconds = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  const cpuSeconds = (used.user + used.system) / 1e6;

  const truth = groupPairs(entity);
  const indexOf = new Map(records.map((r, i) => [r.id, i]));
  const profiles = records.map((r) => result.profileOf.get(r.id) ?? r.id);
  const auto = groupPairs(profiles);
  const members = new Map<string, number[]>();
  profiles.forEach((p, i) => (members.get(p) ?? members.set(p, []).get(p)!).push(i));
  const queue = new Set(auto);
  for (const d of result.duplicates) {
    const a = members.get(profiles[indexOf.get(d.recordA)!]!)!;
    const b = members.get(profiles[indexOf.get(d.recordB)!]!)!;
    for (const i of a) for (const j of b) if (i !== j) queue.add(pairKey(i, j));
  }
  return {
    dataset: em ? `${dataset.name} · EM${estimated ? '' : ' (too small: defaults)'}` : dataset.name,
    documents: useDocuments && dataset.hasDocuments,
    records: records.length,
    truePairs: truth.size,
    auto: score(auto, truth),
    queue: score(queue, truth),
    ...blockingStats(records, truth),
    hardRuleBlocked: hardRuleBlocked(records, entity),
    comparisons: result.comparisons,
    seconds,
    cpuSeconds,
    recordsPerSecond: records.length / seconds,
  };
}

/** Runs every dataset found under `datasetsDir` (default `../shared/datasets`); [] with a message when absent. */
export function runIdentityQuality(datasetsDir = path.resolve(REPO_ROOT, '..', 'shared', 'datasets')): QualityRow[] {
  if (!existsSync(path.join(datasetsDir, 'febrl')) && !existsSync(path.join(datasetsDir, 'splink_synthetic'))) {
    console.error(`identity quality: skipped, no datasets in ${datasetsDir}`);
    return [];
  }
  const datasets: Dataset[] = [];
  if (existsSync(path.join(datasetsDir, 'febrl')))
    datasets.push(
      febrl(datasetsDir, 'FEBRL 1', ['dataset1.csv']),
      febrl(datasetsDir, 'FEBRL 2', ['dataset2.csv']),
      febrl(datasetsDir, 'FEBRL 3', ['dataset3.csv']),
      febrl(datasetsDir, 'FEBRL 4 (4a+4b)', ['dataset4a.csv', 'dataset4b.csv']),
    );
  if (existsSync(path.join(datasetsDir, 'splink_synthetic', 'fake_1000.csv'))) datasets.push(fake1000(datasetsDir));
  const only = onlySets();
  const rows: QualityRow[] = [];
  for (const d of datasets.filter((x) => !only || only.some((o) => x.name.toLowerCase().startsWith(o)))) {
    const em = process.argv.includes('--em');
    if (d.hasDocuments) rows.push(evaluate(d, true, em));
    rows.push(evaluate(d, false, em));
  }
  return rows;
}

/** `--only "febrl 1,febrl 2"`: run only the data sets whose name starts with one of these (tuning runs). */
function onlySets(): string[] | undefined {
  const i = process.argv.indexOf('--only');
  const v = i >= 0 ? process.argv[i + 1] : undefined;
  return v ? v.split(',').map((x) => x.trim().toLowerCase()) : undefined;
}

const f3 = (x: number) => x.toFixed(4);

/**
 * The best automatic F1 the hard rules allow: every true pair not blocked merged, none blocked
 * merged, no false merge (pairs joined only through a third record could exceed it slightly).
 */
function ceilingF1(r: QualityRow): number {
  const recall = r.truePairs ? 1 - r.hardRuleBlocked / r.truePairs : 1;
  return (2 * recall) / (1 + recall);
}

/** The results as a Markdown table. */
export function formatQualityTable(rows: QualityRow[]): string {
  const head =
    '| dataset | soc_sec_id | records | true pairs | auto P | auto R | auto F1 | queue P | queue R | queue F1 | blocking pairs | pairs completeness | hard-rule blocked | auto F1 ceiling | comparisons | wall (s) | CPU (s) | records/s |\n' +
    '|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|';
  const lines = rows.map(
    (r) =>
      `| ${r.dataset} | ${r.documents ? 'used' : 'not used'} | ${r.records} | ${r.truePairs} | ${f3(r.auto.precision)} | ${f3(r.auto.recall)} | ${f3(r.auto.f1)} | ${f3(r.queue.precision)} | ${f3(r.queue.recall)} | ${f3(r.queue.f1)} | ${r.blockingPairs} | ${f3(r.pairsCompleteness)} | ${r.hardRuleBlocked} | ${f3(ceilingF1(r))} | ${r.comparisons} | ${r.seconds.toFixed(2)} | ${r.cpuSeconds.toFixed(2)} | ${Math.round(r.recordsPerSecond)} |`,
  );
  return [head, ...lines].join('\n');
}

/** The Markdown section appended to BENCHMARKS.md: machine, date, command, table. */
export function qualitySection(table: string): string {
  const cpu = /model name\s*:\s*(.*)/.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1] ?? cpus()[0]?.model ?? 'unknown';
  return [
    '',
    '## Identity matching quality',
    '',
    `- Date: ${new Date().toISOString().slice(0, 10)}; machine: ${cpus().length} CPUs (nproc), ${(totalmem() / 2 ** 30).toFixed(0)} GiB RAM, ${cpu}; Node ${process.version}.`,
    '- Command: `node --import tsx bench/identity-quality.ts --write`.',
    '- Pairwise precision/recall/F1 over record pairs. *auto* = records the resolver put in one profile on its own',
    '  (SPEC I-2 rules 2–3); *queue* = auto ∪ review-queue pairs. Time = read CSV + resolve, wall clock.',
    '- *hard-rule blocked* = true pairs a hard rule forbids merging automatically (another birth date, another document',
    '  number, a clearly different first name without a shared document); *auto F1 ceiling* = the F1 if every other true',
    '  pair were merged automatically and nothing else.',
    '',
    table,
    '',
  ].join('\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const rows = runIdentityQuality();
  console.log(formatQualityTable(rows));
  if (process.argv.includes('--write') && rows.length > 0) {
    appendFileSync(path.join(REPO_ROOT, 'BENCHMARKS.md'), qualitySection(formatQualityTable(rows)));
  }
}
