import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { simpleParser } from 'mailparser';
import nodemailer, { type SendMailOptions } from 'nodemailer';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../../../test/support/app.ts';
import { EXE, PDF, PNG, upload } from '../../../test/support/attachments.ts';
import { engineName } from '../../../test/support/db.ts';
import { startSmtpServer, type TestSmtpServer } from '../../../test/support/smtp.ts';
import { runNextJob } from '../../jobs/queue.ts';
import { emailJobHandlers } from '../email/index.ts';
import { resolvePerson } from '../identity/index.ts';
import type { InboundOutcome } from './inbound-receive.ts';
import { startInboundSmtp, type InboundSmtp } from './inbound-smtp.ts';
import { replyAddressFor } from './reply-address.ts';

const FROM = 'Hotel Miramar <reception@files.test>';

interface Message {
  id: string;
  direction: string;
  body: string;
  attachments: { id: string; fileName: string; contentType: string; size: number }[];
}

/** Issue 16 (M-3) through the real mail path: a reply's files leave as attachments, an e-mail's come in. */
describe(`thread attachments by e-mail (${engineName})`, () => {
  let t: TestApp;
  let owner: Session;
  let outgoing: TestSmtpServer;
  let inbound: InboundSmtp;
  let filesDir: string;
  const filed: InboundOutcome[] = [];

  beforeAll(async () => {
    filesDir = mkdtempSync(path.join(tmpdir(), 'clientela-attach-mail-'));
    outgoing = await startSmtpServer();
    t = await createTestApp({ env: { SMTP_URL: outgoing.url, MAIL_FROM: FROM, CLIENTELA_FILES_DIR: filesDir } });
    owner = await t.login();
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/hotel-contacts',
      headers: owner.headers,
      payload: { name: 'Reservations', email: 'reservations@files.test' },
    });
    expect(res.statusCode, res.body).toBe(201);
    inbound = await startInboundSmtp({
      database: t.database,
      resolvePerson,
      logger: pino({ level: 'silent' }),
      port: 0,
      host: '127.0.0.1',
      maxBytes: 4 * 1024 * 1024,
      domains: [],
      mailFrom: FROM,
      publicUrl: 'http://localhost:3000',
      attachments: t.config.attachments,
      onFiled: (o) => filed.push(o),
    });
  });
  afterAll(async () => {
    await inbound.close();
    await outgoing.close();
    await t.close();
    rmSync(filesDir, { recursive: true, force: true });
  });

  const send = async (mail: SendMailOptions) => {
    const transport = nodemailer.createTransport({
      host: '127.0.0.1',
      port: inbound.port,
      secure: false,
      ignoreTLS: true,
    });
    try {
      await transport.sendMail(mail);
    } finally {
      transport.close();
    }
  };
  const messagesOf = async (threadId: string) => {
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/v1/threads/${threadId}`,
      headers: { cookie: owner.cookie },
    });
    expect(res.statusCode, res.body).toBe(200);
    return res.json<{ messages: Message[] }>().messages;
  };

  it('files an e-mail’s images and PDF with the message, names the refused ones, and e-mails a reply’s files', async () => {
    await send({
      from: 'Greta Lind <greta@example.org>',
      to: 'reservations@files.test',
      subject: 'Booking documents',
      text: 'Hello, my documents are attached.',
      attachments: [
        { filename: 'passport.pdf', content: PDF, contentType: 'application/pdf' },
        { filename: 'tool.pdf', content: EXE, contentType: 'application/pdf' },
        { filename: 'photo.png', content: PNG, contentType: 'image/png' },
      ],
    });
    const opened = filed.at(-1);
    expect(opened).toMatchObject({ outcome: 'opened' });
    const threadId = (opened as { threadId: string }).threadId;
    const [incoming] = await messagesOf(threadId);
    expect(incoming!.attachments.map((a) => [a.fileName, a.contentType, a.size])).toEqual([
      ['passport.pdf', 'application/pdf', PDF.length],
      ['photo.png', 'image/png', PNG.length],
    ]);
    expect(incoming!.body).toContain('[Attachment not kept: tool.pdf');
    const got = await t.app.inject({
      method: 'GET',
      url: `/api/v1/threads/${threadId}/attachments/${incoming!.attachments[0]!.id}`,
      headers: { cookie: owner.cookie },
    });
    expect(got.rawPayload.equals(PDF)).toBe(true);

    // Staff reply with a file: the guest's e-mail carries it, byte for byte.
    const reply = await t.app.inject({
      method: 'POST',
      url: `/api/v1/threads/${threadId}/messages`,
      headers: owner.headers,
      payload: { body: 'Thank you. Here is your invoice.', attachments: [upload('invoice.pdf', PDF)] },
    });
    expect(reply.statusCode, reply.body).toBe(201);
    const handlers = emailJobHandlers({ smtpUrl: outgoing.url, mailFrom: FROM });
    while (await runNextJob(t.database.system, handlers));
    const received = outgoing.received.find((m) => m.to.includes('greta@example.org'));
    expect(received, 'the reply reached the guest').toBeDefined();
    const parsed = await simpleParser(received!.raw);
    expect(parsed.text).toContain('Here is your invoice.');
    expect(parsed.attachments.map((a) => [a.filename, a.contentType])).toEqual([['invoice.pdf', 'application/pdf']]);
    expect(parsed.attachments[0]!.content.equals(PDF)).toBe(true);
  });

  it('drops the files of a bounce or an auto-reply', async () => {
    await send({
      from: 'Hans Berg <hans@example.org>',
      to: 'reservations@files.test',
      subject: 'Question',
      text: 'Is breakfast included?',
    });
    const threadId = (filed.at(-1) as { threadId: string }).threadId;
    const { replyToken } = await t.database.system
      .selectFrom('thread')
      .select('replyToken')
      .where('id', '=', threadId)
      .executeTakeFirstOrThrow();
    await send({
      from: 'Hans Berg <hans@example.org>',
      to: replyAddressFor(FROM, replyToken),
      subject: 'Out of office',
      text: 'I am away until Monday.',
      headers: { 'Auto-Submitted': 'auto-replied' },
      attachments: [{ filename: 'signature.png', content: PNG }],
    });
    expect(filed.at(-1)).toMatchObject({ threadId });
    const messages = await messagesOf(threadId);
    expect(messages.map((m) => m.direction)).toEqual(['in', 'note']);
    expect(messages.flatMap((m) => m.attachments)).toEqual([]);
  });
});
