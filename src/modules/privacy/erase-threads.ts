import { sql } from 'kysely';
import { countOf, orNone, type ErasureRun } from './erasure-run.ts';
import type { PersonalDataPlace } from './registry.ts';
import { scrubColumns } from './scrub-columns.ts';

const WHOLE = "scrubbed of the person's full names, e-mails, phones and document numbers";

/**
 * Customer-service threads (issue 16): the person's own threads (about their profile, or written
 * from one of their e-mails) are deleted with their messages; anyone else's thread that names them
 * (a colleague writing about them, a forwarded e-mail) is scrubbed.
 */
async function eraseThreads(run: ErasureRun): Promise<number> {
  const { trx, subject } = run;
  const deleted = countOf(
    await trx
      .deleteFrom('thread')
      .where((eb) =>
        eb.or([
          eb('guestId', 'in', subject.guestIds),
          eb(sql<string>`lower(contact_email)`, 'in', orNone(subject.emails)),
        ]),
      )
      .executeTakeFirst(),
  );
  const scrubbed = await scrubColumns(
    trx,
    subject.orgId,
    {
      table: 'thread',
      key: ['id'],
      columns: [
        { name: 'subject', kind: 'text' },
        { name: 'contact_name', kind: 'text' },
        { name: 'tags', kind: 'array' },
      ],
    },
    run.org,
  );
  return deleted + scrubbed;
}

async function scrubThreadMessages(run: ErasureRun): Promise<number> {
  const scrubbed = await scrubColumns(
    run.trx,
    run.subject.orgId,
    {
      table: 'thread_message',
      key: ['id'],
      columns: [
        { name: 'body', kind: 'text' },
        { name: 'original_body', kind: 'text' },
        { name: 'author_name', kind: 'text' },
      ],
    },
    run.org,
  );
  const unlinked = countOf(
    await run.trx
      .updateTable('threadMessage')
      .set({ authorId: null })
      .where('authorType', '=', 'guest')
      .where('authorId', 'in', run.subject.guestIds)
      .executeTakeFirst(),
  );
  return scrubbed + unlinked;
}

export const THREAD_PLACES: PersonalDataPlace[] = [
  {
    kind: 'table',
    table: 'thread',
    personal: ['guest_id', 'subject', 'contact_name', 'contact_email', 'contact_phone', 'tags'],
    other: [
      'id',
      'hotel_contact_id',
      'booking_id',
      'company_id',
      'origin',
      'status',
      'priority',
      'assignee_id',
      'language',
      'reply_token',
    ],
    find: "guest_id (a profile merged into the guest included), or contact_email one of the person's e-mails",
    erase: `deleted with their messages; other threads' subject, sender name and tags ${WHOLE}`,
    run: eraseThreads,
  },
  {
    kind: 'table',
    table: 'thread_message',
    personal: ['body', 'original_body', 'author_id', 'author_name'],
    other: ['id', 'thread_id', 'direction', 'author_type', 'email_message_id', 'inbound_message_id'],
    find: "thread_id of the person's threads (deleted by cascade); in other threads, text naming them",
    erase: `deleted with their threads; other messages' body, original e-mail text and author name ${WHOLE}`,
    run: scrubThreadMessages,
  },
];
