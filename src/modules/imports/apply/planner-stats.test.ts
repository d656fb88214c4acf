import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, engineName, type TestDatabase } from '../../../../test/support/db.ts';
import { newOrg } from './apply-test-helpers.ts';
import { refreshPlannerStatsIfGrown } from './planner-stats.ts';

describe(`planner statistics during an import (${engineName})`, () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(() => t.destroy());

  it('gathers them when the guests outgrow what the planner knows, and not at every batch', async () => {
    const { ctx } = await newOrg(t.database, 'Stats');
    const run = () => ctx.db.transaction().execute((trx) => refreshPlannerStatsIfGrown(trx));
    expect(await run()).toBe(false);
    // The running totals say 5,000 guests while the statistics know of none (a fast-growing import).
    await sql`insert into guest_kpi_stats (org_id, shard, guests) values (${ctx.orgId}, 99, 5000)`.execute(
      t.database.system,
    );
    expect(await run()).toBe(true);
    await sql`delete from guest_kpi_stats where org_id = ${ctx.orgId} and shard = 99`.execute(t.database.system);
    expect(await run()).toBe(false);
  });
});
