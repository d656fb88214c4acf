import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, engineName, type TestDatabase } from '../../test/support/db.ts';
import { createOrganisation } from '../modules/tenancy/index.ts';
import { insertJsonRows } from './json-rows.ts';

describe(`insertJsonRows (${engineName})`, () => {
  let t: TestDatabase;
  let orgId: string;
  beforeAll(async () => {
    t = await createTestDatabase();
    ({ orgId } = await createOrganisation(t.database.system, { name: 'Json rows', propertyName: 'P' }));
  });
  afterAll(() => t.destroy());

  it('inserts typed rows from one jsonb parameter: text with quotes and accents, nulls, jsonb given as JSON text, computed columns', async () => {
    const rows = [
      {
        orgId,
        id: 'aud_1',
        actorType: 'system',
        actorId: null,
        action: 'x.done',
        entityType: 'guest',
        entityId: 'gst_1',
        data: JSON.stringify({ a: [1, 'ü'], q: 'say "hi"' }),
        requestId: null,
      },
      {
        orgId,
        id: 'aud_2',
        actorType: 'system',
        actorId: 'k"1',
        action: 'x.done',
        entityType: 'guest',
        entityId: null,
        data: '{}',
        requestId: 'req_1',
      },
    ];
    await sql`${insertJsonRows('audit_log', rows, { jsonb: ['data'], computed: { entityType: sql`'booking'` } })}`.execute(
      t.database.system,
    );
    const { rows: back } = await sql<{
      id: string;
      actorId: string | null;
      entityType: string;
      entityId: string | null;
      data: unknown;
      kind: string;
    }>`
      select id, actor_id, entity_type, entity_id, data, jsonb_typeof(data) as kind from audit_log where id in ('aud_1', 'aud_2') order by id`.execute(
      t.database.system,
    );
    expect(back).toEqual([
      {
        id: 'aud_1',
        actorId: null,
        entityType: 'booking',
        entityId: 'gst_1',
        data: { a: [1, 'ü'], q: 'say "hi"' },
        kind: 'object',
      },
      { id: 'aud_2', actorId: 'k"1', entityType: 'booking', entityId: null, data: {}, kind: 'object' },
    ]);
  });
});
