import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../../../test/support/app.ts';
import { engineName } from '../../../test/support/db.ts';
import { resolvePerson } from '../identity/index.ts';
import { fileInboundMail } from './inbound-receive.ts';
import { replyAddressFor } from './reply-address.ts';

const SITE = 'book.join.test';
const FROM = 'Hotel Join <reception@join.test>';

interface Thread {
  id: string;
  status: string;
  waitingForReply: boolean;
  guestId: string | null;
  messageCount: number;
  tags: string[];
  priority: string;
  messages: { direction: string; body: string; createdAt: string }[];
}

/** Issue 16 (M-2): merging two threads of the inbox. */
describe(`merging threads (${engineName})`, () => {
  let t: TestApp;
  let owner: Session;
  let reception: Session;
  let mine: string;
  let hidden: string;
  let n = 0;

  beforeAll(async () => {
    t = await createTestApp({ env: { MAIL_FROM: FROM } });
    owner = await t.login();
    await t.database.system.insertInto('siteHost').values({ orgId: t.orgId, host: SITE }).execute();
    const r = await t.addStaff('reception');
    reception = await t.login(r.email, r.password);
    const staff = await t.app.inject({ method: 'GET', url: '/api/v1/staff', headers: { cookie: owner.cookie } });
    const receptionId = staff
      .json<{ items: { id: string; email: string }[] }>()
      .items.find((s) => s.email === r.email)?.id;
    const contact = async (name: string, staffIds: string[]) => {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/hotel-contacts',
        headers: owner.headers,
        payload: { name, email: `${name.toLowerCase()}@join.test`, staffIds },
      });
      expect(res.statusCode, res.body).toBe(201);
      return res.json<{ id: string }>().id;
    };
    mine = await contact('Reception', receptionId ? [receptionId] : []);
    hidden = await contact('Manager', []);
  });
  afterAll(() => t.close());

  const write = async (email: string, message: string, hotelContactId = mine) => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/public/contact',
      headers: { host: SITE },
      remoteAddress: `198.51.100.${++n}`,
      payload: { hotelContactId, firstName: 'Ana', lastName: 'Join', email, subject: `Subject ${n}`, message },
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json<{ threadId: string }>().threadId;
  };
  const call = (method: 'GET' | 'POST' | 'PATCH', url: string, session: Session = owner, payload?: object) =>
    t.app.inject({ method, url, headers: method === 'GET' ? { cookie: session.cookie } : session.headers, payload });
  const thread = async (id: string) => {
    const res = await call('GET', `/api/v1/threads/${id}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json<Thread>();
  };
  const merge = (survivor: string, other: string, session: Session = owner) =>
    call('POST', `/api/v1/threads/${survivor}/merge`, session, { otherThreadId: other });

  it('moves the messages in time order, recomputes waiting and status, and keeps both reply tokens working', async () => {
    const a = await write('ana@example.org', 'First question');
    const b = await write('ana@example.org', 'Second question');
    // Both wait for a reply; a has a later internal note.
    const note = await call('POST', `/api/v1/threads/${a}/messages`, owner, { body: 'Answer one', internal: true });
    expect(note.statusCode).toBe(201);
    await call('PATCH', `/api/v1/threads/${b}`, owner, { tags: ['vip'], priority: 'high' });
    const before = (await call('GET', '/api/v1/threads?waitingForReply=true&limit=1')).json<{ total: number }>().total;
    const tokenOfB = (
      await t.database.system.selectFrom('thread').select('replyToken').where('id', '=', b).executeTakeFirstOrThrow()
    ).replyToken;

    const res = await merge(a, b);
    expect(res.statusCode, res.body).toBe(200);
    const merged = res.json<Thread>();
    expect(merged).toMatchObject({
      id: a,
      status: 'open',
      waitingForReply: true,
      messageCount: 3,
      priority: 'high',
      tags: ['vip'],
    });
    expect(merged.messages.map((m) => m.body)).toEqual(['First question', 'Second question', 'Answer one']);
    const times = merged.messages.map((m) => m.createdAt);
    expect([...times].sort()).toEqual(times);
    // Two waiting threads became one.
    expect((await call('GET', '/api/v1/threads?waitingForReply=true&limit=1')).json<{ total: number }>().total).toBe(
      before - 1,
    );

    // The merged thread's address names the survivor.
    const gone = await call('GET', `/api/v1/threads/${b}`);
    expect(gone.statusCode).toBe(404);
    expect(gone.json().error).toMatchObject({ code: 'thread_merged', details: [{ field: 'id', message: a }] });
    expect(
      (await call('GET', `/api/v1/threads?q=Second%20question`))
        .json<{ items: { id: string }[] }>()
        .items.map((x) => x.id),
    ).toEqual([a]);

    // An e-mail answer to the old thread's reply address lands in the survivor.
    const outcome = await fileInboundMail(
      t.database,
      {
        kind: 'message',
        files: [],
        fromAddress: 'ana@example.org',
        fromName: 'Ana Join',
        recipients: [replyAddressFor(FROM, tokenOfB).toLowerCase()],
        subject: 'Re: Subject',
        messageId: '<late-answer@example.org>',
        references: [],
        original: 'Still there?',
        body: 'Still there?',
      },
      resolvePerson,
      { mailFrom: FROM, publicUrl: 'http://localhost', attachments: { maxBytes: 1024 * 1024, maxFiles: 5 } },
    );
    expect(outcome).toMatchObject({ outcome: 'joined', threadId: a });
    expect((await thread(a)).messages.at(-1)?.body).toBe('Still there?');

    // Merging again into a third thread carries the alias along.
    const c = await write('ana@example.org', 'Third question');
    expect((await merge(c, a)).statusCode).toBe(200);
    const again = await call('GET', `/api/v1/threads/${b}`);
    expect(again.json().error.details[0].message).toBe(c);
    const second = await fileInboundMail(
      t.database,
      {
        kind: 'message',
        files: [],
        fromAddress: 'ana@example.org',
        fromName: 'Ana Join',
        recipients: [replyAddressFor(FROM, tokenOfB).toLowerCase()],
        subject: 'Re: Subject',
        messageId: '<later-answer@example.org>',
        references: [],
        original: 'Hello?',
        body: 'Hello?',
      },
      resolvePerson,
      { mailFrom: FROM, publicUrl: 'http://localhost', attachments: { maxBytes: 1024 * 1024, maxFiles: 5 } },
    );
    expect(second).toMatchObject({ outcome: 'joined', threadId: c });
    const audit = await t.database.system
      .selectFrom('auditLog')
      .select(['action', 'entityId'])
      .where('action', '=', 'thread.merged')
      .execute();
    expect(audit).toEqual(
      expect.arrayContaining([
        { action: 'thread.merged', entityId: a },
        { action: 'thread.merged', entityId: c },
      ]),
    );
  });

  it('keeps a thread answered when the merged one was answered last', async () => {
    const a = await write('bea@example.org', 'Old question');
    const b = await write('bea@example.org', 'New question');
    await t.database.system.updateTable('threadMessage').set({ direction: 'out' }).where('threadId', '=', b).execute();
    await t.database.system
      .updateTable('thread')
      .set({ waitingForReply: false, status: 'waiting_for_guest' })
      .where('id', '=', b)
      .execute();
    const merged = (await merge(a, b)).json<Thread>();
    expect(merged).toMatchObject({ waitingForReply: false, status: 'waiting_for_guest' });
  });

  it('refuses itself, two guests, unknown and hostile ids', async () => {
    const a = await write('carla@example.org', 'Hello');
    const b = await write('dora@example.org', 'Hello');
    const self = await merge(a, a);
    expect(self.statusCode).toBe(400);
    expect(self.json().error.code).toBe('same_thread');
    const guests = await merge(a, b);
    expect(guests.statusCode).toBe(409);
    expect(guests.json().error.code).toBe('thread_guest_mismatch');
    for (const other of ['thr_nope', 'x'.repeat(65), '', 'a\u0000b']) {
      const res = await merge(a, other);
      expect([400, 404], JSON.stringify(other)).toContain(res.statusCode);
      expect(res.json().error.code).toBeTruthy();
    }
    for (const payload of [{}, { otherThreadId: b, extra: 1 }, { otherThreadId: 42 }]) {
      const res = await call('POST', `/api/v1/threads/${a}/merge`, owner, payload);
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
    }
    expect((await merge('a\u0000b', a)).statusCode).toBeLessThan(500);
    expect((await thread(a)).messageCount).toBe(1);
  });

  it('needs credentials, threads:write, both threads visible and in the caller’s organisation', async () => {
    const a = await write('erin@example.org', 'Mine');
    const b = await write('erin@example.org', 'Hidden', hidden);
    expect(
      (await t.app.inject({ method: 'POST', url: `/api/v1/threads/${a}/merge`, payload: { otherThreadId: b } }))
        .statusCode,
    ).toBe(401);
    // Reception does not see the manager's queue: the thread is unknown to them.
    expect((await merge(a, b, reception)).statusCode).toBe(404);
    expect((await merge(b, a, reception)).statusCode).toBe(404);
    const other = await t.createOrg('Other join hotel');
    const otherOwner = await t.login(other.email, other.password);
    expect((await merge(a, b, otherOwner)).statusCode).toBe(404);
    const key = (await call('POST', '/api/v1/api-keys', owner, { name: 'Reader', scopes: ['threads:read'] })).json<{
      secret: string;
    }>().secret;
    const readOnly = await t.app.inject({
      method: 'POST',
      url: `/api/v1/threads/${a}/merge`,
      headers: { authorization: `Bearer ${key}` },
      payload: { otherThreadId: b },
    });
    expect(readOnly.statusCode).toBe(403);
    // Nothing moved.
    expect((await thread(a)).messageCount).toBe(1);
    expect((await thread(b)).messageCount).toBe(1);
    expect((await merge(a, b)).statusCode).toBe(200);
  });
});
