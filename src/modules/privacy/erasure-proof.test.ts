import { multipartBody } from '../imports/import-test-helpers.ts';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { LightMyRequestResponse } from 'fastify';
import { sql } from 'kysely';
import nodemailer from 'nodemailer';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../config/config.ts';
import { startServer, type Runtime } from '../../server/runtime.ts';
import { cookieOf, OWNER, TEST_ENCRYPTION_KEY } from '../../../test/support/app.ts';
import { engineName, TEST_DATABASE_URL } from '../../../test/support/db.ts';
import { captureLogger } from '../../../test/support/log-capture.ts';
import { documentNumberIndexes } from '../guests/index.ts';
import { startSmtpServer, type TestSmtpServer } from '../../../test/support/smtp.ts';
import { replyAddressFor } from '../communication/index.ts';
import { PNG, upload as attachment } from '../../../test/support/attachments.ts';

/**
 * Issue 12 point 2, the proof: a guest whose every field holds a marker is spread everywhere a real
 * server keeps data (bookings as customer and in a party, notes, mail sent over SMTP, a merge, history,
 * a customer account with a session and one-time links, a cart, a job, identity records), then erased.
 * Afterwards no marker is in any text/json column of any table, in the server's log, or in the files
 * the server wrote in its data directory (other than the database's own files).
 */
const M = {
  given: 'Zorvikmarker',
  family: 'Quellbrandmarker',
  second: 'Ostrimarker',
  native: 'Жорвикмаркер',
  email1: 'zorvik.one@markermail.example',
  email2: 'zorvik.two@markermail.example',
  email3: 'zorvik.three@markermail.example',
  street: 'Calle Markerstreet 77',
  house: 'Casa Markerhouse',
  postcode: 'MKR-4471',
  city: 'Markercity',
  document: 'MKDOC99231X',
  oldDocument: 'MKDOCOLD17',
  note: 'Notemarker prefers quiet rooms',
  allergy: 'markerpeanuts',
};
/** The phones as typed, in E.164 and as their national digits (every form is scanned for). */
const PHONES = [
  { typed: '+34 612 47 83 91', e164: '+34612478391', national: '612478391' },
  { typed: '+33 6 47 29 18 53', e164: '+33647291853', national: '647291853' },
  { typed: '+34 699 31 72 45', e164: '+34699317245', national: '699317245' },
];
const TEXT_MARKERS = [
  ...Object.values(M),
  ...PHONES.flatMap((p) => [p.typed, p.e164]),
  'markermail', // the e-mails' domain on its own (search words)
];
const DIGIT_MARKERS = PHONES.map((p) => p.national);

const day = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

describe(`erasure leaves nothing behind (${engineName})`, () => {
  const capture = captureLogger('debug');
  let smtp: TestSmtpServer;
  let dataDir: string;
  let pgName: string | undefined;
  let runtime: Runtime;
  let staff: { cookie: string; headers: Record<string, string> };

  const call = async (
    method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
    url: string,
    payload?: object,
    headers: Record<string, string> = staff.headers,
  ): Promise<LightMyRequestResponse> => runtime.app.inject({ method, url, headers, ...(payload ? { payload } : {}) });
  const ok = async (res: Promise<LightMyRequestResponse>, status = 200) => {
    const r = await res;
    expect(r.statusCode, `${r.statusCode} ${r.body}`).toBe(status);
    return r;
  };
  const db = () => runtime.database.system;
  const idleJobs = async () => {
    for (let i = 0; i < 300; i++) {
      const busy = await db()
        .selectFrom('job')
        .select('id')
        .where('status', 'in', ['queued', 'running'])
        .where('runAt', '<=', new Date())
        .execute();
      if (!busy.length) return;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error('jobs did not finish');
  };

  beforeAll(async () => {
    smtp = await startSmtpServer();
    dataDir = mkdtempSync(path.join(tmpdir(), 'clientela-erasure-'));
    let databaseUrl: string | undefined;
    if (TEST_DATABASE_URL) {
      pgName = `clientela_test_${randomBytes(6).toString('hex')}`;
      const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
      await admin.connect();
      await admin.query(`create database ${pgName}`);
      await admin.end();
      const url = new URL(TEST_DATABASE_URL);
      url.pathname = `/${pgName}`;
      databaseUrl = url.toString();
    }
    const config = loadConfig({
      NODE_ENV: 'test',
      PORT: '0',
      HOST: '127.0.0.1',
      CLIENTELA_DATA_DIR: dataDir,
      CLIENTELA_ADMIN_EMAIL: OWNER.email,
      CLIENTELA_ADMIN_PASSWORD: OWNER.password,
      LOG_LEVEL: 'debug',
      SMTP_URL: smtp.url,
      CLIENTELA_INBOUND_SMTP_PORT: '0',
      CLIENTELA_INBOUND_SMTP_HOST: '127.0.0.1',
      // On PostgreSQL the key comes from the environment; the embedded engine creates its key file.
      ...(databaseUrl ? { DATABASE_URL: databaseUrl, CLIENTELA_ENCRYPTION_KEY: TEST_ENCRYPTION_KEY } : {}),
    });
    runtime = await startServer(config, capture.logger);
    const login = await runtime.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: OWNER });
    const cookie = cookieOf(login);
    staff = { cookie, headers: { cookie, 'x-csrf-token': login.json<{ csrfToken: string }>().csrfToken } };
  }, 120_000);
  afterAll(async () => {
    await runtime?.stop();
    await smtp?.close();
    rmSync(dataDir, { recursive: true, force: true });
    if (pgName && TEST_DATABASE_URL) {
      const c = new pg.Client({ connectionString: TEST_DATABASE_URL });
      await c.connect();
      await c.query(`drop database if exists ${pgName} with (force)`);
      await c.end();
    }
  });

  it('spreads a marked guest everywhere, erases them, and finds no marker anywhere', async () => {
    // --- A hotel with a room type, another guest who stays, and the marked guest (two profiles, merged).
    const propertyId = (await ok(call('GET', '/api/v1/properties'))).json<{ items: { id: string }[] }>().items[0]!.id;
    const roomTypeId = (
      await ok(
        call('POST', `/api/v1/properties/${propertyId}/room-types`, {
          name: 'Double',
          capacity: 2,
          nightlyPrice: 100,
          roomCount: 20,
        }),
        201,
      )
    ).json<{ id: string }>().id;
    const guest = async (body: object) =>
      (await ok(call('POST', '/api/v1/guests', body), 201)).json<{ id: string }>().id;
    const other = await guest({ firstName: 'Otherperson', lastName: 'Keepme', email: 'keep.me@example.org' });
    const a = await guest({
      firstName: M.given,
      lastName: M.family,
      secondLastName: M.second,
      nativeName: M.native,
      emails: [{ email: M.email1, primary: true }, { email: M.email2 }],
      phones: [{ number: PHONES[0]!.typed, primary: true }, { number: PHONES[1]!.typed }],
      addresses: [{ name: M.house, street: M.street, postcode: M.postcode, city: M.city, country: 'ES' }],
      document: { type: 'passport', number: M.oldDocument, issuingCountry: 'ES' },
      birthDate: '1981-04-05',
    });
    const b = await guest({ firstName: M.given, lastName: M.family, email: M.email3, phone: PHONES[2]!.typed });
    await ok(call('POST', '/api/v1/guests/merge', { guestIds: [a, b], survivorId: a }), 201);
    // History: the document number changes (the old one stays in the history's values).
    await ok(
      call('PATCH', `/api/v1/guests/${a}`, {
        document: { type: 'passport', number: M.document, issuingCountry: 'ES' },
      }),
    );
    await ok(call('POST', `/api/v1/guests/${a}/notes`, { body: M.note }), 201);
    // Searched by e-mail and phone (the log must not keep the query).
    await ok(call('GET', `/api/v1/guests?q=${encodeURIComponent(M.email1)}`));
    await ok(call('GET', `/api/v1/guests?q=${encodeURIComponent(PHONES[0]!.typed)}`));

    // --- Bookings: their own (customer, by id and through the resolver), one as a party member, one naming them.
    const book = async (body: object) =>
      (
        await ok(
          call('POST', '/api/v1/bookings', {
            checkIn: day(30),
            checkOut: day(33),
            roomTypeId,
            source: 'ota',
            externalRef: `ext-${randomBytes(4).toString('hex')}`,
            ...body,
          }),
          201,
        )
      ).json<{ id: string; reference: string; total: number; currency: string }>();
    const own = await book({ customer: { guestId: a }, notes: `Allergic to ${M.allergy} — ${M.given}` });
    const resolved = await book({ customer: { firstName: M.given, lastName: M.family, email: M.email1 } });
    const party = await book({
      customer: { guestId: other },
      guests: [{ guestId: a }],
      notes: `Late arrival for ${M.given}`,
    });
    const naming = await book({
      customer: { guestId: other },
      notes: `Visiting ${M.given} ${M.family}, call ${PHONES[0]!.typed} or ${M.email2}`,
    });
    // --- A company (issue 15): the person is its purchasing contact, booked for it, named in its notes.
    const companyId = (
      await ok(
        call('POST', '/api/v1/companies', { name: 'Markerless Travel', notes: `Ask for ${M.given} ${M.family}` }),
        201,
      )
    ).json<{ id: string }>().id;
    // Without the invitation: the customer account below is made by registering (its e-mails are scanned too).
    await ok(
      call('POST', `/api/v1/companies/${companyId}/contacts`, { guestId: a, roles: ['purchasing'], invite: false }),
      201,
    );
    await ok(call('PATCH', `/api/v1/companies/${companyId}`, { notes: `Invoices to ${M.email2}` }));
    await ok(call('PATCH', `/api/v1/companies/${companyId}/contacts/${a}`, { roles: ['purchasing', 'billing'] }));
    const forCompany = await book({ customer: { guestId: other }, companyId, contactId: a });
    // A duplicate pair and its reasons (as the resolver's review queue writes them).
    const [ga, gb] = [a, other].sort();
    await db()
      .insertInto('duplicateCandidate')
      .values({
        orgId: (await db().selectFrom('guest').select('orgId').where('id', '=', a).executeTakeFirstOrThrow()).orgId,
        guestA: ga!,
        guestB: gb!,
        kind: 'related',
        score: 0.4,
        rule: 'shared_phone',
        reasons: JSON.stringify([{ field: 'phone', value: PHONES[0]!.e164, name: `${M.given} ${M.family}` }]),
      })
      .execute();
    // A running identity rescan's stored plan (steps naming the profile, with the decisions' reasons).
    const rescanOrg = (await db().selectFrom('guest').select('orgId').where('id', '=', a).executeTakeFirstOrThrow())
      .orgId;
    await db()
      .insertInto('identityRescan')
      .values({
        orgId: rescanOrg,
        id: 'rsc_erasure',
        status: 'running',
        phase: 'apply',
        total: 4,
        profiles: 2,
        jobId: null,
        heartbeatAt: null,
        failure: null,
        createdByType: 'system',
        createdById: 'test',
        startedAt: new Date(),
        finishedAt: null,
      })
      .execute();
    await db()
      .insertInto('identityRescanStep')
      .values([
        {
          orgId: rescanOrg,
          rescanId: 'rsc_erasure',
          seq: 1,
          kind: 'candidate',
          guestIds: [ga!, gb!],
          decisions: JSON.stringify({
            rule: 'resemblance',
            score: 0.5,
            weight: 1,
            reasons: [`${M.given} ${M.family}`],
          }),
        },
        {
          // Another pair whose reasons name the person (scrubbed, not deleted).
          orgId: rescanOrg,
          rescanId: 'rsc_erasure',
          seq: 2,
          kind: 'candidate',
          guestIds: [gb!, `${gb!}x`],
          decisions: JSON.stringify({ rule: 'resemblance', score: 0.5, weight: 1, reasons: [`like ${M.email1}`] }),
        },
      ])
      .execute();

    // --- A customer account: registration (e-mail over SMTP), password from the one-time link, a session,
    // a failed sign-in, a forgotten-password request (a job carrying the e-mail), a cart.
    await ok(
      runtime.app.inject({
        method: 'POST',
        url: '/api/v1/account/register',
        payload: { email: M.email1, firstName: M.given, lastName: M.family },
      }),
      201,
    );
    await idleJobs();
    const created = await db()
      .selectFrom('emailMessage')
      .select('bodyText')
      .where('event', '=', 'account.created')
      .where('toAddress', '=', M.email1)
      .executeTakeFirstOrThrow();
    const token = decodeURIComponent(/token=([^\s"'<&]+)/.exec(created.bodyText)![1]!);
    await ok(
      runtime.app.inject({
        method: 'POST',
        url: '/api/v1/account/set-password',
        payload: { token, password: 'marker-password-1' },
      }),
    );
    await runtime.app.inject({
      method: 'POST',
      url: '/api/v1/account/login',
      payload: { email: M.email1, password: 'wrong-password-1' },
    });
    const signIn = await ok(
      runtime.app.inject({
        method: 'POST',
        url: '/api/v1/account/login',
        payload: { email: M.email1, password: 'marker-password-1' },
      }),
    );
    const customerCookie = cookieOf(signIn);
    const accountGuest = signIn.json<{ customer: { guestId: string } }>().customer.guestId;
    if (accountGuest !== a)
      await ok(call('POST', '/api/v1/guests/merge', { guestIds: [a, accountGuest], survivorId: a }), 201);
    const accepted = (r: LightMyRequestResponse) => expect([200, 201, 202, 204], r.body).toContain(r.statusCode);
    accepted(
      await runtime.app.inject({
        method: 'POST',
        url: `/api/v1/public/properties/${propertyId}/cart/items`,
        headers: { cookie: customerCookie },
        payload: { roomTypeId, checkIn: day(60), checkOut: day(62), adults: 2 },
      }),
    );
    accepted(
      await runtime.app.inject({
        method: 'POST',
        url: '/api/v1/account/forgot-password',
        payload: { email: M.email1 },
      }),
    );
    // Exports (D-2): a file listing the person, and one searched by their name (the filters hold it).
    await ok(call('POST', '/api/v1/exports', { format: 'csv' }), 202);
    await ok(call('POST', '/api/v1/exports', { format: 'vcf', filters: { q: `${M.given} ${M.family}` } }), 202);
    await idleJobs();
    await smtp.waitFor(1);
    const exported = filesOf(path.join(dataDir, 'files', 'exports'), []);
    expect(exported.some((f) => readFileSync(f, 'utf8').includes(M.given))).toBe(true);
    expect(smtp.received.some((m) => m.to.includes(M.email1))).toBe(true);

    // --- An import dry run whose rejected record names them: the error report row and the kept upload.
    const upload = multipartBody(
      {
        name: 'guests.csv',
        content: `First name;Last name;Email;Birthday\n${M.given};${M.family};${M.email1};31/02/1980\n`,
      },
      { dryRun: 'true' },
    );
    accepted(
      await runtime.app.inject({
        method: 'POST',
        url: '/api/v1/imports',
        headers: { ...staff.headers, ...upload.headers },
        payload: upload.payload,
      }),
    );
    // --- Customer service (issue 16): a contact-form thread from one of their e-mails with a reply
    // e-mailed to them, and a colleague's note naming them in someone else's thread. Both carry a
    // file: theirs (named for them, their details inside) and the note's (named for them).
    const hotelContact = (
      await ok(call('POST', '/api/v1/hotel-contacts', { name: 'Reception', email: 'reception@hotel.example' }), 201)
    ).json<{ id: string }>().id;
    const writeToHotel = async (payload: object) =>
      (await ok(runtime.app.inject({ method: 'POST', url: '/api/v1/public/contact', payload }), 201)).json<{
        threadId: string;
      }>().threadId;
    const ownThread = await writeToHotel({
      hotelContactId: hotelContact,
      firstName: M.given,
      lastName: M.family,
      email: M.email2,
      phone: PHONES[1]!.typed,
      subject: `Stay of ${M.given}`,
      message: `${M.note}, ${M.street}`,
      attachments: [attachment(`${M.given} ${M.family}.pdf`, Buffer.from(`%PDF-1.4\n${M.note} ${M.email1}\n%%EOF\n`))],
    });
    await ok(
      call('POST', `/api/v1/threads/${ownThread}/messages`, { body: `Dear ${M.given} ${M.family}, noted.` }),
      201,
    );
    const otherThread = await writeToHotel({
      hotelContactId: hotelContact,
      firstName: 'Other',
      lastName: 'Writer',
      email: 'other.writer@example.org',
      subject: 'Parking',
      message: 'Is there parking?',
    });
    await ok(
      call('POST', `/api/v1/threads/${otherThread}/messages`, {
        body: `Travels with ${M.given} ${M.family} (${M.email1})`,
        internal: true,
        attachments: [attachment(`Booking of ${M.given} ${M.family}.png`, PNG)],
      }),
      201,
    );
    // The other writer answers by e-mail (inbound SMTP), quoting a message that names them: the
    // display text is without the quote, the kept original text holds it.
    const { replyToken } = await db()
      .selectFrom('thread')
      .select('replyToken')
      .where('id', '=', otherThread)
      .executeTakeFirstOrThrow();
    const inbound = nodemailer.createTransport({
      host: '127.0.0.1',
      port: runtime.inboundSmtpPort,
      secure: false,
      ignoreTLS: true,
    });
    await inbound
      .sendMail({
        from: 'other.writer@example.org',
        to: replyAddressFor('Clientela <no-reply@localhost>', replyToken),
        subject: 'Re: Parking',
        text: `Thanks!\n\nOn Monday, ${M.given} ${M.family} <${M.email1}> wrote:\n> Room for ${M.given} ${M.family}, ${M.email1}?`,
      })
      .finally(() => inbound.close());
    await idleJobs();
    // Everything above really holds the person: the scan finds them before the erasure.
    const before = await scan();
    const places = new Set(before.map((h) => h.split(' ')[0]));
    for (const place of [
      'guest.first_name',
      'guest.document_number_index',
      'guest.search_tokens',
      'guest_email.email',
      'guest_phone.e164',
      'guest_phone_suffix.suffix',
      'guest_address.street',
      'guest_note.body',
      'guest_history.old_value',
      'guest_merge.snapshot',
      'guest_merge.merged_names',
      'guest_search_token.token',
      'guest_name_key.key',
      'search_word.word',
      'booking.notes',
      'booking.contact_email',
      'cart.customer_name',
      'customer_account.username',
      'email_message.to_address',
      'email_message.body_text',
      'identity_decision.reasons',
      'duplicate_candidate.reasons',
      'identity_rescan_step.decisions',
      'job.payload',
      'login_throttle.key',
      'sign_in_device.account_key',
      'export_file.filters',
      'import_error.cells',
      'thread.contact_email',
      'thread_message.body',
      'thread_message.original_body',
      'thread_attachment.file_name',
      'company.notes',
      'company_history.old_value',
    ])
      expect(places.has(place), `markers in ${place} before erasure`).toBe(true);
    // The document number itself is encrypted at rest (P-5): only its keyed blind index is findable.
    expect(places.has('guest.document_number')).toBe(false);

    // --- Refused while a booking is upcoming; erased once the stays are over.
    const refused = await call('DELETE', `/api/v1/guests/${a}`);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe('guest_has_upcoming_bookings');
    await db()
      .updateTable('booking')
      .set({ checkIn: '2024-02-01', checkOut: '2024-02-04', status: 'checked_out' })
      .where('id', 'in', [own.id, resolved.id, party.id, naming.id, forCompany.id])
      .execute();
    const mergeIds = (await db().selectFrom('guestMerge').select('id').where('survivorId', '=', a).execute()).map(
      (m) => m.id,
    );
    expect(mergeIds.length).toBeGreaterThan(0);
    await ok(call('DELETE', `/api/v1/guests/${a}`), 204);
    await idleJobs();

    // --- Nothing left: database, log, data directory.
    expect(await scan()).toEqual([]);
    const log = capture.text();
    expect(log.length).toBeGreaterThan(1000);
    for (const marker of [...TEXT_MARKERS, ...DIGIT_MARKERS])
      expect(log.toLowerCase().includes(marker.toLowerCase()), `log holds ${marker}`).toBe(false);
    const files = filesOf(dataDir, engineName === 'embedded' ? ['pgdata'] : []);
    for (const file of files) {
      const text = readFileSync(file).toString('utf8').toLowerCase();
      for (const marker of TEXT_MARKERS)
        expect(text.includes(marker.toLowerCase()), `${file} holds ${marker}`).toBe(false);
    }

    // --- What stays: the past booking with its figures, the person shown as *****; the merge cannot come back.
    const kept = (await ok(call('GET', `/api/v1/bookings/${own.id}`))).json();
    expect(kept).toMatchObject({
      reference: own.reference,
      checkIn: '2024-02-01',
      checkOut: '2024-02-04',
      total: own.total,
      currency: own.currency,
      roomTypeId,
      source: 'ota',
      customerId: null,
      customerName: '*****',
    });
    // The company stays with its booking; the person is no longer its contact, nor the booking's.
    expect((await ok(call('GET', `/api/v1/bookings/${forCompany.id}`))).json()).toMatchObject({
      companyId,
      contactId: null,
    });
    expect((await ok(call('GET', `/api/v1/companies/${companyId}/contacts`))).json().items).toEqual([]);
    const companyHistory = (await ok(call('GET', `/api/v1/companies/${companyId}/history`))).json().items;
    expect(companyHistory.map((h: { field: string }) => h.field)).toEqual(['notes']);
    const stayed = (await ok(call('GET', `/api/v1/bookings/${party.id}`))).json();
    expect(stayed.notes).toBe('Late arrival for *****');
    expect(stayed.guests.map((g: { guestId: string }) => g.guestId)).toEqual([other]);
    for (const id of mergeIds) {
      const undo = await call('POST', `/api/v1/merges/${id}/undo`);
      expect(undo.statusCode).toBe(409);
      expect(undo.json().error.code).toBe('merge_erased');
    }
    const erased = await db().selectFrom('auditLog').selectAll().where('action', '=', 'guest.erased').execute();
    expect(erased).toHaveLength(1);
    expect(erased[0]!.entityId).toMatch(/^ers_/);
    expect(await db().selectFrom('auditLog').select('id').where('entityId', '=', a).execute()).toEqual([]);
    const vacuum = await db()
      .selectFrom('job')
      .selectAll()
      .where('name', '=', 'privacy.vacuum')
      .executeTakeFirstOrThrow();
    expect(vacuum.status).toBe('done');
    expect((vacuum.result as { vacuumed: string[] }).vacuumed).toEqual(
      expect.arrayContaining(['guest', 'booking', 'email_message']),
    );
    // Counters stay consistent with what is left.
    const counted = await sql<{ stats: string; real: string }>`
      select (select coalesce(sum(guest_count), 0) from guest_stats)::text as stats,
             (select count(*) from guest)::text as real`.execute(db());
    expect(counted.rows[0]!.stats).toBe(counted.rows[0]!.real);
    // The other guest is untouched.
    expect((await ok(call('GET', `/api/v1/guests/${other}`))).json()).toMatchObject({
      firstName: 'Otherperson',
      email: 'keep.me@example.org',
    });
  }, 240_000);

  /** The text markers and the documents' blind indexes under the server's key (installed at start-up). */
  const textMarkers = () => [...TEXT_MARKERS, ...[M.document, M.oldDocument].flatMap(documentNumberIndexes)];

  /** Every text, varchar, json, jsonb and array column of every table, searched for every marker: "table.column marker". */
  async function scan(): Promise<string[]> {
    const columns = await sql<{ table: string; column: string }>`
      select c.table_name as "table", c.column_name as "column"
        from information_schema.columns c
        join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
       where c.table_schema = current_schema() and t.table_type = 'BASE TABLE'
         and (c.data_type in ('text', 'character varying', 'character', 'json', 'jsonb', 'ARRAY', 'USER-DEFINED'))
       order by 1, 2`.execute(db());
    const hits: string[] = [];
    for (const { table, column } of columns.rows) {
      const col = sql`${sql.ref(column)}::text`;
      const found = await sql<{ marker: string }>`
        select m.marker from unnest(${sql.val(textMarkers())}::text[]) m(marker)
         where exists (select 1 from ${sql.table(table)} where ${col} ilike '%' || m.marker || '%')
        union all
        select d.marker from unnest(${sql.val(DIGIT_MARKERS)}::text[]) d(marker)
         where exists (select 1 from ${sql.table(table)} where regexp_replace(${col}, '[^0-9]', '', 'g') like '%' || d.marker || '%')`.execute(
        db(),
      );
      for (const f of found.rows) hits.push(`${table}.${column} ${f.marker}`);
    }
    return hits;
  }
});

/** The files under a directory, skipping the named subfolders (the database's own files). */
function filesOf(dir: string, skip: string[]): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    if (skip.includes(name)) continue;
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) out.push(...filesOf(full, []));
    else out.push(full);
  }
  return out;
}
