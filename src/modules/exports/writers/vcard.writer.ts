import type { ExportGuest } from '../export-record.ts';
import { emailsOf, phonesOf } from '../export-record.ts';
import { vcardOf } from './vcard.ts';
import { openFileStream, type ExportWriter, type WriterOptions } from './writer.ts';

function cardOf({ guest: g, secondLastName }: ExportGuest): string {
  const a = g.addresses.find((x) => x.primary) ?? g.addresses[0];
  return vcardOf({
    uid: g.id,
    givenName: g.firstName ?? '',
    familyName: [g.lastName, secondLastName].filter(Boolean).join(' '),
    emails: emailsOf(g),
    phones: phonesOf(g),
    address: a
      ? {
          street: a.street ?? '',
          city: a.city ?? '',
          region: a.region ?? '',
          postcode: a.postcode ?? '',
          country: a.country ?? '',
        }
      : undefined,
  });
}

/** vCard 4.0, one card per guest (the fields choice does not apply: a card has its own properties). */
export function openVcardWriter({ path }: WriterOptions): ExportWriter<ExportGuest> {
  const file = openFileStream(path);
  return {
    async writePage(guests) {
      await file.write(guests.map(cardOf).join(''));
    },
    close: () => file.end(),
    abort: () => file.end(),
  };
}
