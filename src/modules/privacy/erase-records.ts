import { sql } from 'kysely';
import { ERASED } from './scrub.ts';
import { countOf, orNone, type ErasureRun } from './erasure-run.ts';
import { scrubColumns } from './scrub-columns.ts';

// Logs and records that outlive the person: mail, merges, the audit trail, jobs, saved segments.

/** The person's mail (outbox and log) goes; anyone else's is scrubbed of them. */
export async function eraseEmails(run: ErasureRun) {
  const { trx, subject } = run;
  const deleted = countOf(
    await trx
      .deleteFrom('emailMessage')
      .where((eb) =>
        eb.or([eb('guestId', 'in', subject.guestIds), eb(eb.fn('lower', ['toAddress']), 'in', orNone(subject.emails))]),
      )
      .executeTakeFirst(),
  );
  const scrubbed = await scrubColumns(
    trx,
    subject.orgId,
    {
      table: 'email_message',
      key: ['id'],
      columns: ['to_address', 'subject', 'body_text', 'body_html', 'last_error'].map((name) => ({
        name,
        kind: 'text',
      })),
    },
    run.org,
  );
  return deleted + scrubbed;
}

/**
 * A merge the person took part in keeps that it happened (ids, who, when) and loses what it kept
 * for an undo: snapshot, moves and choices are emptied, names become `*****`, `erased_at` makes an
 * undo answer 409 merge_erased. Their aliases (old id → survivor) go.
 */
export async function eraseMerges(run: ErasureRun) {
  const { trx, subject } = run;
  const mergeIds = orNone(subject.mergeIds);
  const aliases = countOf(
    await trx
      .deleteFrom('guestAlias')
      .where((eb) =>
        eb.or([
          eb('mergeId', 'in', mergeIds),
          eb('oldId', 'in', subject.guestIds),
          eb('survivorId', 'in', subject.guestIds),
        ]),
      )
      .executeTakeFirst(),
  );
  const merges = countOf(
    await trx
      .updateTable('guestMerge')
      .set((eb) => ({
        snapshot: JSON.stringify({ erased: true }),
        moves: JSON.stringify({ erased: true }),
        choices: JSON.stringify({}),
        mergedNames: sql<string[]>`array_fill(${ERASED}::text, array[cardinality(${eb.ref('mergedIds')})])`,
        erasedAt: new Date(),
      }))
      .where('id', 'in', mergeIds)
      .executeTakeFirst(),
  );
  const scrubbed = await scrubColumns(
    trx,
    subject.orgId,
    {
      table: 'guest_merge',
      key: ['id'],
      columns: [
        { name: 'merged_names', kind: 'array' },
        { name: 'choices', kind: 'json' },
        { name: 'snapshot', kind: 'json' },
        { name: 'moves', kind: 'json' },
      ],
    },
    run.org,
  );
  return aliases + merges + scrubbed;
}

/**
 * The audit trail keeps that the person was erased (one `guest.erased` entry under an opaque id,
 * written by the service); entries about the profile or its accounts go, and every other entry's
 * details are scrubbed of the person.
 */
export async function eraseAuditEntries(run: ErasureRun) {
  const { trx, subject } = run;
  const deleted = countOf(
    await trx
      .deleteFrom('auditLog')
      .where((eb) =>
        eb.or([
          eb.and([eb('entityType', '=', 'guest'), eb('entityId', 'in', subject.guestIds)]),
          eb.and([eb('entityType', '=', 'customer_account'), eb('entityId', 'in', orNone(subject.accountIds))]),
        ]),
      )
      .executeTakeFirst(),
  );
  const scrubbed = await scrubColumns(
    trx,
    subject.orgId,
    { table: 'audit_log', key: ['id'], columns: [{ name: 'data', kind: 'json' }] },
    run.org,
  );
  return deleted + scrubbed;
}

/** Job payloads, results, progress and errors (the queue is an installation table). */
export async function eraseJobData(run: ErasureRun) {
  return scrubColumns(
    run.trx,
    run.subject.orgId,
    {
      table: 'job',
      key: ['id'],
      tenant: false,
      columns: [
        { name: 'payload', kind: 'json' },
        { name: 'result', kind: 'json' },
        { name: 'progress', kind: 'json' },
        { name: 'last_error', kind: 'text' },
        { name: 'dedupe_key', kind: 'text' },
      ],
    },
    run.org,
  );
}

/** A saved segment's filters may hold a search text naming the person. */
export async function eraseSegmentFilters(run: ErasureRun) {
  return scrubColumns(
    run.trx,
    run.subject.orgId,
    { table: 'segment', key: ['id'], columns: [{ name: 'filters', kind: 'json' }] },
    run.org,
  );
}
