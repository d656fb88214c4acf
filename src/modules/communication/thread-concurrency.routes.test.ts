import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ctx } from '../../core/context.ts';
import { createTestApp, type Session, type TestApp } from '../../../test/support/app.ts';
import { engineName } from '../../../test/support/db.ts';
import { receiveGuestMessage } from './index.ts';

const SITE = 'book.concurrency.test';

/** Issue 16: the waiting-for-reply count stays right when 50 guest messages arrive at once. */
describe(`waiting-for-reply count under concurrent messages (${engineName})`, () => {
  let t: TestApp;
  let owner: Session;
  let contactId: string;
  beforeAll(async () => {
    t = await createTestApp();
    owner = await t.login();
    await t.database.system.insertInto('siteHost').values({ orgId: t.orgId, host: SITE }).execute();
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/hotel-contacts',
      headers: owner.headers,
      payload: { name: 'Reception', email: 'reception@hotel.test' },
    });
    contactId = res.json<{ id: string }>().id;
  });
  afterAll(() => t.close());

  const waiting = async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/v1/threads?waitingForReply=true&limit=1',
      headers: { cookie: owner.cookie },
    });
    expect(res.statusCode, res.body).toBe(200);
    return res.json<{ total: number }>().total;
  };

  it('counts 50 contact-form messages sent at once as 50 threads waiting', async () => {
    const answers = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        t.app.inject({
          method: 'POST',
          url: '/api/v1/public/contact',
          headers: { host: SITE },
          remoteAddress: `192.0.2.${i + 1}`,
          payload: {
            hotelContactId: contactId,
            firstName: 'Guest',
            lastName: `Concurrent${i}`,
            email: `concurrent${i}@example.org`,
            subject: `Question ${i}`,
            message: 'Is breakfast included?',
          },
        }),
      ),
    );
    expect(answers.map((a) => a.statusCode)).toEqual(Array(50).fill(201));
    expect(await waiting()).toBe(50);
  });

  it('keeps one thread’s count and flag right when 50 guest messages race with staff replies', async () => {
    const list = await t.app.inject({
      method: 'GET',
      url: '/api/v1/threads?limit=3',
      headers: { cookie: owner.cookie },
    });
    const [a, b] = list.json<{ items: { id: string }[] }>().items.map((x) => x.id);
    const ctx: Ctx = {
      db: t.database.forOrg(t.orgId),
      orgId: t.orgId,
      actor: { actorType: 'system', actorId: null },
      requestId: null,
      permissions: 'system',
    };
    const reply = (id: string) =>
      t.app.inject({
        method: 'POST',
        url: `/api/v1/threads/${id}/messages`,
        headers: owner.headers,
        payload: { body: 'Yes, it is.' },
      });
    // Thread a: 50 incoming messages and 5 staff replies at once. Thread b: a staff reply only.
    const results = await Promise.all([
      ...Array.from({ length: 50 }, (_, i) =>
        ctx.db
          .transaction()
          .execute((trx) => receiveGuestMessage(ctx, trx, a!, { body: `follow-up ${i}`, authorName: 'Guest' })),
      ),
      ...Array.from({ length: 5 }, () => reply(a!)),
      reply(b!),
    ]);
    expect(results).toHaveLength(56);
    const thread = await t.app.inject({
      method: 'GET',
      url: `/api/v1/threads/${a}`,
      headers: { cookie: owner.cookie },
    });
    const body = thread.json<{ messageCount: number; waitingForReply: boolean; messages: { direction: string }[] }>();
    expect(body.messages).toHaveLength(56);
    expect(body.messageCount).toBe(56);
    // The flag follows the last message written: waiting if a guest wrote last, answered if staff did.
    expect(body.waitingForReply).toBe(body.messages.at(-1)?.direction === 'in');
    expect(await waiting()).toBe(48 + (body.waitingForReply ? 1 : 0));
    // A reply after the storm answers it.
    expect((await reply(a!)).statusCode).toBe(201);
    expect(await waiting()).toBe(48);
  });
});
