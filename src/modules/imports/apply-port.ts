/**
 * The one place the import run reaches the apply stage (src/modules/imports/apply/, what records do
 * to the database). Until that stage lands this is a stand-in that refuses to run: only files whose
 * records are all rejected can be imported.
 */
import type { Ctx } from '../../core/context.ts';
import type { TenantDb } from '../../db/database.ts';
import type { BookingGroup, ImportField, ReadRecord } from './reading/index.ts';

export interface ApplyOptions {
  onExisting: 'enrich' | 'overwrite' | 'skip';
  overwriteFields?: ImportField[];
  propertyId?: string;
  importId: string;
}
export type RecordOutcome = {
  record: number;
  outcome: 'created' | 'updated' | 'unchanged' | 'invalid';
  guestId?: string;
  problems: Array<{ record: number; field: string; code: string; message: string }>;
};
export interface ApplyResult {
  outcomes: RecordOutcome[];
  bookings: { created: number; existing: number };
  roomTypesCreated: string[];
  tagsDropped: number;
}

export async function applyRecords(
  _ctx: Ctx,
  _trx: TenantDb,
  _items: Array<ReadRecord | BookingGroup>,
  _options: ApplyOptions,
): Promise<ApplyResult> {
  await Promise.resolve();
  throw new Error('the import apply stage is not available yet');
}
