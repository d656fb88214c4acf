import { type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildWeb } from '../../scripts/build-web.mjs';
import { readFile } from 'node:fs/promises';
import { linkFromMail, signInToAccount } from '../support/account-browser.ts';
import { launchChromium } from '../support/browser.ts';
import { pdfText } from '../support/pdf-text.ts';
import { hasChromium } from '../support/environment.ts';
import { startSmtpServer, type TestSmtpServer } from '../support/smtp.ts';
import { staffApi, staffCaller } from '../support/staff-api.ts';
import { startTestServer } from '../support/test-server.ts';

const CONTACT = { firstName: 'Bruno', lastName: 'Keller', email: 'bruno.keller@acme.example' };
const PASSWORD = 'bruno-contact-password';

/** Issue 15, point 3: a company contact signs in and sees the Company page with their roles' sections. */
describe.skipIf(!hasChromium)('customer area: the Company page, in a real browser', () => {
  let smtp: TestSmtpServer;
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let reference = '';
  let companyId = '';

  beforeAll(async () => {
    buildWeb();
    smtp = await startSmtpServer();
    server = await startTestServer({ SMTP_URL: smtp.url, MAIL_FROM: 'My Hotel <hello@myhotel.test>' });
    const api = await staffCaller(server.url, server.admin);
    const post = (path: string, body: object) => api<Record<string, string>>('POST', path, body);
    const properties = await api<{ items: { id: string }[] }>('GET', '/properties');
    await post(`/properties/${properties.items[0]!.id}/room-types`, {
      name: 'Double',
      capacity: 2,
      nightlyPrice: 110,
      roomCount: 10,
    });
    companyId = (await post('/companies', { name: 'Acme Travel' })).id!;
    await post(`/companies/${companyId}/contacts`, { ...CONTACT, roles: ['billing', 'logistics'] });
    const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
    reference = (
      await post('/bookings', {
        source: 'api',
        externalRef: 'ACME-1',
        checkIn: day(20),
        checkOut: day(22),
        roomTypeName: 'double',
        total: 420,
        currency: 'EUR',
        companyId,
        customer: { firstName: 'Tomas', lastName: 'Traveller', email: 'tomas@travel.example' },
      })
    ).reference!;
    // The invitation e-mail's one-time link sets the contact's password.
    const link = await linkFromMail(smtp, CONTACT.email, '/account/set-password?token=');
    const token = new URL(link, server.url).searchParams.get('token')!;
    const set = await fetch(`${server.url}/api/v1/account/set-password`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token, password: PASSWORD }),
    });
    if (set.status >= 300) throw new Error(`set-password: ${set.status} ${await set.text()}`);
    browser = await launchChromium();
    context = await browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 900 } });
    page = await context.newPage();
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await server?.close();
    await smtp?.close();
  });

  it('shows bookings with amounts and a receipt (billing) and arrivals without prices (logistics)', async () => {
    await signInToAccount(page, server.url, { email: CONTACT.email, password: PASSWORD });
    await page.getByTestId('nav-company').click();
    const card = page.getByTestId(`company-${companyId}`);
    await card.waitFor();
    await expect.poll(() => card.innerText()).toContain('Acme Travel');
    const bookings = page.getByTestId('company-bookings');
    await expect.poll(() => bookings.innerText(), { timeout: 10_000 }).toContain(reference);
    expect(await bookings.innerText()).toMatch(/€420\.00/);
    const arrivals = page.getByTestId('company-arrivals');
    await expect.poll(() => arrivals.innerText(), { timeout: 10_000 }).toContain('Tomas Traveller');
    expect(await arrivals.innerText()).not.toMatch(/420/);
    expect(await page.getByTestId('company-support').count()).toBe(0);
    if (process.env.SCREENSHOTS) await page.screenshot({ path: '/tmp/account-company.png', fullPage: true });

    // The receipt link downloads the server-made PDF.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      bookings.getByText('Receipt').first().click(),
    ]);
    expect(download.suggestedFilename()).toBe(`receipt-${reference}.pdf`);
    const text = pdfText(await readFile(await download.path()));
    expect(text).toContain(reference);
    expect(text).toContain('€420.00');
    expect(text).toContain('Tomas Traveller');
  });

  it('support: writes to the hotel for the company and finds the thread among the company’s', async () => {
    const api = await staffApi(server.url, server.admin);
    await api.post('/hotel-contacts', {
      name: { en: 'Reservations', es: 'Reservas', fr: 'Réservations' },
      email: 'res@myhotel.test',
    });
    const { items } = (await api.get(`/companies/${companyId}/contacts`)) as { items: { guestId: string }[] };
    await api.patch(`/companies/${companyId}/contacts/${items[0]!.guestId}`, {
      roles: ['billing', 'logistics', 'support'],
    });
    await page.goto(`${server.url}/account/company`);
    await expect.poll(() => page.getByTestId('company-threads-empty').count(), { timeout: 10_000 }).toBe(1);
    await page.getByTestId('company-thread-new').click();
    await page.getByTestId('thread-contact').click();
    await page.getByRole('option', { name: 'Reservations' }).click();
    await page.getByTestId('thread-booking').click();
    await page.getByRole('option', { name: new RegExp(reference) }).click();
    await page.getByTestId('thread-new-subject').fill('Rooming list');
    await page.getByTestId('thread-new-message').fill('Tomás arrives late.');
    await page.getByTestId('thread-new-send').click();
    await page.waitForURL(/\/account\/company\/cmp_[^/]+\/messages\/thr_/);
    await expect.poll(() => page.getByTestId('thread-subject').innerText()).toBe('Rooming list');
    expect(await page.getByTestId('thread-message-in').innerText()).toContain('Bruno Keller');
    await page.getByRole('link', { name: 'Back to the company' }).click();
    const section = page.getByTestId('company-support');
    await expect.poll(() => section.innerText()).toContain('Rooming list');
    expect(await section.innerText()).toContain(reference);
  });
});
