import { join } from 'node:path';
import type { Ctx } from '../../../core/context.ts';
import type { Database } from '../../../db/database.ts';
import { createOrganisation } from '../../tenancy/index.ts';
import {
  type BookingGroup,
  type ByteSource,
  type ReadRecord,
  bufferSource,
  columnFields,
  detectFormat,
  fileSource,
  groupBookingRecords,
  isUnreadable,
  openTableFile,
  readRecord,
} from '../reading/index.ts';
import { applyRecords } from './apply-records.ts';
import type { ApplyOptions, ApplyResult } from './apply.types.ts';

/** Helpers for the apply tests: read a file through the reading core, apply it in a transaction. */
export const FIXTURES = join(import.meta.dirname, '../../../../test/fixtures/imports');

export const fixture = (name: string): ByteSource => fileSource(join(FIXTURES, name));
export const csv = (lines: string[]): ByteSource => bufferSource(Buffer.from(`${lines.join('\n')}\n`, 'utf8'));

/** The importable items of a file, as the import job passes them: rejected records left out, bookings grouped. */
export async function readItems(source: ByteSource): Promise<Array<ReadRecord | BookingGroup>> {
  const table = await openTableFile(source);
  const detected = detectFormat(table.headers);
  const fields = columnFields(table.headers, detected.mapping);
  async function* records() {
    for await (const row of table.rows) {
      if (isUnreadable(row)) continue;
      const r = readRecord(row, table.headers, fields, { format: detected.format, defaultCountry: 'ES' });
      if (!r.rejected) yield r;
    }
  }
  const items: Array<ReadRecord | BookingGroup> = [];
  for await (const item of groupBookingRecords(records())) items.push(item);
  return items;
}

export async function newOrg(database: Database, name = 'Hotel'): Promise<{ ctx: Ctx; propertyId: string }> {
  const { orgId, propertyId } = await createOrganisation(database.system, { name, propertyName: `${name} P` });
  const ctx: Ctx = {
    db: database.forOrg(orgId),
    orgId,
    actor: { actorType: 'system', actorId: null },
    requestId: null,
    permissions: 'system',
    consentSource: 'import',
    consentReference: 'imp_test1',
  };
  return { ctx, propertyId };
}

/** Applies the items in one transaction, as one batch (or in batches of `size`). */
export async function apply(
  ctx: Ctx,
  items: Array<ReadRecord | BookingGroup>,
  options: Partial<ApplyOptions> = {},
  size = 500,
): Promise<ApplyResult> {
  const opts: ApplyOptions = { onExisting: 'enrich', importId: ctx.consentReference ?? 'imp_test1', ...options };
  const total: ApplyResult = {
    outcomes: [],
    bookings: { created: 0, existing: 0 },
    roomTypesCreated: [],
    tagsDropped: 0,
  };
  for (let i = 0; i < items.length; i += size) {
    const r = await ctx.db.transaction().execute((trx) => applyRecords(ctx, trx, items.slice(i, i + size), opts));
    total.outcomes.push(...r.outcomes);
    total.bookings.created += r.bookings.created;
    total.bookings.existing += r.bookings.existing;
    total.roomTypesCreated.push(...r.roomTypesCreated);
    total.tagsDropped += r.tagsDropped;
  }
  return total;
}

export const outcomesOf = (r: ApplyResult) => r.outcomes.map((o) => `${o.record}:${o.outcome}`);
