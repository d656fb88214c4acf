import { sql } from 'kysely';
// The leaf file, not communication/index.ts (communication reaches guests, which reaches privacy).
import { removeFiles } from '../communication/attachment-files.ts';
import { orNone, type ErasureRun } from './erasure-run.ts';
import type { PersonalDataPlace } from './registry.ts';
import { scrubColumns } from './scrub-columns.ts';

/**
 * Thread attachments (issue 16, M-3). Runs before the threads' own entry: the files of the
 * person's threads (and of any message they wrote elsewhere) are deleted with their rows — a
 * cascade would drop the rows but leave the files. Other attachments keep their files (staff's
 * documents in someone else's thread; a file's content is not searched) with their names scrubbed.
 */
async function eraseAttachments(run: ErasureRun): Promise<number> {
  const { trx, subject } = run;
  const ownThreads = trx
    .selectFrom('thread')
    .select('id')
    .where((eb) =>
      eb.or([
        eb('guestId', 'in', orNone(subject.guestIds)),
        eb(sql<string>`lower(contact_email)`, 'in', orNone(subject.emails)),
      ]),
    );
  const theirMessages = trx
    .selectFrom('threadMessage')
    .select('id')
    .where((eb) =>
      eb.or([
        eb('threadId', 'in', ownThreads),
        eb.and([eb('authorType', '=', 'guest'), eb('authorId', 'in', orNone(subject.guestIds))]),
      ]),
    );
  const deleted = await trx
    .deleteFrom('threadAttachment')
    .where('messageId', 'in', theirMessages)
    .returning('storageKey')
    .execute();
  await removeFiles(deleted.map((d) => d.storageKey));
  const scrubbed = await scrubColumns(
    trx,
    subject.orgId,
    { table: 'thread_attachment', key: ['id'], columns: [{ name: 'file_name', kind: 'text' }] },
    run.org,
  );
  return deleted.length + scrubbed;
}

export const THREAD_ATTACHMENT_PLACES: PersonalDataPlace[] = [
  {
    kind: 'table',
    table: 'thread_attachment',
    personal: ['file_name'],
    other: ['id', 'message_id', 'content_type', 'sha256', 'storage_key'],
    find: "attachments of the messages of the person's threads, and of messages they wrote in other threads",
    erase:
      "deleted with their files; other attachments' file names scrubbed of the person's full names, e-mails, phones and document numbers",
    run: eraseAttachments,
  },
  {
    kind: 'files',
    name: 'thread attachments (files area "attachments": images and PDF sent with messages)',
    find: 'the storage keys of the attachment rows above',
    erase:
      'files deleted with their rows (by the entry above); the content of a file in someone else’s thread is not searched',
  },
];
