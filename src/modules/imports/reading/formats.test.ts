import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  type FormatId,
  type ReadRecord,
  type TableRow,
  columnFields,
  detectFormat,
  fileSource,
  groupBookingRecords,
  isUnreadable,
  openTableFile,
  readRecord,
} from './index.ts';

const FIXTURES = join(import.meta.dirname, '../../../../test/fixtures/imports');

interface ReadFixture {
  kind: string;
  encoding?: string;
  delimiter?: string;
  format: FormatId;
  confidence: number;
  mapping: Record<string, string>;
  records: ReadRecord[];
  unreadable: Array<Extract<TableRow, { error: unknown }>>;
}

async function readFixture(name: string, defaultCountry: string | string[] = 'ES'): Promise<ReadFixture> {
  const table = await openTableFile(fileSource(join(FIXTURES, name)));
  const detected = detectFormat(table.headers);
  const fields = columnFields(table.headers, detected.mapping);
  const records: ReadRecord[] = [];
  const unreadable: ReadFixture['unreadable'] = [];
  for await (const row of table.rows) {
    if (isUnreadable(row)) unreadable.push(row);
    else records.push(readRecord(row, table.headers, fields, { format: detected.format, defaultCountry }));
  }
  return {
    kind: table.kind,
    encoding: table.encoding,
    delimiter: table.delimiter,
    format: detected.format.id,
    confidence: detected.confidence,
    mapping: detected.mapping,
    records,
    unreadable,
  };
}

const problemsOf = (record: ReadRecord | undefined): string[] =>
  (record?.problems ?? []).map((p) => `${p.field}:${p.code}:${p.severity}`);

describe('recognised formats', () => {
  it("reads Clientela's own export (UTF-8 with BOM, lists separated by ';', a note on two lines)", async () => {
    const file = await readFixture('clientela.csv');
    expect(file).toMatchObject({ kind: 'csv', encoding: 'utf-8', delimiter: ',', format: 'clientela', confidence: 1 });
    const [maria, jean, broken] = file.records;
    expect(maria?.person).toMatchObject({
      externalId: 'gst_01',
      givenName: 'María José',
      familyName: 'García López',
      emails: ['maria.garcia@example.es', 'mj@example.com'],
      phones: [{ e164: '+34612345678' }],
      birthDate: '1984-02-29',
      document: { type: 'passport', number: 'XDA123456' },
      tags: ['VIP', 'Repeat'],
      groups: ['Customer'],
      consents: [{ purpose: 'newsletter', granted: true, source: 'import' }],
      notes: ['Prefers a quiet room,\naway from the lift'],
    });
    expect(jean).toMatchObject({
      record: 2,
      line: 4,
      person: { familyName: 'de la Fontaine', birthMonthDay: '--07-08' },
    });
    expect(jean?.person.phones[0]?.e164).toBe('+33612345678');
    expect(broken).toMatchObject({ record: 3, line: 5, rejected: true });
    expect(problemsOf(broken)).toEqual(['email:invalid_email:error', 'birthDate:invalid_date:error']);
  });

  it('reads the PrestaShop/QloApps import sample in Windows-1252 with ";", titles by id, groups and both consents', async () => {
    const file = await readFixture('prestashop-import.csv');
    expect(file).toMatchObject({ encoding: 'windows-1252', delimiter: ';', format: 'prestashop-import' });
    expect(file.mapping['Opt-in (0/1)']).toBe('partnerOffers');
    expect(file.mapping['Password*']).toBe('ignore');
    const byId = new Map(file.records.map((r) => [r.person.externalId, r]));
    expect(byId.get('3')?.person).toMatchObject({
      title: 'Ms',
      givenName: 'Chloé',
      familyName: 'Lefèvre',
      birthDate: '1979-11-03',
      groups: ['Client', 'Fidèle'],
      consents: [
        { purpose: 'newsletter', granted: true, source: 'import' },
        { purpose: 'partnerOffers', granted: false, source: 'import' },
      ],
    });
    expect(byId.get('4')?.person.emails).toEqual(['ANTOINE@example.fr']);
    expect(byId.get('4')?.person.birthDate).toBeUndefined(); // 0000-00-00 is no date
    expect(problemsOf(byId.get('5'))).toEqual(['fullName:missing_name:error']);
    expect(problemsOf(byId.get('6'))).toEqual(['birthDate:impossible_date:error']);
    expect(byId.get('8')).toMatchObject({ record: 6, line: 7, person: { givenName: 'Anaïs', familyName: 'Œuvray' } });
    expect(file.unreadable).toEqual([expect.objectContaining({ record: 5, line: 6 })]);
    expect(file.unreadable[0]?.raw).toContain('"bad"quote@example.fr');
  });

  it('reads the PrestaShop/QloApps back-office customer export', async () => {
    const file = await readFixture('prestashop-export.csv');
    expect(file).toMatchObject({ delimiter: ';', format: 'prestashop-export' });
    expect(file.records[0]?.person).toMatchObject({ title: 'Mrs.', givenName: 'Lucía', familyName: 'Fernández Ruiz' });
    expect(file.records[1]?.person.company).toBe('Acme Ltd');
    expect(file.records[2]?.rejected).toBe(true);
  });

  it("reads WooCommerce's customers report: one Name column split, particles kept in the last name", async () => {
    const file = await readFixture('woocommerce-customers.csv');
    expect(file.format).toBe('woocommerce-customers');
    expect(file.mapping.Name).toBe('fullName');
    expect(file.records.map((r) => [r.person.givenName, r.person.familyName])).toEqual([
      ['Ana', 'de la Rosa'],
      ['Emily Jane', 'Clarke'],
      ['Nobody', ''],
    ]);
    expect(problemsOf(file.records[2])).toEqual(['email:invalid_email:error']);
  });

  it('reads the MotoPress bookings export and groups the rooms of one booking', async () => {
    const file = await readFixture('motopress-bookings.csv');
    expect(file.format).toBe('motopress-bookings');
    expect(file.records[0]?.booking).toMatchObject({
      reference: '1201',
      checkIn: '2026-06-14',
      checkOut: '2026-06-17',
      createdAt: '2026-06-01',
      rooms: [
        {
          roomType: 'Double Room',
          adults: 2,
          children: 0,
          stayGuests: [{ givenName: 'Carmen', familyName: 'Ortega Vidal' }],
        },
      ],
    });
    expect(problemsOf(file.records[3])).toEqual(['checkIn:impossible_date:error']);
    const groups = [];
    for await (const group of groupBookingRecords(
      (async function* () {
        yield* file.records;
      })(),
    ))
      groups.push(group);
    expect(groups.map((g) => ('reference' in g ? `${g.reference}×${g.records.length}` : g.record))).toEqual([
      '1201×2',
      '1202×1',
      '1203×1',
    ]);
    const first = groups[0];
    expect(first && 'records' in first ? first.records[1]?.booking?.rooms[0]?.stayGuests : undefined).toEqual([
      { givenName: 'Luis', familyName: 'Ortega Vidal' },
    ]);
  });

  it('reads a Mailchimp audience export: quoted tags, MM/DD birthdays', async () => {
    const file = await readFixture('mailchimp.csv');
    expect(file.format).toBe('mailchimp');
    expect(file.records[0]?.person).toMatchObject({
      tags: ['VIP', 'Summer 2024'],
      birthMonthDay: '--03-25',
      address: { country: 'IT' },
    });
    expect(problemsOf(file.records[1])).toEqual(['birthDate:invalid_date:error']);
  });

  it('reads Google Contacts: middle name with the first name, " ::: " multi-values, system labels dropped', async () => {
    const file = await readFixture('google-contacts.csv');
    expect(file.format).toBe('google-contacts');
    expect(file.records[0]?.person).toMatchObject({
      givenName: 'John Michael',
      familyName: 'Doe',
      emails: ['john@example.com', 'john.doe@work.example.com', 'jd@example.org'],
      phones: [{ e164: '+447911123456' }, { e164: '+442079460958' }],
      birthMonthDay: '--05-03',
      tags: ['VIP'],
      address: { line1: '10 Downing St', city: 'London', country: 'GB' },
    });
    expect(problemsOf(file.records[1])).toEqual(['fullName:missing_name:error']);
  });

  it.each([
    ['outlook-en.csv', 'utf-8', 'Grace', "O'Neill", '+353871234567'],
    ['outlook-es.csv', 'windows-1252', 'Begoña', 'Ibáñez Muñoz', '+34612345680'],
    ['outlook-fr.csv', 'utf-16be', 'Hélène Marie', 'Lefèvre', '+33698765432'],
  ])('reads an Outlook contacts CSV (%s) with its translated headers', async (name, encoding, given, family, phone) => {
    const file = await readFixture(name);
    expect(file).toMatchObject({ format: 'outlook-contacts', encoding });
    expect(file.records[0]?.person).toMatchObject({ givenName: given, familyName: family });
    expect(file.records[0]?.person.phones.map((p) => p.e164)).toContain(phone);
  });

  it.each(['en', 'es', 'fr'])(
    'reads the Booking.com reservations XLSX in %s: "Last, First", numeric phone, date cells',
    async (language) => {
      const file = await readFixture(`booking-com-${language}.xlsx`);
      expect(file).toMatchObject({ kind: 'xlsx', format: 'booking-com' });
      const [lucia, john, nameless] = file.records;
      expect(lucia?.person).toMatchObject({
        givenName: 'Lucía',
        familyName: 'García Pérez',
        emails: [],
        phones: [{ e164: '+34612345685' }],
      });
      expect(lucia?.booking).toMatchObject({
        reference: '4012345678',
        checkIn: '2026-07-01',
        checkOut: '2026-07-03',
        rooms: [
          {
            stayGuests: [
              { givenName: 'Lucía', familyName: 'García Pérez' },
              { givenName: 'Pablo', familyName: 'Ruiz' },
            ],
          },
        ],
      });
      expect(john?.person).toMatchObject({ givenName: 'John', familyName: 'Smith', address: { country: 'GB' } });
      expect(nameless).toMatchObject({ record: 3, line: 4, rejected: true });
    },
  );

  it('reads an Airbnb reservations CSV (M/D/YYYY dates, single guest name, phone in Contact)', async () => {
    const file = await readFixture('airbnb.csv');
    expect(file.format).toBe('airbnb');
    expect(file.records[0]).toMatchObject({
      person: { givenName: 'Kenji', familyName: 'Watanabe', phones: [{ e164: '+819012345678' }] },
      booking: { reference: 'HMABCD1234', checkIn: '2026-08-14', checkOut: '2026-08-18' },
    });
    expect(file.records[1]?.person).toMatchObject({ givenName: 'Ana María', familyName: 'de los Santos' });
    expect(problemsOf(file.records[2])).toEqual(['fullName:missing_name:error']);
  });

  it('reads generic Spanish headers from Excel "Unicode text" (UTF-16 LE, tabs, trailing tab)', async () => {
    const file = await readFixture('generic-es.txt');
    expect(file).toMatchObject({ encoding: 'utf-16le', delimiter: '\t', format: 'generic' });
    expect(Object.keys(file.mapping)).toHaveLength(8); // the trailing tab is no column
    expect(file.records[0]?.person).toMatchObject({
      givenName: 'José',
      familyName: 'Núñez de Arce',
      birthDate: '1965-09-17',
      language: 'es',
      notes: ['Cliente "habitual"'],
    });
    expect(problemsOf(file.records[1])).toEqual(['email:invalid_email:error', 'birthDate:impossible_date:error']);
  });

  it('reads generic French headers: courriel, infolettre, an Excel serial date', async () => {
    const file = await readFixture('generic-fr.csv');
    expect(file.format).toBe('generic');
    expect(file.mapping).toMatchObject({
      Prénom: 'givenName',
      Nom: 'familyName',
      Courriel: 'email',
      Infolettre: 'newsletter',
    });
    expect(file.records[0]?.person.consents).toEqual([{ purpose: 'newsletter', granted: true, source: 'import' }]);
    expect(file.records[1]?.person.birthDate).toBe('2023-07-16');
    // A French mobile in a Belgian row with Spain as default: no country reads it, so it is a warning.
    expect(problemsOf(file.records[1])).toEqual(['phone:invalid_phone:warning']);
    expect(file.records[1]?.rejected).toBe(false);
  });

  it("reads the same French mobile when France is a default country (the property's, then the organisation's)", async () => {
    const file = await readFixture('generic-fr.csv', ['ES', 'FR']);
    expect(file.records[1]?.person.phones).toEqual([{ e164: '+33611223355', display: '0611223355' }]);
  });
});
