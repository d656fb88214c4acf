import type { ReadRecord } from './record.ts';

/** The records of one booking: booking exports write one row per room (MotoPress) under one ID. */
export interface BookingGroup {
  reference: string;
  records: ReadRecord[];
}

/**
 * Groups consecutive records with the same booking reference (MotoPress writes a booking's rooms
 * one after the other): the first record's person is the customer, every record adds its room.
 * Records without a booking pass through as groups of one. Streaming: holds one booking at a time.
 * (The import stage still dedupes bookings by reference, for rows of one booking far apart.)
 */
export async function* groupBookingRecords(
  records: AsyncIterable<ReadRecord>,
): AsyncIterable<BookingGroup | ReadRecord> {
  let current: BookingGroup | undefined;
  for await (const record of records) {
    const reference = record.booking?.reference;
    if (current && reference === current.reference) {
      current.records.push(record);
      continue;
    }
    if (current) yield current;
    current = undefined;
    if (reference) current = { reference, records: [record] };
    else yield record;
  }
  if (current) yield current;
}
