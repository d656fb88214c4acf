import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../../../test/support/app.ts';
import { engineName } from '../../../test/support/db.ts';
import { resolvePerson } from '../identity/index.ts';
import { fileInboundMail } from './inbound-receive.ts';

const SITE = 'book.stream.test';

/** Reads a server-sent event stream until its text matches (or 10 s pass: then it fails). */
async function openStream(url: string, headers: Record<string, string>) {
  const controller = new AbortController();
  const res = await fetch(url, { headers, signal: controller.signal });
  const reader = res.body?.getReader();
  const decoder = new TextDecoder();
  let text = '';
  // A read still pending after a timeout is awaited next time round (its data is not lost).
  let pending: ReturnType<NonNullable<typeof reader>['read']> | undefined;
  return {
    res,
    /** The counts received so far, in order. */
    counts: () =>
      [...text.matchAll(/event: count\ndata: (\{.*\})\n\n/g)].map(
        (m) => JSON.parse(m[1] ?? '{}').waitingForReply as number,
      ),
    async until(done: () => boolean) {
      const deadline = Date.now() + 10_000;
      while (!done()) {
        if (Date.now() > deadline) throw new Error(`the stream never got there: ${text}`);
        if (!reader) throw new Error('no stream body');
        pending ??= reader.read();
        const chunk = await Promise.race([pending, new Promise<undefined>((r) => setTimeout(() => r(undefined), 500))]);
        if (!chunk) continue;
        pending = undefined;
        if (chunk.done) throw new Error(`stream ended: ${text}`);
        text += decoder.decode(chunk.value);
      }
    },
    close: () => controller.abort(),
  };
}

/** Issue 16 (M-2): the live count of threads waiting for a staff reply. */
describe(`the live waiting-for-reply stream (${engineName})`, () => {
  let t: TestApp;
  let owner: Session;
  let reception: Session;
  let base: string;
  let mine: string;
  let hidden: string;
  let n = 0;

  beforeAll(async () => {
    t = await createTestApp({ env: { MAIL_FROM: 'Hotel <reception@stream.test>' } });
    owner = await t.login();
    await t.database.system.insertInto('siteHost').values({ orgId: t.orgId, host: SITE }).execute();
    const r = await t.addStaff('reception');
    reception = await t.login(r.email, r.password);
    const staff = await t.app.inject({ method: 'GET', url: '/api/v1/staff', headers: { cookie: owner.cookie } });
    const receptionId = staff
      .json<{ items: { id: string; email: string }[] }>()
      .items.find((s) => s.email === r.email)?.id;
    const contact = async (name: string, staffIds: string[]) =>
      (
        await t.app.inject({
          method: 'POST',
          url: '/api/v1/hotel-contacts',
          headers: owner.headers,
          payload: { name, email: `${name.toLowerCase()}@stream.test`, staffIds },
        })
      ).json<{ id: string }>().id;
    mine = await contact('Reception', receptionId ? [receptionId] : []);
    hidden = await contact('Manager', []);
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
  });
  afterAll(() => t.close());

  const write = (hotelContactId: string, i = ++n) =>
    t.app.inject({
      method: 'POST',
      url: '/api/v1/public/contact',
      headers: { host: SITE },
      remoteAddress: `10.0.${Math.floor(i / 200)}.${i % 200}`,
      payload: {
        hotelContactId,
        firstName: 'Live',
        lastName: `Guest${i}`,
        email: `live${i}@example.org`,
        subject: `Question ${i}`,
        message: 'Is the pool open?',
      },
    });

  it('pushes the count at once, then after an incoming message, a staff reply and an e-mailed answer', async () => {
    const stream = await openStream(`${base}/api/v1/threads/stream`, { cookie: owner.cookie });
    expect(stream.res.status).toBe(200);
    expect(stream.res.headers.get('content-type')).toMatch(/text\/event-stream/);
    await stream.until(() => stream.counts().length === 1);
    const start = stream.counts()[0]!;

    const threadId = (await write(mine)).json<{ threadId: string }>().threadId;
    await stream.until(() => stream.counts().at(-1) === start + 1);

    const replied = await t.app.inject({
      method: 'POST',
      url: `/api/v1/threads/${threadId}/messages`,
      headers: owner.headers,
      payload: { body: 'Yes, until 10 pm.' },
    });
    expect(replied.statusCode, replied.body).toBe(201);
    await stream.until(() => stream.counts().at(-1) === start);

    const token = (
      await t.database.system
        .selectFrom('thread')
        .select('replyToken')
        .where('id', '=', threadId)
        .executeTakeFirstOrThrow()
    ).replyToken;
    const filed = await fileInboundMail(
      t.database,
      {
        kind: 'message',
        files: [],
        fromAddress: `live${n}@example.org`,
        fromName: 'Live Guest',
        recipients: [`reception+${token}@stream.test`],
        subject: 'Re: Question',
        messageId: `<answer-${n}@example.org>`,
        references: [],
        original: 'Thanks!',
        body: 'Thanks!',
      },
      resolvePerson,
      {
        mailFrom: 'Hotel <reception@stream.test>',
        publicUrl: 'http://localhost',
        attachments: { maxBytes: 1024 * 1024, maxFiles: 5 },
      },
    );
    expect(filed).toMatchObject({ outcome: 'joined', threadId });
    await stream.until(() => stream.counts().at(-1) === start + 1);
    stream.close();
  });

  it('counts only the threads the caller may see, and stays right under 50 messages at once', async () => {
    const own = await openStream(`${base}/api/v1/threads/stream`, { cookie: owner.cookie });
    const staff = await openStream(`${base}/api/v1/threads/stream`, { cookie: reception.cookie });
    await own.until(() => own.counts().length === 1);
    await staff.until(() => staff.counts().length === 1);
    const [ownStart, staffStart] = [own.counts()[0]!, staff.counts()[0]!];
    expect(staffStart).toBeLessThan(ownStart + 1);

    expect((await write(hidden)).statusCode).toBe(201);
    await own.until(() => own.counts().at(-1) === ownStart + 1);
    const answers = await Promise.all(Array.from({ length: 50 }, () => write(mine)));
    expect(answers.map((a) => a.statusCode)).toEqual(Array(50).fill(201));
    await own.until(() => own.counts().at(-1) === ownStart + 51);
    await staff.until(() => staff.counts().at(-1) === staffStart + 50);
    // The manager's thread never reached reception's count.
    expect(staff.counts().every((c) => c <= staffStart + 50)).toBe(true);
    own.close();
    staff.close();
  });

  it('needs credentials and threads:read', async () => {
    expect((await fetch(`${base}/api/v1/threads/stream`)).status).toBe(401);
    const key = (
      await t.app.inject({
        method: 'POST',
        url: '/api/v1/api-keys',
        headers: owner.headers,
        payload: { name: 'Guests only', scopes: ['guests:read'] },
      })
    ).json<{ secret: string }>().secret;
    const res = await fetch(`${base}/api/v1/threads/stream`, { headers: { authorization: `Bearer ${key}` } });
    expect(res.status).toBe(403);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('missing_permission');
    const other = await t.createOrg('Another stream hotel');
    const otherOwner = await t.login(other.email, other.password);
    const foreign = await openStream(`${base}/api/v1/threads/stream`, { cookie: otherOwner.cookie });
    await foreign.until(() => foreign.counts().length === 1);
    expect(foreign.counts()).toEqual([0]);
    foreign.close();
    const bad = await fetch(`${base}/api/v1/threads/stream?cursor=%00`, { headers: { cookie: owner.cookie } });
    expect(bad.status).toBe(400);
  });
});
