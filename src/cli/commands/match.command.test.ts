import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { runClientela } from '../../../test/support/cli.ts';

const FIXTURES = new URL('../../../test/fixtures/identity/', import.meta.url).pathname;

const clientela = (args: string[]) => runClientela(args);

describe('clientela match', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'clientela-match-'));

  it('writes one profile per person and the review-queue pairs (FEBRL sample, soc_sec_id as a key)', async () => {
    const out = path.join(dir, 'clusters.csv');
    const pairs = path.join(dir, 'pairs.csv');
    const r = await clientela(['match', path.join(FIXTURES, 'febrl1-sample.csv'), '--out', out, '--pairs', pairs]);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/24 records → \d+ profiles/);
    const clusters = parse<{ record_id: string; profile_id: string }>(readFileSync(out, 'utf8'), { columns: true });
    expect(clusters).toHaveLength(24);
    expect(Object.keys(clusters[0]!)).toEqual(['record_id', 'profile_id']);
    // Every profile holds records of one entity only.
    const entityOf = (id: string) => /^rec-(\d+)-/.exec(id)![1];
    const byProfile = new Map<string, Set<string>>();
    for (const c of clusters)
      (byProfile.get(c.profile_id) ?? byProfile.set(c.profile_id, new Set()).get(c.profile_id)!).add(
        entityOf(c.record_id)!,
      );
    for (const entities of byProfile.values()) expect(entities.size).toBe(1);
    const queue = parse<Record<string, string>>(readFileSync(pairs, 'utf8'), { columns: true });
    expect(Object.keys(queue[0] ?? { record_id_a: '', record_id_b: '', score: '', reasons: '' })).toEqual([
      'record_id_a',
      'record_id_b',
      'score',
      'reasons',
    ]);
    for (const p of queue) {
      expect(entityOf(p.record_id_a!)).toBe(entityOf(p.record_id_b!));
      expect(Number(p.score)).toBeGreaterThan(0);
      expect(p.reasons).toMatch(/given_name=/);
    }
  });

  it('says which file is missing and which columns it expected', async () => {
    const bad = path.join(dir, 'bad.csv');
    writeFileSync(bad, 'colour,size\nred,3\n');
    const [missing, noColumns] = await Promise.all([
      clientela(['match', path.join(dir, 'nope.csv'), '--out', path.join(dir, 'x.csv')]),
      clientela(['match', bad, '--out', path.join(dir, 'x.csv')]),
    ]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/nope\.csv: no such file/);
    expect(noColumns.code).toBe(1);
    expect(noColumns.stderr).toMatch(/no record id column \(expected one of record_id, rec_id, id, unique_id\)/);
  });

  it('guards cells a spreadsheet would run as formulas (CSV injection)', async () => {
    const input = path.join(dir, 'hostile.csv');
    writeFileSync(
      input,
      'record_id,given_name,surname,email\n=1+1,Ana,Ruiz,ana@example.com\n@SUM(A1),Ana,Ruiz,ana@example.com\n',
    );
    const out = path.join(dir, 'hostile-out.csv');
    const pairs = path.join(dir, 'hostile-pairs.csv');
    const r = await clientela(['match', input, '--out', out, '--pairs', pairs]);
    expect(r.code).toBe(0);
    const clusters = parse<{ record_id: string }>(readFileSync(out, 'utf8'), { columns: true });
    expect(clusters.map((c) => c.record_id).sort()).toEqual(["'=1+1", "'@SUM(A1)"]);
    expect(readFileSync(out, 'utf8')).not.toMatch(/^[=+\-@]/m);
    expect(readFileSync(pairs, 'utf8')).not.toMatch(/^[=+\-@]|,[=+\-@]/m);
  });
});
