import { type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildWeb } from '../../scripts/build-web.mjs';
import { linkFromMail, setPasswordFromLink, signInToAccount } from '../support/account-browser.ts';
import { launchChromium, signInToAdmin } from '../support/browser.ts';
import { pdfText } from '../support/pdf-text.ts';
import { hasChromium } from '../support/environment.ts';
import { startSmtpServer, type TestSmtpServer } from '../support/smtp.ts';
import { startTestServer } from '../support/test-server.ts';

const BUYER = {
  firstName: 'Marta',
  lastName: 'Ibáñez',
  email: 'marta@viajesnorte.example',
  password: 'norte-purchasing-2027',
};
const BILLING = {
  firstName: 'Bruno',
  lastName: 'Cobos',
  email: 'bruno@viajesnorte.example',
  password: 'norte-billing-2027',
};

/**
 * Issue 15 "done when": register as a company on /book → staff validate it in /admin → the purchasing
 * contact signs in and books at the company price → a billing contact (added by staff) downloads the
 * receipt from /account.
 */
describe.skipIf(!hasChromium)('company registration to company booking, in a real browser', () => {
  let smtp: TestSmtpServer;
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  let staffHeaders: Record<string, string>;

  const api = async (method: string, path: string, body?: object) => {
    const res = await fetch(`${server.url}/api/v1${path}`, {
      method,
      headers: staffHeaders,
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
    return (await res.json()) as Record<string, unknown>;
  };
  const newPage = async (): Promise<Page> => {
    const context = await browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 900 } });
    contexts.push(context);
    return context.newPage();
  };

  beforeAll(async () => {
    buildWeb();
    smtp = await startSmtpServer();
    server = await startTestServer({ SMTP_URL: smtp.url, MAIL_FROM: 'My Hotel <hello@myhotel.test>' });
    const login = await fetch(`${server.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(server.admin),
    });
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const { csrfToken } = (await login.json()) as { csrfToken: string };
    staffHeaders = { cookie, 'x-csrf-token': csrfToken, 'content-type': 'application/json' };
    const properties = (await api('GET', '/properties')) as { items: { id: string }[] };
    await api('POST', `/properties/${properties.items[0]!.id}/room-types`, {
      name: 'Double',
      capacity: 2,
      nightlyPrice: 100,
      roomCount: 10,
    });
    browser = await launchChromium();
  }, 300_000);

  afterAll(async () => {
    for (const c of contexts) await c.close();
    await browser?.close();
    await server?.close();
    await smtp?.close();
  });

  it('registers, is validated, books at the company price, and billing downloads the receipt', async () => {
    // 1. A company registers on the booking site.
    const buyer = await newPage();
    await buyer.goto(`${server.url}/book`);
    await buyer.getByTestId('site-register-company-link').click();
    await buyer.getByTestId('company-registration-form').waitFor();
    const shownAt = Date.now();
    await buyer.getByTestId('register-name').fill('Viajes Norte');
    await buyer.getByTestId('register-legalName').fill('Viajes Norte S.L.');
    await buyer.getByTestId('register-taxId').fill('B12345674');
    await buyer.getByTestId('register-city').fill('Bilbao');
    await buyer.getByTestId('register-country').fill('ES');
    await buyer.getByTestId('register-firstName').fill(BUYER.firstName);
    await buyer.getByTestId('register-lastName').fill(BUYER.lastName);
    await buyer.getByTestId('register-email').fill(BUYER.email);
    await buyer.getByTestId('register-password').fill(BUYER.password);
    // A person takes more than the form's few seconds (faster is a robot, quietly dropped).
    await buyer.waitForTimeout(Math.max(0, 3500 - (Date.now() - shownAt)));
    await buyer.getByTestId('register-company-submit').click();
    await buyer.getByTestId('company-registration-sent').waitFor();
    await buyer.goto(`${server.url}${await linkFromMail(smtp, BUYER.email, '/account/verify-email')}`);
    await buyer.getByTestId('go-sign-in').waitFor();

    // 2. Staff see it beside nothing similar, give it the Corporate group and its discount, and validate it.
    const group = await api('POST', '/groups', { name: 'Corporate', discountPercent: 10 });
    const staff = await newPage();
    await signInToAdmin(staff, server.url, server.admin);
    await staff.goto(`${server.url}/admin/settings/accounts?tab=companies`);
    const card = staff.getByTestId('company-registration').filter({ hasText: 'Viajes Norte' });
    await card.waitFor();
    expect(await card.innerText()).toContain('B12345674');
    expect(await card.innerText()).toContain(`${BUYER.firstName} ${BUYER.lastName}`);
    await card.getByTestId('no-candidates').waitFor();
    const companies = (await api('GET', '/companies?status=new')) as { items: { id: string; name: string }[] };
    const companyId = companies.items.find((c) => c.name === 'Viajes Norte')!.id;
    await api('PATCH', `/companies/${companyId}`, { groupId: group.id, discount: 5 });
    if (process.env.SCREENSHOTS) await staff.screenshot({ path: '/tmp/company-registrations.png', fullPage: true });
    await card.getByTestId('validate-company').click();
    await staff.getByTestId('company-registrations-empty').waitFor();
    await linkFromMail(smtp, BUYER.email, '/book');

    // 3. The purchasing contact signs in and books for the company: 2 nights × 100, −10 % then −5 % = 171.00.
    await signInToAccount(buyer, server.url, BUYER);
    await buyer.goto(`${server.url}/book`);
    const room = buyer.getByTestId('room-card').filter({ hasText: 'Double' });
    await room.getByTestId('add-to-cart').click();
    await buyer.getByTestId('cart-item').first().waitFor();
    await buyer.getByTestId('go-to-checkout').click();
    await buyer.getByTestId('checkout-form').waitFor();
    await buyer.getByTestId('book-for-company-option').click();
    await buyer.getByTestId('checkout-submit').click();
    await buyer.getByTestId('confirmation').waitFor();
    expect(await buyer.getByTestId('confirmation').innerText()).toMatch(/€171\.00/);
    const reference = (await buyer.getByTestId('booking-reference').innerText()).trim();
    const booked = (await api('GET', `/companies/${companyId}/bookings`)) as {
      items: { reference: string; total: number; contactId: string | null }[];
    };
    expect(booked.items).toEqual([expect.objectContaining({ reference, total: 171 })]);

    // 4. Staff add a billing contact; invited by e-mail, they set a password and download the receipt.
    await api('POST', `/companies/${companyId}/contacts`, {
      firstName: BILLING.firstName,
      lastName: BILLING.lastName,
      email: BILLING.email,
      roles: ['billing'],
    });
    const billing = await newPage();
    const setPassword = await linkFromMail(smtp, BILLING.email, '/account/set-password');
    await setPasswordFromLink(billing, server.url, setPassword, BILLING.password);
    await billing.getByTestId('go-sign-in').click();
    await signInToAccount(billing, server.url, BILLING);
    await billing.getByTestId('nav-company').click();
    const bookings = billing.getByTestId('company-bookings');
    await expect.poll(() => bookings.innerText(), { timeout: 10_000 }).toContain(reference);
    expect(await bookings.innerText()).toMatch(/€171\.00/);
    const href = await bookings.getByText('Receipt').first().getAttribute('href');
    const receipt = await billing.request.get(`${server.url}${href}`);
    expect(receipt.status()).toBe(200);
    expect(receipt.headers()['content-type']).toMatch(/^application\/pdf/);
    const text = pdfText(await receipt.body());
    expect(text).toContain(reference);
    expect(text).toContain('171.00');
  });
});
