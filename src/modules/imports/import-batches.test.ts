import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configureFileStore, fileAreaPath } from '../../core/file-store.ts';
import { createTestDatabase, engineName, type TestDatabase } from '../../../test/support/db.ts';
import { createOrganisation } from '../tenancy/index.ts';
import { runImport } from './import-run.pipeline.ts';
import { createImport } from './import-run.service.ts';
import { sampleCsv } from './import-sample-file.ts';
import { snapshot } from './import-test-helpers.ts';

/**
 * Batch boundaries (issue 13, the batched import path): however a file is cut into batches, and
 * wherever a run is interrupted inside a batch, the organisation ends exactly as after one
 * uninterrupted run — a person repeated in a later batch lands on the profile an earlier batch
 * made, and a batch lost to a crash is done again whole on resume.
 */
const filesDir = mkdtempSync(path.join(tmpdir(), 'clientela-import-batches-'));

// Ana is repeated in later records (another case, a phone added, a second e-mail), Luis twice in a row.
const HEAD = 'First name,Last name,E-mails,Phones,Birth date,Country,City,Tags,Newsletter';
const SMALL = [
  HEAD,
  'Ana,García,ana.garcia@example.com,,1980-04-02,ES,Madrid,VIP,yes',
  'Luis,Pérez,luis@example.com,+34611111111,,ES,Sevilla,,',
  'Luis,Pérez,LUIS@example.com,+34611111111,,ES,Sevilla,,',
  'Broken,Row,not-an-email,,,,,,',
  'Emma,Smith,emma@example.co.uk,+447700900123,,GB,London,Family,',
  'ANA,GARCÍA,Ana.Garcia@Example.com,+34622222222,,ES,Madrid,Repeat,',
  'Marc,Dupont,marc@example.fr,,31/02/1990,FR,Paris,,',
  'Ana,García,ana.garcia@example.com; ana@work.example.com,,,ES,Madrid,,',
  'Emma,Smith,emma@example.co.uk,,,GB,London,,yes',
].join('\n');

describe(`import batch boundaries (${engineName})`, { timeout: 300_000 }, () => {
  let t: TestDatabase;
  beforeAll(async () => {
    configureFileStore(filesDir);
    t = await createTestDatabase();
  });
  afterAll(async () => {
    await t.destroy();
    rmSync(filesDir, { recursive: true, force: true });
  });

  let n = 0;
  /** A new organisation and an import of `content` in it, not yet run. */
  async function prepare(content: string) {
    const { orgId } = await createOrganisation(t.database.system, { name: `Batches ${++n}`, propertyName: 'P' });
    const uploadName = `upl_batches_${n}`;
    writeFileSync(fileAreaPath('imports', uploadName), content);
    const ctx = {
      db: t.database.forOrg(orgId),
      orgId,
      actor: { actorType: 'system', actorId: null },
      requestId: null,
      permissions: 'system' as const,
    };
    const { id } = await createImport(
      ctx,
      {
        uploadName,
        fileName: 'guests.csv',
        size: content.length,
        request: { dryRun: false, onExisting: 'enrich' },
      },
      { enqueue: false },
    );
    return { orgId, id };
  }

  it('a person repeated in a later batch lands on the profile an earlier batch made', async () => {
    const whole = await prepare(SMALL);
    const one = await runImport(t.database.system, whole.orgId, whole.id, { batchSize: 1000 });
    const cut = await prepare(SMALL);
    // Batches of two records: each repetition of Ana and Emma is in a later batch than the first.
    const small = await runImport(t.database.system, cut.orgId, cut.id, { batchSize: 2 });
    const counts = (r: typeof one) => [r.records, r.created, r.updated, r.unchanged, r.invalid];
    expect(counts(small)).toEqual(counts(one));
    // Luis again with his e-mail in capitals: the same address, nothing new.
    expect(counts(one)).toEqual([9, 3, 3, 1, 2]);
    // History apart: a batch writes a profile once for all its records, so cut finer there are
    // more history rows (the same changes, in more steps).
    const { history: h1, ...expected } = await snapshot(t.database.system, whole.orgId);
    const { history: h2, ...actual } = await snapshot(t.database.system, cut.orgId);
    expect(actual).toEqual(expected);
    expect(h2).toBeGreaterThanOrEqual(h1);
    const ana = expected.guests.filter((g) => g.startsWith('Ana|'));
    expect(ana).toEqual([
      'Ana|García|ana.garcia@example.com|+34622222222|1980-04-02|ES|t|ana.garcia@example.com;ana@work.example.com|Repeat;VIP',
    ]);
    expect(expected.guests).toHaveLength(3);
    expect(expected.guests.find((g) => g.startsWith('Luis|'))).toContain('|luis@example.com|');
    expect(expected.guests.find((g) => g.startsWith('Luis|'))).not.toContain('LUIS');
  });

  it('a run interrupted inside a batch, at any batch, resumes to the uninterrupted result', async () => {
    const FILE = sampleCsv({ rows: 600, seed: 23, duplicateShare: 0.2 });
    const whole = await prepare(FILE);
    await runImport(t.database.system, whole.orgId, whole.id, { batchSize: 100 });
    const expected = await snapshot(t.database.system, whole.orgId);
    expect(expected.run).toMatchObject({ status: 'done', records: 600, checkpoint: 600 });

    for (const crashAt of [1, 3, 6]) {
      const cut = await prepare(FILE);
      let batches = 0;
      const crash = new Error('crash');
      await expect(
        runImport(t.database.system, cut.orgId, cut.id, {
          batchSize: 100,
          beforeCommit: () => {
            if (++batches === crashAt) throw crash;
          },
        }),
      ).rejects.toBe(crash);
      // Everything of the interrupted batch is gone, checkpoint included.
      const halfway = await snapshot(t.database.system, cut.orgId);
      expect(halfway.run.checkpoint).toBeLessThan(crashAt * 100);
      expect(halfway.run.checkpoint).toBeGreaterThanOrEqual((crashAt - 1) * 100 - 5);
      const resumed = await runImport(t.database.system, cut.orgId, cut.id, { batchSize: 100 });
      expect(resumed.status).toBe('done');
      expect(await snapshot(t.database.system, cut.orgId)).toEqual(expected);
    }
  });
});
