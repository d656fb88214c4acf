import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { resolveBatch } from './batch-resolver.ts';
import { parsePersonCsv, readPersonCsv } from './person-csv.ts';
import { rowToPerson } from './headers.ts';

const FIXTURES = new URL('../../../../test/fixtures/identity/', import.meta.url).pathname;

/** Groups record ids by profile, each group sorted, groups sorted. */
function clusters(profileOf: Map<string, string>): string[][] {
  const groups = new Map<string, string[]>();
  for (const [record, profile] of profileOf)
    (groups.get(profile) ?? groups.set(profile, []).get(profile)!).push(record);
  return [...groups.values()].map((g) => g.sort()).sort((a, b) => a[0]!.localeCompare(b[0]!));
}

describe('batch resolver', () => {
  it('resolves the hotel fixture exactly as a receptionist would', () => {
    const records = readPersonCsv(`${FIXTURES}hotel-guests.csv`);
    const result = resolveBatch(records);
    expect(clusters(result.profileOf)).toEqual([
      ['h01'],
      ['h02'],
      ['h03', 'h04', 'h05'],
      ['h06'],
      ['h07'],
      ['h08'],
      ['h09'],
      ['h10', 'h11'],
      ['h12'],
      ['h13'],
      // Issue 14: the same name, birth date and town is enough evidence on its own (was queued).
      ['h14', 'h15'],
      ['h16'],
      // A French national number with no country cannot be read as +33 (the default is ES):
      // the two Françoise rows stay apart but are queued.
      ['h17'],
    ]);
    const queued = result.duplicates.map((d) => [d.recordA, d.recordB].sort().join('-')).sort();
    expect(queued).toEqual(['h06-h07', 'h08-h09', 'h16-h17']);
    const related = result.related.map((d) => [d.recordA, d.recordB].sort().join('-')).sort();
    expect(related).toEqual(['h01-h02', 'h12-h13']);
    const relay = result.duplicates.find((d) => d.recordA === 'h07');
    expect(relay?.decision.rule).toBe('namesake_without_contact');
  });

  it('finds every FEBRL duplicate of the sample and never merges two people', () => {
    const truth = (id: string) => /^rec-(\d+)-/.exec(id)![1];
    for (const useDocuments of [true, false]) {
      const result = resolveBatch(readPersonCsv(`${FIXTURES}febrl1-sample.csv`, { useDocuments }));
      for (const group of clusters(result.profileOf)) expect(new Set(group.map(truth)).size).toBe(1);
      const found = new Set<string>();
      for (const g of clusters(result.profileOf)) if (g.length > 1) found.add(truth(g[0]!)!);
      for (const d of result.duplicates) {
        expect(truth(d.recordA)).toBe(truth(d.recordB));
        found.add(truth(d.recordA)!);
      }
      expect(found.size).toBe(12);
      // Issue 14: name + birth date + address now merge without the ID number too (was: no merge at all).
      if (!useDocuments) expect(new Set(result.profileOf.values()).size).toBeLessThan(24);
    }
  });

  it('never merges two fake_1000 clusters', () => {
    const csv = parsePersonCsv(readFileSync(`${FIXTURES}fake1000-sample.csv`, 'utf8'));
    const records = csv.rows.map((row) => rowToPerson(row, csv.columns));
    const cluster = new Map(csv.rows.map((row) => [row[0]!, row[6]!]));
    const result = resolveBatch(records);
    for (const group of clusters(result.profileOf)) expect(new Set(group.map((id) => cluster.get(id))).size).toBe(1);
    for (const d of result.duplicates) expect(cluster.get(d.recordA)).toBe(cluster.get(d.recordB));
    // Same e-mail and compatible names: Isla Hall written three ways is one profile.
    expect(new Set(['11', '12', '13'].map((id) => result.profileOf.get(id))).size).toBe(1);
  });
});
