import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedInCustomer, type CustomerLogin } from '../../../test/support/accounts.ts';
import { createTestApp, type Session, type TestApp } from '../../../test/support/app.ts';
import { EXE, PDF, PNG, SVG, upload } from '../../../test/support/attachments.ts';
import { engineName } from '../../../test/support/db.ts';

interface Attachment {
  id: string;
  fileName: string;
  contentType: string;
  size: number;
}
interface Message {
  id: string;
  direction: string;
  attachments: Attachment[];
}

const SITE = 'book.attach.test';

/** Issue 16 (M-3): attachments of the contact form, the customer area and staff messages; downloads. */
describe(`thread attachments (${engineName})`, () => {
  let t: TestApp;
  let owner: Session;
  let contactId: string;
  let ana: CustomerLogin;
  let ben: CustomerLogin;
  let filesDir: string;
  let ip = 0;

  beforeAll(async () => {
    filesDir = mkdtempSync(path.join(tmpdir(), 'clientela-attach-'));
    t = await createTestApp({
      env: { CLIENTELA_FILES_DIR: filesDir, CLIENTELA_ATTACHMENT_MAX_MB: '1', CLIENTELA_ATTACHMENT_MAX_FILES: '3' },
    });
    owner = await t.login();
    await t.database.system.insertInto('siteHost').values({ orgId: t.orgId, host: SITE }).execute();
    const c = await t.app.inject({
      method: 'POST',
      url: '/api/v1/hotel-contacts',
      headers: owner.headers,
      payload: { name: 'Reception', email: 'reception@attach.test' },
    });
    contactId = c.json<{ id: string }>().id;
    ana = await signedInCustomer(t, 'ana.files@example.org', { firstName: 'Ana', lastName: 'Ruiz' });
    ben = await signedInCustomer(t, 'ben.files@example.org', { firstName: 'Ben', lastName: 'Okafor' });
  });
  afterAll(async () => {
    await t.close();
    rmSync(filesDir, { recursive: true, force: true });
  });

  const stored = () => readdirSync(path.join(filesDir, 'attachments'));
  const contact = (attachments: unknown[], extra: Record<string, unknown> = {}) =>
    t.app.inject({
      method: 'POST',
      url: '/api/v1/public/contact',
      headers: { host: SITE },
      remoteAddress: `198.51.100.${++ip}`,
      payload: {
        hotelContactId: contactId,
        firstName: 'Lucía',
        lastName: `Fernández${ip}`,
        email: `lucia${ip}@example.org`,
        subject: 'Passport copy',
        message: 'Please find my documents attached.',
        attachments,
        ...extra,
      },
    });
  const staffThread = async (id: string, session = owner) => {
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/v1/threads/${id}`,
      headers: { cookie: session.cookie },
    });
    expect(res.statusCode, res.body).toBe(200);
    return res.json<{ messages: Message[] }>();
  };
  const download = (url: string, headers: Record<string, string>) => t.app.inject({ method: 'GET', url, headers });
  const threadCount = async () =>
    Number(
      (
        await t.database.system
          .selectFrom('thread')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('keeps the contact form’s files under random names and serves them only as downloads', async () => {
    const res = await contact([upload('passport.pdf', PDF), upload('room.png', PNG)]);
    expect(res.statusCode, res.body).toBe(201);
    const threadId = res.json<{ threadId: string }>().threadId;
    const [first] = (await staffThread(threadId)).messages;
    expect(first!.attachments.map((a) => [a.fileName, a.contentType, a.size])).toEqual([
      ['passport.pdf', 'application/pdf', PDF.length],
      ['room.png', 'image/png', PNG.length],
    ]);
    const names = stored();
    expect(names).toHaveLength(2);
    for (const name of names) expect(name).toMatch(/^att_[0-9a-f]{48}$/);

    const pdf = await download(`/api/v1/threads/${threadId}/attachments/${first!.attachments[0]!.id}`, {
      cookie: owner.cookie,
    });
    expect(pdf.statusCode).toBe(200);
    expect(pdf.rawPayload.equals(PDF)).toBe(true);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.headers['content-disposition']).toBe(
      `attachment; filename="passport.pdf"; filename*=UTF-8''passport.pdf`,
    );
    expect(pdf.headers['x-content-type-options']).toBe('nosniff');
    expect(pdf.headers['content-security-policy']).toContain('sandbox');
  });

  it('refuses hostile files by content with 400/413 naming the file, and stores nothing', async () => {
    const threadsBefore = await threadCount();
    const filesBefore = stored().length;
    const big = Buffer.concat([PDF, Buffer.alloc(1024 * 1024, 0x20)]);
    const cases: [unknown[], number, string, string][] = [
      [[upload('invoice.pdf', EXE)], 400, 'attachment_type_refused', 'invoice.pdf'],
      [[upload('map.svg', SVG)], 400, 'attachment_type_refused', 'map.svg'],
      [[upload('plan.png', SVG)], 400, 'attachment_type_refused', 'plan.png'],
      [[upload('ok.pdf', PDF), upload('huge.pdf', big)], 413, 'attachment_too_large', 'huge.pdf'],
      [[upload('empty.pdf', Buffer.alloc(0))], 400, 'invalid_request', ''],
      [[1, 2, 3, 4].map((i) => upload(`p${i}.pdf`, PDF)), 400, 'too_many_attachments', ''],
      [[{ fileName: 'x.pdf', contentBase64: '%%%not base64' }], 400, 'invalid_request', ''],
      [[{ fileName: 'x.pdf', contentBase64: PDF.toString('base64'), path: '/etc' }], 400, 'invalid_request', ''],
      [[{ fileName: 'x'.repeat(256), contentBase64: PDF.toString('base64') }], 400, 'invalid_request', ''],
    ];
    for (const [files, status, code, named] of cases) {
      const res = await contact(files);
      expect(res.statusCode, res.body.slice(0, 200)).toBe(status);
      const error = res.json<{ error: { code: string; message: string } }>().error;
      if (code !== 'invalid_request') expect(error.code).toBe(code);
      if (named) expect(error.message).toContain(named);
    }
    expect(await threadCount()).toBe(threadsBefore);
    expect(stored()).toHaveLength(filesBefore);
  });

  it('sanitises hostile names (no folders, no control characters, never a path) and refuses NUL bytes', async () => {
    const nul = await contact([upload('evil\u0000.pdf', PDF)]);
    expect(nul.statusCode).toBe(400);
    expect(nul.json<{ error: { code: string } }>().error.code).toBe('nul_character');
    const res = await contact([
      upload('../../../etc/passwd.pdf', PDF),
      upload('C:\\Windows\\evil\u0007\n.png', PNG),
      upload('...', PDF),
    ]);
    expect(res.statusCode, res.body).toBe(201);
    const [first] = (await staffThread(res.json<{ threadId: string }>().threadId)).messages;
    expect(first!.attachments.map((a) => a.fileName)).toEqual(['passwd.pdf', 'evil.png', 'attachment.pdf']);
    for (const name of stored()) expect(name).toMatch(/^att_[0-9a-f]{48}$/);
  });

  it('lets a guest attach from the account and download their own threads’ files, never notes’', async () => {
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/account/threads',
      headers: ana.headers,
      payload: {
        hotelContactId: contactId,
        subject: 'Invoice',
        message: 'My company’s details attached.',
        attachments: [upload('company.pdf', PDF)],
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    const thread = created.json<{ id: string; messages: Message[] }>();
    const guestFile = thread.messages[0]!.attachments[0]!;
    expect(guestFile).toMatchObject({ fileName: 'company.pdf', contentType: 'application/pdf' });
    const note = await t.app.inject({
      method: 'POST',
      url: `/api/v1/threads/${thread.id}/messages`,
      headers: owner.headers,
      payload: { body: 'Internal: checked the VAT number', internal: true, attachments: [upload('vat.png', PNG)] },
    });
    expect(note.statusCode, note.body).toBe(201);
    const noteFile = note.json<Message>().attachments[0]!;
    const answered = await t.app.inject({
      method: 'POST',
      url: `/api/v1/account/threads/${thread.id}/messages`,
      headers: ana.headers,
      payload: { body: 'And the purchase order.', attachments: [upload('po.png', PNG)] },
    });
    expect(answered.statusCode, answered.body).toBe(201);
    expect(answered.json<Message>().attachments.map((a) => a.fileName)).toEqual(['po.png']);

    const seen = await t.app.inject({
      method: 'GET',
      url: `/api/v1/account/threads/${thread.id}`,
      headers: { cookie: ana.cookie },
    });
    const files = seen.json<{ messages: Message[] }>().messages.flatMap((m) => m.attachments.map((a) => a.fileName));
    expect(files).toEqual(['company.pdf', 'po.png']);

    const base = `/api/v1/account/threads/${thread.id}/attachments`;
    const own = await download(`${base}/${guestFile.id}`, { cookie: ana.cookie });
    expect(own.statusCode).toBe(200);
    expect(own.rawPayload.equals(PDF)).toBe(true);
    expect(own.headers['content-disposition']).toMatch(/^attachment;/);
    expect((await download(`${base}/${noteFile.id}`, { cookie: ana.cookie })).statusCode).toBe(404);
    expect((await download(`${base}/${guestFile.id}`, { cookie: ben.cookie })).statusCode).toBe(404);
    expect((await download(`${base}/${guestFile.id}`, {})).statusCode).toBe(401);
    // Staff see the note's file.
    const staffNote = await download(`/api/v1/threads/${thread.id}/attachments/${noteFile.id}`, {
      cookie: owner.cookie,
    });
    expect(staffNote.statusCode).toBe(200);
    expect(staffNote.headers['content-type']).toBe('image/png');
  });

  it('guards the staff download: credentials, organisation, scope, queue and thread', async () => {
    const res = await contact([upload('id.pdf', PDF)]);
    const threadId = res.json<{ threadId: string }>().threadId;
    const fileId = (await staffThread(threadId)).messages[0]!.attachments[0]!.id;
    const url = `/api/v1/threads/${threadId}/attachments/${fileId}`;
    expect((await download(url, {})).statusCode).toBe(401);

    const other = await t.createOrg('Other attach hotel');
    const otherOwner = await t.login(other.email, other.password);
    const foreign = await download(url, { cookie: otherOwner.cookie });
    expect(foreign.statusCode).toBe(404);
    expect(foreign.json<{ error: { code: string } }>().error.code).toBe('thread_not_found');

    const key = async (scopes: string[]) =>
      (
        await t.app.inject({
          method: 'POST',
          url: '/api/v1/api-keys',
          headers: owner.headers,
          payload: { name: 'Files', scopes },
        })
      ).json<{ secret: string }>().secret;
    expect((await download(url, { authorization: `Bearer ${await key(['guests:read'])}` })).statusCode).toBe(403);
    expect((await download(url, { authorization: `Bearer ${await key(['threads:read'])}` })).statusCode).toBe(200);

    // Reception is not on this contact's staff: the thread (and its files) do not exist for them.
    const r = await t.addStaff('reception');
    const reception = await t.login(r.email, r.password);
    expect((await download(url, { cookie: reception.cookie })).statusCode).toBe(404);

    // Another thread's id with this file, unknown and hostile ids: 404 or 400, never 5xx.
    const second = (await contact([])).json<{ threadId: string }>().threadId;
    expect(
      (await download(`/api/v1/threads/${second}/attachments/${fileId}`, { cookie: owner.cookie })).statusCode,
    ).toBe(404);
    for (const bad of ['att_nope', encodeURIComponent('../../etc/passwd'), '%00', 'x'.repeat(65)]) {
      const res = await download(`/api/v1/threads/${threadId}/attachments/${bad}`, { cookie: owner.cookie });
      expect([400, 404], bad).toContain(res.statusCode);
      expect(res.json<{ error: { code: string } }>().error.code).toBeTruthy();
    }
  });
});
