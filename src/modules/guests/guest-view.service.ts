import type { Ctx } from '../../core/context.ts';
import type { GuestRow } from '../../db/schema.ts';
import { recordAudit } from '../audit/index.ts';
import { getGuestOrMerged } from './guest-merge.store.ts';
import { canReadPersonalData } from './personal-data.ts';

/**
 * Reads a full guest profile for staff or an API key and records the read as `guest.viewed` (issue 12
 * point 7: who looked at whom, when, from which request). Lists and searches are not recorded: they show
 * names, and logging every row of every page would bury the reads that matter.
 */
export async function viewGuest(ctx: Ctx, id: string): Promise<GuestRow> {
  const row = await getGuestOrMerged(ctx, id);
  await recordAudit(ctx, 'guest.viewed', { type: 'guest', id: row.id }, { masked: !canReadPersonalData(ctx) });
  return row;
}
