import { sql } from 'kysely';
import { countOf, orNone, type ErasureRun } from './erasure-run.ts';
import { scrubColumns } from './scrub-columns.ts';

// Bookings stay (dates, room, amounts, channel: the hotel's accounts) without the person.

/**
 * The bookings the person made lose their customer (shown as `*****`), their contact e-mail and
 * their notes (written about that customer: requests, allergies); bookings they only stayed on keep
 * their notes scrubbed of every name word, e-mail and phone of the person; anyone's booking notes
 * are scrubbed of the person's whole names and contacts.
 */
export async function eraseBookings(run: ErasureRun) {
  const { trx, subject } = run;
  const own = countOf(
    await trx
      .updateTable('booking')
      .set((eb) => ({
        customerId: null,
        notes: null,
        contactEmail: null,
        createdById: eb.case().when('createdByType', '=', 'customer').then(null).else(eb.ref('createdById')).end(),
        updatedAt: new Date(),
      }))
      .where('id', 'in', orNone(subject.customerBookingIds))
      .executeTakeFirst(),
  );
  const contact = subject.emails.length
    ? countOf(
        await trx
          .updateTable('booking')
          .set({ contactEmail: null })
          .where('contactEmail', 'in', subject.emails)
          .executeTakeFirst(),
      )
    : 0;
  const party = await scrubColumns(
    trx,
    subject.orgId,
    {
      table: 'booking',
      key: ['id'],
      columns: [{ name: 'notes', kind: 'text' }],
      where: sql`id = any(${sql.val(orNone(subject.partyBookingIds))}::text[])`,
    },
    run.linked,
  );
  const others = await scrubColumns(
    trx,
    subject.orgId,
    { table: 'booking', key: ['id'], columns: [{ name: 'notes', kind: 'text' }] },
    run.org,
  );
  return own + contact + party + others;
}

export async function eraseBookingParty({ trx, subject }: ErasureRun) {
  return countOf(await trx.deleteFrom('bookingGuest').where('guestId', 'in', subject.guestIds).executeTakeFirst());
}

/** The person's carts (and their items, by cascade), and the checkouts that came from them. */
export async function eraseCarts(run: ErasureRun) {
  const { trx, subject } = run;
  const carts = await trx
    .selectFrom('cart')
    .select('id')
    .where((eb) => eb.or([eb('guestId', 'in', subject.guestIds), eb('refusedGuestId', 'in', subject.guestIds)]))
    .execute();
  const cartIds = carts.map((c) => c.id);
  const checkouts = countOf(
    await trx
      .deleteFrom('siteCheckout')
      .where((eb) =>
        eb.or([
          eb('cartId', 'in', orNone(cartIds)),
          eb('bookingIds', '&&', sql<string[]>`${sql.val(orNone(subject.customerBookingIds))}::text[]`),
        ]),
      )
      .executeTakeFirst(),
  );
  const deleted = countOf(await trx.deleteFrom('cart').where('id', 'in', orNone(cartIds)).executeTakeFirst());
  const scrubbed = await scrubColumns(
    trx,
    subject.orgId,
    { table: 'cart', key: ['id'], columns: [{ name: 'customer_name', kind: 'text' }] },
    run.org,
  );
  return checkouts + deleted + scrubbed;
}
