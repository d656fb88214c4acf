import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../../../test/support/app.ts';
import { engineName } from '../../../test/support/db.ts';
import { startSmtpServer, type TestSmtpServer } from '../../../test/support/smtp.ts';
import type { Ctx } from '../../core/context.ts';
import { jobHandlers } from '../../jobs/handlers.ts';
import { runNextJob } from '../../jobs/queue.ts';
import { emailJobHandlers, queueEmail, type EmailEvent } from './index.ts';

const FROM = 'Hotel Miramar <reservations@miramar.test>';

describe(`e-mail outbox over SMTP (${engineName})`, () => {
  let t: TestApp;
  let s: Session;
  let smtp: TestSmtpServer;
  let ctx: Ctx;
  beforeAll(async () => {
    smtp = await startSmtpServer();
    // SMTP configured: the mail log masks one-time links for everyone (issue 11, 19).
    t = await createTestApp({ env: { SMTP_URL: smtp.url } });
    s = await t.login();
    ctx = {
      db: t.database.forOrg(t.orgId),
      orgId: t.orgId,
      actor: { actorType: 'system', actorId: null },
      requestId: null,
      permissions: 'system' as const,
    };
  });
  afterAll(async () => {
    await smtp.close();
    await t.close();
  });

  /** Runs the e-mail jobs that are due, like the worker does, until none is left. */
  const drain = async (smtpUrl: string | null = smtp.url) => {
    const handlers = emailJobHandlers({ smtpUrl: smtpUrl ?? undefined, mailFrom: FROM });
    let ran = 0;
    while (await runNextJob(t.database.system, handlers)) ran++;
    return ran;
  };
  /** Brings every waiting attempt forward to now (instead of sleeping through the back-off). */
  const makeDue = async () => {
    const past = new Date(Date.now() - 1000);
    await t.database.system
      .updateTable('job')
      .set({ runAt: past })
      .where('name', '=', 'email.send')
      .where('status', '=', 'queued')
      .execute();
    await t.database.system
      .updateTable('emailMessage')
      .set({ nextAttemptAt: past })
      .where('status', '=', 'queued')
      .execute();
  };
  const queue = (message: {
    event?: EmailEvent;
    to: string;
    language?: string | null;
    data?: Record<string, unknown>;
    dedupeKey?: string;
  }) =>
    ctx.db.transaction().execute((trx) =>
      queueEmail(ctx, trx, {
        event: message.event ?? 'booking.confirmation',
        to: message.to,
        language: message.language,
        dedupeKey: message.dedupeKey,
        data: message.data ?? { firstName: 'Anna', reference: 'MIR-1', checkIn: '2027-01-10', checkOut: '2027-01-12' },
      }),
    );
  const row = (id: string) =>
    t.database.system.selectFrom('emailMessage').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const arrivalsTo = (to: string) => smtp.received.filter((m) => m.to.includes(to));
  const get = (url: string, session = s) => t.app.inject({ method: 'GET', url, headers: { cookie: session.cookie } });
  const send = (method: 'POST' | 'PUT', url: string, payload?: object, session = s) =>
    t.app.inject({ method, url, headers: session.headers, payload });

  it('delivers a queued message to the SMTP server with its subject, body, recipient and a stable Message-ID', async () => {
    const { id } = await queue({
      to: 'anna@guest.test',
      language: 'en',
      data: {
        firstName: 'Anna',
        reference: 'MIR-7K4Q2',
        checkIn: '2027-01-10',
        checkOut: '2027-01-12',
        roomType: 'Double',
        nights: 2,
        total: '290.00',
        currency: 'EUR',
        accountUrl: 'https://hotel.test/account',
        hotelName: 'Hotel Miramar',
      },
    });
    expect((await row(id)).status).toBe('queued');
    await drain();
    const [mail] = arrivalsTo('anna@guest.test');
    expect(arrivalsTo('anna@guest.test')).toHaveLength(1);
    expect(mail?.from).toBe('reservations@miramar.test');
    expect(mail?.subject).toBe('Your booking at Hotel Miramar is confirmed (MIR-7K4Q2)');
    expect(mail?.text).toContain('Dear Anna,');
    expect(mail?.text).toContain('Booking reference: MIR-7K4Q2');
    expect(mail?.text).toContain('Total: €290.00');
    expect(mail?.text).toContain('Arrival: 10 January 2027');
    expect(mail?.text).toContain('https://hotel.test/account');
    const sent = await row(id);
    expect(sent).toMatchObject({ status: 'sent', attempts: 1, lastError: null, nextAttemptAt: null });
    expect(sent.sentAt).toBeInstanceOf(Date);
    expect(sent.messageId).toBe(`<${id}@miramar.test>`);
    expect(mail?.messageId).toBe(sent.messageId);
    // Running the worker again sends nothing more.
    await makeDue();
    await drain();
    expect(arrivalsTo('anna@guest.test')).toHaveLength(1);
  });

  it('leaves nothing behind when the caller rolls back', async () => {
    await expect(
      ctx.db.transaction().execute(async (trx) => {
        await queueEmail(ctx, trx, { event: 'account.created', to: 'rollback@guest.test', data: {} });
        throw new Error('caller failed');
      }),
    ).rejects.toThrow('caller failed');
    const rows = await ctx.db
      .selectFrom('emailMessage')
      .select('id')
      .where('toAddress', '=', 'rollback@guest.test')
      .execute();
    expect(rows).toHaveLength(0);
    expect(await drain()).toBe(0);
  });

  it('uses the guest language, falls back to English, and fills hotelName from the organisation', async () => {
    const es = await queue({
      event: 'registration.validated',
      to: 'lucia@guest.test',
      language: 'es-ES',
      data: { firstName: 'Lucía' },
    });
    const de = await queue({
      event: 'registration.validated',
      to: 'jonas@guest.test',
      language: 'de',
      data: { firstName: 'Jonas' },
    });
    const none = await queue({
      event: 'registration.validated',
      to: 'nolang@guest.test',
      language: null,
      data: { firstName: 'Sam' },
    });
    await drain();
    const org = await t.database.system
      .selectFrom('organisation')
      .select('name')
      .where('id', '=', t.orgId)
      .executeTakeFirstOrThrow();
    const lucia = arrivalsTo('lucia@guest.test')[0];
    expect(lucia?.subject).toBe(`Bienvenido/a a ${org.name}: su cuenta está activa`);
    expect(lucia?.text).toContain('Estimado/a Lucía:');
    expect((await row(es.id)).language).toBe('es');
    expect(arrivalsTo('jonas@guest.test')[0]?.subject).toBe(`Welcome to ${org.name}: your account is active`);
    expect((await row(de.id)).language).toBe('en');
    expect((await row(none.id)).language).toBe('en');
  });

  it('renders the organisation’s edited template, and the default again after a reset', async () => {
    const put = await send('PUT', '/api/v1/email/templates/account.password_reset/fr', {
      subject: '{{hotelName}} — nouveau mot de passe pour {{firstName}}',
      bodyText: 'Bonjour {{firstName}}, cliquez ici : {{resetUrl}} (valable jusqu’au {{expiresAt}}).',
    });
    expect(put.statusCode, put.body).toBe(200);
    expect(put.json()).toMatchObject({ customised: true, language: 'fr', event: 'account.password_reset' });
    await queue({
      event: 'account.password_reset',
      to: 'claire@guest.test',
      language: 'fr',
      data: {
        firstName: 'Claire',
        resetUrl: 'https://hotel.test/r?token=abc',
        expiresAt: '2027-01-01 10:00',
        hotelName: 'Le Phare',
      },
    });
    await drain();
    const claire = arrivalsTo('claire@guest.test')[0];
    expect(claire?.subject).toBe('Le Phare — nouveau mot de passe pour Claire');
    expect(claire?.text).toBe(
      'Bonjour Claire, cliquez ici : https://hotel.test/r?token=abc (valable jusqu’au 2027-01-01 10:00).',
    );

    const list = await get('/api/v1/email/templates');
    expect(list.statusCode).toBe(200);
    expect(list.json().items).toHaveLength(36); // 12 events × 3 languages
    expect(
      list.json().events.find((e: { event: string }) => e.event === 'account.password_reset').placeholders,
    ).toEqual(['firstName', 'username', 'resetUrl', 'expiresAt', 'hotelName']);

    const reset = await send('POST', '/api/v1/email/templates/account.password_reset/fr/reset');
    expect(reset.statusCode).toBe(200);
    expect(reset.json()).toMatchObject({
      customised: false,
      subject: 'Réinitialisez votre mot de passe {{hotelName}}',
    });
    const again = await get('/api/v1/email/templates/account.password_reset/fr');
    expect(again.json().customised).toBe(false);
  });

  it('rejects unknown placeholders and broken mustache with a 400 naming the field', async () => {
    const unknown = await send('PUT', '/api/v1/email/templates/booking.confirmation/en', {
      subject: 'Booking {{reference}}',
      bodyText: 'Hello {{firstName}}, your code is {{password}}.',
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.code).toBe('invalid_template');
    expect(unknown.json().error.details).toEqual([
      expect.objectContaining({
        field: 'bodyText',
        code: 'unknown_placeholder',
        message: expect.stringContaining('{{password}}'),
      }),
    ]);

    const broken = await send('PUT', '/api/v1/email/templates/booking.confirmation/en', {
      subject: 'Booking {{#reference}}',
      bodyText: 'Hello {{firstName}}',
    });
    expect(broken.statusCode).toBe(400);
    expect(broken.json().error.details).toEqual([
      expect.objectContaining({ field: 'subject', code: 'template_syntax' }),
    ]);

    const html = await send('PUT', '/api/v1/email/templates/booking.confirmation/en', {
      subject: 'Booking',
      bodyText: 'Hello',
      bodyHtml: '<p>{{> header}}</p>',
    });
    expect(html.json().error.details[0]).toMatchObject({ field: 'bodyHtml', code: 'template_partial' });

    const empty = await send('PUT', '/api/v1/email/templates/booking.confirmation/en', { subject: ' ', bodyText: 'x' });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().error.details[0].field).toBe('subject');

    expect((await get('/api/v1/email/templates/booking.unknown/en')).statusCode).toBe(404);
    expect((await get('/api/v1/email/templates/booking.confirmation/de')).statusCode).toBe(404);
    // Nothing was saved.
    expect((await get('/api/v1/email/templates/booking.confirmation/en')).json().customised).toBe(false);
  });

  it('previews a draft with sample data, and validates it', async () => {
    const res = await send('POST', '/api/v1/email/templates/booking.confirmation/es/preview', {
      subject: 'Reserva {{reference}} para {{firstName}}',
    });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.subject).toBe('Reserva MIR-7K4Q2 para Anna');
    expect(body.bodyText).toContain('Localizador: MIR-7K4Q2'); // the saved (default) body
    expect(body.data.firstName).toBe('Anna');
    const bad = await send('POST', '/api/v1/email/templates/booking.confirmation/es/preview', { bodyText: '{{/x}}' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0].field).toBe('bodyText');
  });

  it('SMTP down: the message waits with its attempts and next attempt, then leaves exactly once when SMTP is back', async () => {
    const down = await startSmtpServer();
    const port = down.port;
    await down.close(); // nothing listens on the port now: connections are refused
    const url = `smtp://127.0.0.1:${port}`;
    const { id } = await queue({ to: 'outage@guest.test', language: 'en' });

    await drain(url);
    const waiting = await row(id);
    expect(waiting.status).toBe('queued');
    expect(waiting.attempts).toBe(1);
    expect(waiting.lastError).toMatch(/ECONNECTION|ECONNREFUSED|connect/i);
    expect(waiting.nextAttemptAt!.getTime()).toBeGreaterThan(Date.now());
    // Not due yet: the worker leaves it alone.
    await drain(url);
    expect((await row(id)).attempts).toBe(1);
    // A second failed attempt backs off further.
    await makeDue();
    await drain(url);
    const second = await row(id);
    expect(second).toMatchObject({ status: 'queued', attempts: 2 });
    expect(second.nextAttemptAt!.getTime() - Date.now()).toBeGreaterThan(45_000);

    const log = await get('/api/v1/email/messages?status=queued&to=outage');
    expect(log.json().items).toEqual([
      expect.objectContaining({
        id,
        status: 'queued',
        attempts: 2,
        nextAttemptAt: second.nextAttemptAt!.toISOString(),
      }),
    ]);

    // SMTP comes back on the same address; staff also press "retry" and two workers race.
    const back = await startSmtpServer(port);
    try {
      expect((await send('POST', `/api/v1/email/messages/${id}/retry`)).statusCode).toBe(200);
      await makeDue();
      const handlers = emailJobHandlers({ smtpUrl: url, mailFrom: FROM });
      const worker = async () => {
        while (await runNextJob(t.database.system, handlers)) {
          /* drain */
        }
      };
      await Promise.all([worker(), worker()]);
      await makeDue();
      await worker();
      expect(back.received.filter((m) => m.to.includes('outage@guest.test'))).toHaveLength(1);
      expect(await row(id)).toMatchObject({ status: 'sent', lastError: null });
      // A sent message cannot be retried.
      const retry = await send('POST', `/api/v1/email/messages/${id}/retry`);
      expect(retry.statusCode).toBe(400);
      expect(retry.json().error.code).toBe('email_already_sent');
    } finally {
      await back.close();
    }
  });

  it('marks a message failed at once when the server refuses the recipient for good', async () => {
    const { SMTPServer } = await import('smtp-server');
    const refusing = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onRcptTo(_address, _session, callback) {
        callback(Object.assign(new Error('5.1.1 No such user'), { responseCode: 550 }));
      },
    });
    await new Promise<void>((resolve) => refusing.listen(0, '127.0.0.1', () => resolve()));
    const port = (refusing.server.address() as { port: number }).port;
    try {
      const { id } = await queue({ to: 'nobody@guest.test' });
      await drain(`smtp://127.0.0.1:${port}`);
      const failed = await row(id);
      expect(failed).toMatchObject({ status: 'failed', attempts: 1, nextAttemptAt: null });
      expect(failed.lastError).toContain('550');
    } finally {
      await new Promise<void>((resolve) => refusing.close(() => resolve()));
    }
  });

  it('without SMTP_URL keeps messages held and listed in the mail log; releasing them sends them', async () => {
    const { id } = await queue({
      event: 'account.created',
      to: 'held@guest.test',
      data: {
        firstName: 'Held',
        username: 'held@guest.test',
        setPasswordUrl: 'https://hotel.test/account/set-password?token=s3cret-token',
      },
    });
    await drain(null); // no SMTP_URL
    expect(await row(id)).toMatchObject({ status: 'held', attempts: 0 });
    expect(arrivalsTo('held@guest.test')).toHaveLength(0);

    const log = await get('/api/v1/email/messages?status=held');
    expect(log.statusCode).toBe(200);
    expect(log.json().items.map((m: { id: string }) => m.id)).toContain(id);
    const detail = await get(`/api/v1/email/messages/${id}`);
    expect(detail.json()).toMatchObject({ id, status: 'held', to: 'held@guest.test', event: 'account.created' });
    // The one-time link is a secret of the recipient: masked in the log (SMTP is configured).
    expect(detail.json().linksRevealed).toBe(false);
    expect(detail.json().bodyText).toContain('set-password?token=••••••');
    expect(detail.json().bodyText).not.toContain('s3cret-token');

    const released = await send('POST', '/api/v1/email/messages/release-held');
    expect(released.json().released).toBeGreaterThanOrEqual(1);
    await drain();
    const [mail] = arrivalsTo('held@guest.test');
    expect(mail?.text).toContain('set-password?token=s3cret-token');
    expect(await row(id)).toMatchObject({ status: 'sent' });
  });

  it('deduplicates by dedupeKey within the organisation', async () => {
    const a = await queue({ to: 'dedupe@guest.test', dedupeKey: 'booking:MIR-1:confirmation' });
    const b = await queue({ to: 'dedupe@guest.test', dedupeKey: 'booking:MIR-1:confirmation' });
    expect(b.id).toBe(a.id);
    await drain();
    expect(arrivalsTo('dedupe@guest.test')).toHaveLength(1);
    await expect(queue({ to: 'not-an-address' })).rejects.toMatchObject({ code: 'invalid_email' });
  });

  it('filters the mail log, pages it, and keeps organisations apart', async () => {
    const page1 = await get('/api/v1/email/messages?limit=2');
    expect(page1.statusCode).toBe(200);
    expect(page1.json().items).toHaveLength(2);
    const page2 = await get(`/api/v1/email/messages?limit=2&cursor=${page1.json().nextCursor}`);
    const ids = [...page1.json().items, ...page2.json().items].map((m: { id: string }) => m.id);
    expect(new Set(ids).size).toBe(ids.length);
    const byEvent = await get('/api/v1/email/messages?event=registration.validated');
    expect(byEvent.json().items.every((m: { event: string }) => m.event === 'registration.validated')).toBe(true);
    expect(byEvent.json().items).toHaveLength(3);
    expect((await get('/api/v1/email/messages?status=bogus')).statusCode).toBe(400);

    const other = await t.createOrg('Other hotel');
    const os = await t.login(other.email, other.password);
    expect((await get('/api/v1/email/messages', os)).json().items).toEqual([]);
    expect((await get(`/api/v1/email/messages/${ids[0]}`, os)).statusCode).toBe(404);
    expect((await send('POST', `/api/v1/email/messages/${ids[0]}/retry`, undefined, os)).statusCode).toBe(404);
    const count = await sql<{
      n: number;
    }>`select count(*)::int as n from email_message where org_id = ${other.orgId}`.execute(t.database.system);
    expect(count.rows[0]?.n).toBe(0);
  });

  it('is wired into the worker’s handler table with the server’s SMTP_URL and MAIL_FROM', async () => {
    const { id } = await queue({ to: 'wired@guest.test' });
    const handlers = jobHandlers({ ...t.config, smtpUrl: smtp.url, mailFrom: 'Wired <wired@miramar.test>' });
    while (await runNextJob(t.database.system, handlers)) {
      /* drain */
    }
    expect(arrivalsTo('wired@guest.test')).toEqual([expect.objectContaining({ from: 'wired@miramar.test' })]);
    expect((await row(id)).messageId).toBe(`<${id}@miramar.test>`);
  });

  it('lets reception read the log but not edit templates', async () => {
    const reception = await t.addStaff('reception');
    const rs = await t.login(reception.email, reception.password);
    expect((await get('/api/v1/email/messages', rs)).statusCode).toBe(200);
    expect((await get('/api/v1/email/templates', rs)).statusCode).toBe(403);
    expect(
      (await send('PUT', '/api/v1/email/templates/booking.confirmation/en', { subject: 'x', bodyText: 'y' }, rs))
        .statusCode,
    ).toBe(403);
  });
});
