import { sql } from 'kysely';
import { countOf, orNone, type ErasureRun } from './erasure-run.ts';
import type { PersonalDataPlace } from './registry.ts';
import { scrubColumns } from './scrub-columns.ts';

const WHOLE = "scrubbed of the person's full names, e-mails, phones and document numbers";

/**
 * Companies (issue 15). A company is the hotel's customer, not a person: its name, tax id and
 * billing address stay. What links it to the person goes: their contact links (and with them the
 * booking's contact, by the foreign key's SET NULL), the history entries about them; free text
 * (notes, history values) is scrubbed of the person's data.
 */
export const COMPANY_PLACES: PersonalDataPlace[] = [
  {
    kind: 'table',
    table: 'company_contact',
    personal: ['guest_id'],
    other: ['company_id', 'roles'],
    find: 'guest_id',
    erase: "deleted (bookings' contact_id → null by the foreign key)",
    run: async (r: ErasureRun) =>
      countOf(
        await r.trx.deleteFrom('companyContact').where('guestId', 'in', orNone(r.subject.guestIds)).executeTakeFirst(),
      ),
  },
  {
    kind: 'table',
    table: 'company_history',
    personal: ['old_value', 'new_value', 'actor_name'],
    other: ['id', 'company_id', 'field', 'actor_type', 'actor_id', 'request_id'],
    find: 'old_value/new_value naming the guest (contact changes, purchasing transfers); any entry (notes changes)',
    erase: `entries naming the guest deleted; other entries ${WHOLE}`,
    run: async (r: ErasureRun) => {
      const ids = orNone(r.subject.guestIds);
      const deleted = countOf(
        await r.trx
          .deleteFrom('companyHistory')
          .where((eb) =>
            eb.or([
              eb(sql`old_value ->> 'guestId'`, 'in', ids),
              eb(sql`new_value ->> 'guestId'`, 'in', ids),
              eb(sql`old_value #>> '{}'`, 'in', ids),
              eb(sql`new_value #>> '{}'`, 'in', ids),
            ]),
          )
          .executeTakeFirst(),
      );
      const scrubbed = await scrubColumns(
        r.trx,
        r.subject.orgId,
        {
          table: 'company_history',
          key: ['id'],
          columns: [
            { name: 'old_value', kind: 'json' },
            { name: 'new_value', kind: 'json' },
          ],
        },
        r.org,
      );
      return deleted + scrubbed;
    },
  },
  {
    kind: 'table',
    table: 'company',
    personal: ['notes', 'status_reason'],
    other: [
      'status',
      'status_changed_at',
      'id',
      'name',
      'legal_name',
      'tax_id',
      'tax_key',
      'country',
      'language',
      'billing_street',
      'billing_city',
      'billing_postcode',
      'billing_region',
      'billing_country',
      'group_id',
      'rate_code',
      'payment_terms',
      'tags',
    ],
    find: 'notes and registration-cancelling reasons of any company (staff may write a contact’s details there)',
    erase: `notes and status_reason ${WHOLE}`,
    run: (r: ErasureRun) =>
      scrubColumns(
        r.trx,
        r.subject.orgId,
        {
          table: 'company',
          key: ['id'],
          columns: [
            { name: 'notes', kind: 'text' },
            { name: 'status_reason', kind: 'text' },
          ],
        },
        r.org,
      ),
  },
];
