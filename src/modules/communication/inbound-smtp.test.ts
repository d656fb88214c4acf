import nodemailer, { type SendMailOptions } from 'nodemailer';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../../../test/support/app.ts';
import { engineName } from '../../../test/support/db.ts';
import { startSmtpServer, type ReceivedMail, type TestSmtpServer } from '../../../test/support/smtp.ts';
import { runNextJob } from '../../jobs/queue.ts';
import { emailJobHandlers } from '../email/index.ts';
import { resolvePerson } from '../identity/index.ts';
import { issueFormToken } from './form-token.ts';
import type { InboundOutcome } from './inbound-receive.ts';
import { startInboundSmtp, type InboundSmtp } from './inbound-smtp.ts';
import { stripQuoted } from './inbound-parse.ts';
import { tokenOfAddress } from './reply-address.ts';

const FROM = 'Hotel Miramar <reception@miramar.test>';
const SITE = 'book.miramar.test';

interface Thread {
  id: string;
  status: string;
  waitingForReply: boolean;
  guestId: string | null;
  hotelContactId: string | null;
  messageCount: number;
  messages: { id: string; direction: string; body: string; author: { type: string; name: string } }[];
}

/**
 * Issue 16 point 3, through the real mail path: a staff reply leaves through the outbox to an
 * in-process SMTP server; the guest's answer is sent with nodemailer to the inbound listener.
 */
describe(`inbound e-mail (${engineName})`, () => {
  let t: TestApp;
  let owner: Session;
  let outgoing: TestSmtpServer;
  let inbound: InboundSmtp;
  let contactId: string;
  const filed: InboundOutcome[] = [];
  let n = 0;

  beforeAll(async () => {
    outgoing = await startSmtpServer();
    t = await createTestApp({ env: { SMTP_URL: outgoing.url, MAIL_FROM: FROM } });
    owner = await t.login();
    await t.database.system.insertInto('siteHost').values({ orgId: t.orgId, host: SITE }).execute();
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/hotel-contacts',
      headers: owner.headers,
      payload: { name: 'Reservations', email: 'reservations@miramar.test' },
    });
    expect(res.statusCode, res.body).toBe(201);
    contactId = res.json<{ id: string }>().id;
    inbound = await startInboundSmtp({
      database: t.database,
      resolvePerson,
      logger: pino({ level: 'silent' }),
      port: 0,
      host: '127.0.0.1',
      maxBytes: 64 * 1024,
      domains: [],
      mailFrom: FROM,
      publicUrl: 'http://localhost:3000',
      attachments: { maxBytes: 1024 * 1024, maxFiles: 5 },
      onFiled: (o) => filed.push(o),
    });
  });
  afterAll(async () => {
    await inbound.close();
    await outgoing.close();
    await t.close();
  });

  const send = async (mail: SendMailOptions) => {
    const transport = nodemailer.createTransport({
      host: '127.0.0.1',
      port: inbound.port,
      secure: false,
      ignoreTLS: true,
    });
    try {
      return await transport.sendMail(mail);
    } finally {
      transport.close();
    }
  };
  const drain = async () => {
    const handlers = emailJobHandlers({ smtpUrl: outgoing.url, mailFrom: FROM });
    while (await runNextJob(t.database.system, handlers));
  };
  const thread = async (id: string) => {
    const res = await t.app.inject({ method: 'GET', url: `/api/v1/threads/${id}`, headers: { cookie: owner.cookie } });
    expect(res.statusCode, res.body).toBe(200);
    return res.json<Thread>();
  };

  /** A guest writes from the site, staff reply; returns the thread and the reply as the guest received it. */
  async function conversation(): Promise<{ threadId: string; email: string; reply: ReceivedMail }> {
    const email = `guest${++n}@example.org`;
    const form = await t.app.inject({
      method: 'POST',
      url: '/api/v1/public/contact',
      headers: { host: SITE },
      remoteAddress: `203.0.113.${n}`,
      payload: {
        hotelContactId: contactId,
        firstName: 'Lucía',
        lastName: `Fernández${n}`,
        email,
        subject: `Late arrival ${n}`,
        message: 'We arrive around midnight. Is that all right?',
        formToken: issueFormToken(t.orgId, Date.now() - 60_000),
      },
    });
    expect(form.statusCode, form.body).toBe(201);
    const threadId = form.json<{ threadId: string }>().threadId;
    const replied = await t.app.inject({
      method: 'POST',
      url: `/api/v1/threads/${threadId}/messages`,
      headers: owner.headers,
      payload: { body: 'Of course: the night porter will have your key.' },
    });
    expect(replied.statusCode, replied.body).toBe(201);
    await drain();
    const reply = outgoing.received.find((m) => m.to.includes(email));
    expect(reply, 'the staff reply reached the guest through the outbox').toBeDefined();
    return { threadId, email, reply: reply! };
  }

  it('joins the thread by the reply-address token, shows the answer without the quote and keeps the original', async () => {
    const { threadId, email, reply } = await conversation();
    const replyTo = reply.headers['reply-to'] ?? '';
    expect(tokenOfAddress(replyTo)).toMatch(/^[0-9a-f]{32}$/);
    expect((await thread(threadId)).status).toBe('waiting_for_guest');

    const text = [
      'Perfect, thank you!',
      '',
      '-- ',
      'Lucía Fernández',
      '',
      'On Mon, 7 Dec 2026 at 10:00, Hotel Miramar <reception@miramar.test> wrote:',
      '> Of course: the night porter will have your key.',
    ].join('\n');
    await send({ from: `Lucía <${email}>`, to: replyTo, subject: `Re: ${reply.subject}`, text });

    const after = await thread(threadId);
    expect(after.status).toBe('open');
    expect(after.waitingForReply).toBe(true);
    const last = after.messages.at(-1)!;
    expect(last.direction).toBe('in');
    expect(last.body).toBe('Perfect, thank you!');
    const stored = await t.database
      .forOrg(t.orgId)
      .selectFrom('threadMessage')
      .select(['originalBody', 'inboundMessageId'])
      .where('id', '=', last.id)
      .executeTakeFirstOrThrow();
    expect(stored.originalBody).toContain('> Of course: the night porter will have your key.');
    expect(stored.inboundMessageId).toMatch(/^<.+>$/);
    // The guest's subject-access document has the whole e-mail as well.
    const doc = await t.app.inject({
      method: 'GET',
      url: `/api/v1/guests/${after.guestId}/personal-data`,
      headers: { cookie: owner.cookie },
    });
    expect(doc.statusCode, doc.body).toBe(200);
    const exported = doc
      .json<{ sections: { threads: { id: string; messages: { id: string; originalBody: string | null }[] }[] } }>()
      .sections.threads.find((x) => x.id === threadId)!
      .messages.find((m) => m.id === last.id)!;
    expect(exported.originalBody).toBe(stored.originalBody);
  });

  it('joins the thread by In-Reply-To when the answer goes to the plain address, and stores a redelivery once', async () => {
    const { threadId, email, reply } = await conversation();
    expect(reply.messageId).toMatch(/^<.+@miramar\.test>$/);
    const mail = {
      from: email,
      to: 'reception@miramar.test',
      subject: `Re: ${reply.subject}`,
      text: 'See you tonight.',
      inReplyTo: reply.messageId,
      references: [reply.messageId],
      messageId: `<answer-${n}@example.org>`,
    };
    await send(mail);
    await send(mail);
    const after = await thread(threadId);
    expect(after.messages.filter((m) => m.body === 'See you tonight.')).toHaveLength(1);
    expect(after.waitingForReply).toBe(true);
    expect(after.status).toBe('open');
    expect(filed.at(-1)).toMatchObject({ outcome: 'duplicate', threadId });
  });

  it('records a bounce and an auto-reply on the thread without reopening it', async () => {
    const { threadId, email, reply } = await conversation();
    const before = await thread(threadId);
    expect(before.waitingForReply).toBe(false);

    const boundary = 'dsn-boundary';
    const dsn = [
      'From: Mail Delivery System <MAILER-DAEMON@mx.example.org>',
      'To: reception@miramar.test',
      'Subject: Undelivered Mail Returned to Sender',
      `Message-ID: <bounce-${n}@mx.example.org>`,
      'MIME-Version: 1.0',
      `Content-Type: multipart/report; report-type=delivery-status; boundary="${boundary}"`,
      '',
      `--${boundary}`,
      'Content-Type: text/plain',
      '',
      `The mail to <${email}> could not be delivered: mailbox full.`,
      `--${boundary}`,
      'Content-Type: message/delivery-status',
      '',
      'Reporting-MTA: dns; mx.example.org',
      '',
      `Final-Recipient: rfc822; ${email}`,
      'Action: failed',
      'Status: 5.2.2',
      `--${boundary}`,
      'Content-Type: text/rfc822-headers',
      '',
      `From: ${FROM}`,
      `To: ${email}`,
      `Message-ID: ${reply.messageId}`,
      `Subject: ${reply.subject}`,
      `--${boundary}--`,
      '',
    ].join('\r\n');
    await send({ envelope: { from: 'MAILER-DAEMON@mx.example.org', to: ['reception@miramar.test'] }, raw: dsn });
    expect(filed.at(-1)).toMatchObject({ outcome: 'noted', threadId });

    await send({
      from: email,
      to: reply.headers['reply-to'],
      subject: `Out of office: ${reply.subject}`,
      text: 'I am away until Monday.',
      headers: { 'Auto-Submitted': 'auto-replied' },
    });
    expect(filed.at(-1)).toMatchObject({ outcome: 'noted', threadId });

    const after = await thread(threadId);
    expect(after.status).toBe('waiting_for_guest');
    expect(after.waitingForReply).toBe(false);
    const notes = after.messages.filter((m) => m.direction === 'note');
    expect(notes.map((m) => m.author.name)).toEqual(['Delivery failure (bounce)', 'Automatic reply']);
    expect(notes[0]!.body).toContain('mailbox full');
    expect(after.messages.filter((m) => m.direction === 'in')).toHaveLength(1);
  });

  it('opens a new thread on the contact for an unknown sender, resolved to a profile', async () => {
    await send({
      from: 'Marc Dupont <marc.dupont@example.net>',
      to: 'reservations@miramar.test',
      subject: 'Groupe de 12 personnes',
      text: 'Bonjour, avez-vous de la place en mai ?\n\nEnvoyé de mon iPhone',
    });
    const outcome = filed.at(-1)!;
    expect(outcome.outcome).toBe('opened');
    const opened = await thread((outcome as { threadId: string }).threadId);
    expect(opened.hotelContactId).toBe(contactId);
    expect(opened.waitingForReply).toBe(true);
    expect(opened.messages.map((m) => m.body)).toEqual(['Bonjour, avez-vous de la place en mai ?']);
    const guest = await t.app.inject({
      method: 'GET',
      url: `/api/v1/guests/${opened.guestId}`,
      headers: { cookie: owner.cookie },
    });
    expect(guest.statusCode, guest.body).toBe(200);
    expect(guest.json<{ lastName: string }>().lastName).toBe('Dupont');
  });

  it('refuses mail for other domains and mail over the size limit, and drops auto-replies naming no thread', async () => {
    await expect(send({ from: 'x@example.org', to: 'someone@elsewhere.test', text: 'hi' })).rejects.toMatchObject({
      responseCode: 550,
    });
    await expect(
      send({ from: 'x@example.org', to: 'reservations@miramar.test', text: 'x'.repeat(100 * 1024) }),
    ).rejects.toMatchObject({ responseCode: 552 });
    const count = filed.length;
    await send({
      from: 'x@example.org',
      to: 'reservations@miramar.test',
      subject: 'Away',
      text: 'Away',
      headers: { Precedence: 'bulk' },
    });
    expect(filed.length).toBe(count + 1);
    expect(filed.at(-1)).toMatchObject({ outcome: 'dropped' });
    // Hostile input is stored or dropped, never an error: NUL bytes and a bad Message-ID.
    await send({
      from: 'y@example.org',
      to: 'reservations@miramar.test',
      subject: 'a\u0000b',
      text: 'c\u0000d',
      messageId: '<>',
    });
    expect(filed.at(-1)).toMatchObject({ outcome: 'opened' });
  });
});

describe('stripQuoted', () => {
  it('cuts quoted history in English, Spanish and French, Outlook headers and signatures', () => {
    expect(stripQuoted('Yes.\n\nEl lun, 7 dic 2026, Hotel escribió:\n> ¿Llega tarde?')).toBe('Yes.');
    expect(stripQuoted('Oui.\n\nLe lun. 7 déc. 2026, Hôtel a écrit :\n> Arrivée ?')).toBe('Oui.');
    expect(stripQuoted('Fine.\n\n-----Original Message-----\nFrom: Hotel')).toBe('Fine.');
    expect(stripQuoted('Fine.\n\nFrom: Hotel <r@h.test>\nSent: Monday')).toBe('Fine.');
    expect(stripQuoted('Fine.\nFrom: the airport we take a taxi.')).toBe('Fine.\nFrom: the airport we take a taxi.');
    expect(stripQuoted('Ok\n> quoted\nmy answer inline')).toBe('Ok\n> quoted\nmy answer inline');
    expect(stripQuoted('> only quoted')).toBe('');
  });
});
