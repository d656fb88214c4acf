import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../../../test/support/app.ts';
import { engineName } from '../../../test/support/db.ts';
import { startSmtpServer, type TestSmtpServer } from '../../../test/support/smtp.ts';
import { runNextJob } from '../../jobs/queue.ts';
import { emailJobHandlers } from '../email/index.ts';

/** Issue 15 (C-3): a new contact with an e-mail is invited over the real SMTP path and sets a password. */
describe(`company contact invitation (${engineName})`, () => {
  let t: TestApp;
  let s: Session;
  let smtp: TestSmtpServer;

  beforeAll(async () => {
    smtp = await startSmtpServer();
    t = await createTestApp({ env: { SMTP_URL: smtp.url } });
    s = await t.login();
  });
  afterAll(async () => {
    await smtp.close();
    await t.close();
  });

  const drain = async () => {
    const handlers = emailJobHandlers({ smtpUrl: smtp.url, mailFrom: 'Hotel <hotel@hotel.test>' });
    while (await runNextJob(t.database.system, handlers));
  };
  const call = (method: 'GET' | 'POST', url: string, payload?: object) =>
    t.app.inject({ method, url, headers: s.headers, ...(payload ? { payload } : {}) });
  const company = async (name: string, language?: string) => {
    const r = await call('POST', '/api/v1/companies', { name, ...(language ? { language } : {}) });
    expect(r.statusCode, r.body).toBe(201);
    return r.json<{ id: string }>().id;
  };

  it('e-mails a one-time link in the contact’s language; the link sets their password and they sign in', async () => {
    const id = await company('Agence Lumière', 'fr');
    const added = await call('POST', `/api/v1/companies/${id}/contacts`, {
      firstName: 'Élodie',
      lastName: 'Marchand',
      email: 'elodie@lumiere.example',
      roles: ['purchasing', 'billing'],
    });
    expect(added.statusCode, added.body).toBe(201);
    expect(added.json().invitedAt).toEqual(expect.any(String));
    await drain();
    const mail = smtp.received.find((m) => m.to.includes('elodie@lumiere.example'));
    expect(mail?.subject).toMatch(/^Vous êtes contact de Agence Lumière chez /);
    expect(mail?.text).toContain('purchasing, billing');
    const token = decodeURIComponent(/set-password\?token=([^\s"'<&]+)/.exec(mail!.text)![1]!);
    const set = await t.app.inject({
      method: 'POST',
      url: '/api/v1/account/set-password',
      payload: { token, password: 'lumiere-contact-2027' },
    });
    expect(set.statusCode, set.body).toBeLessThan(300);
    const again = await t.app.inject({
      method: 'POST',
      url: '/api/v1/account/set-password',
      payload: { token, password: 'lumiere-contact-2028' },
    });
    expect(again.statusCode).toBeGreaterThanOrEqual(400);
    const login = await t.app.inject({
      method: 'POST',
      url: '/api/v1/account/login',
      payload: { email: 'elodie@lumiere.example', password: 'lumiere-contact-2027' },
    });
    expect(login.statusCode, login.body).toBe(200);

    // Added to a second company: she has a password now, so the invitation points at sign-in.
    const other = await company('Second Company');
    expect(
      (await call('POST', `/api/v1/companies/${other}/contacts`, { guestId: added.json().guestId })).statusCode,
    ).toBe(201);
    await drain();
    const second = smtp.received.filter((m) => m.to.includes('elodie@lumiere.example'));
    expect(second).toHaveLength(2);
    expect(second[1]!.text).toContain('/account/sign-in');
    expect(second[1]!.text).not.toContain('token=');
    const accounts = await t.database.system
      .selectFrom('customerAccount')
      .select(['status', 'origin'])
      .where('orgId', '=', t.orgId)
      .where('username', '=', 'elodie@lumiere.example')
      .execute();
    expect(accounts).toEqual([{ status: 'validated', origin: 'staff' }]);
  });

  it('sends nothing with invite: false or to a contact without an e-mail', async () => {
    const id = await company('Quiet Co');
    const before = smtp.received.length;
    const quiet = await call('POST', `/api/v1/companies/${id}/contacts`, {
      firstName: 'Quiet',
      lastName: 'Person',
      email: 'quiet@quiet.example',
      invite: false,
    });
    expect(quiet.json()).toMatchObject({ invitedAt: null });
    const walkIn = await call('POST', '/api/v1/guests', { firstName: 'No', lastName: 'Mail' });
    expect(walkIn.statusCode, walkIn.body).toBe(201);
    const noMail = await call('POST', `/api/v1/companies/${id}/contacts`, { guestId: walkIn.json().id });
    expect(noMail.json()).toMatchObject({ invitedAt: null });
    await drain();
    expect(smtp.received.length).toBe(before);
  });
});
