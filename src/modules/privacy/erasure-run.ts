import type { Ctx } from '../../core/context.ts';
import type { TenantDb } from '../../db/database.ts';
import type { ErasureSubject } from './erasure-subject.ts';
import type { Scrubber } from './scrub.ts';

/** One erasure in progress: the transaction, the person, and the two scrubbers. */
export interface ErasureRun {
  trx: TenantDb;
  ctx: Ctx;
  subject: ErasureSubject;
  /** For the person's own records that stay (their past bookings' notes): name words and address lines too. */
  linked: Scrubber;
  /** For anyone's records: full names, e-mails, phones, document numbers (5+ characters). */
  org: Scrubber;
}

/** Rows a delete or update touched. */
export const countOf = (r: { numDeletedRows?: bigint; numUpdatedRows?: bigint } | { numDeletedRows: bigint }[]) =>
  Array.isArray(r)
    ? r.reduce((n, x) => n + Number(x.numDeletedRows), 0)
    : Number(
        (r as { numDeletedRows?: bigint }).numDeletedRows ?? (r as { numUpdatedRows?: bigint }).numUpdatedRows ?? 0,
      );

/** `in` needs at least one value; erasure lists may be empty. */
export const orNone = (ids: string[]) => (ids.length ? ids : ['']);
