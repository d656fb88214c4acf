import { type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildWeb } from '../../scripts/build-web.mjs';
import { linkFromMail, setPasswordFromLink, signInToAccount, submitAccountSignIn } from '../support/account-browser.ts';
import { launchChromium, signInToAdmin } from '../support/browser.ts';
import { hasChromium } from '../support/environment.ts';
import { startSmtpServer, type TestSmtpServer } from '../support/smtp.ts';
import { startTestServer } from '../support/test-server.ts';

const REGISTRANT = { firstName: 'Lucía', lastName: 'Fernández Ortiz', email: 'lucia.fernandez@example.com' };
const PASSWORD = 'lucia-secret-password';

describe.skipIf(!hasChromium)('customer area with registration validation, in a real browser', () => {
  let smtp: TestSmtpServer;
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let browser: Browser;
  let staffContext: BrowserContext;
  let customerContext: BrowserContext;
  let staff: Page;
  let customer: Page;

  beforeAll(async () => {
    buildWeb();
    smtp = await startSmtpServer();
    server = await startTestServer({ SMTP_URL: smtp.url, MAIL_FROM: 'My Hotel <hello@myhotel.test>' });
    browser = await launchChromium();
    staffContext = await browser.newContext({ locale: 'en-US', viewport: { width: 1360, height: 950 } });
    customerContext = await browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 900 } });
    staff = await staffContext.newPage();
    customer = await customerContext.newPage();
    await signInToAdmin(staff, server.url, server.admin);
  });

  afterAll(async () => {
    await customerContext?.close();
    await staffContext?.close();
    await browser?.close();
    await server?.close();
    await smtp?.close();
  });

  it('staff turn on registration with validation in Settings → Accounts', async () => {
    await staff.goto(`${server.url}/admin/settings/accounts?tab=settings`);
    await staff.getByTestId('account-settings').waitFor();
    await staff.getByTestId('mode-validation').check();
    await staff.getByTestId('save-account-settings').click();
    await staff.getByText('The account settings have been saved.').waitFor();
  });

  it('a registrant is New, gets the set-password e-mail, and cannot sign in yet', async () => {
    await customer.goto(`${server.url}/account/sign-in`);
    await customer.getByTestId('account-sign-in-card').waitFor();
    await customer.getByTestId('register-link').click();
    await customer.getByTestId('account-register-card').waitFor();
    await customer.getByTestId('register-first-name').fill(REGISTRANT.firstName);
    await customer.getByTestId('register-last-name').fill(REGISTRANT.lastName);
    await customer.getByTestId('register-email').fill(REGISTRANT.email);
    await customer.getByTestId('register-submit').click();
    await customer.getByTestId('register-pending').waitFor();
    if (process.env.SCREENSHOTS) await customer.screenshot({ path: '/tmp/account-registered.png' });

    // Staff are alerted by e-mail with a link to the review page.
    const review = await linkFromMail(smtp, server.admin.email, '/admin/settings/accounts');
    expect(review).toContain('status=new');

    // Signing in before validation is refused with a clear message (no password yet → wrong credentials).
    await customer.goto(`${server.url}/account/sign-in`);
    await submitAccountSignIn(customer, { email: REGISTRANT.email, password: 'whatever-password' });
    await customer.getByTestId('account-sign-in-error').waitFor();
    if (process.env.SCREENSHOTS) await customer.screenshot({ path: '/tmp/account-sign-in.png' });
  });

  it('staff validate the registration in /admin; the customer gets the e-mail', async () => {
    await staff.goto(`${server.url}/admin/settings/accounts?status=new`);
    const row = staff.getByTestId('account-row').filter({ hasText: REGISTRANT.email });
    await row.waitFor();
    await expect.poll(async () => (await row.getByTestId('account-status').textContent())?.trim()).toBe('New');
    if (process.env.SCREENSHOTS) await staff.screenshot({ path: '/tmp/account-admin.png' });
    await row.getByTestId('validate-account').click();
    await staff.getByText(`${REGISTRANT.email} can now sign in`).waitFor();
    await staff.getByTestId('registrations-empty').waitFor();
    const signIn = await linkFromMail(smtp, REGISTRANT.email, '/account/sign-in');
    expect(signIn).toBe('/account/sign-in');
  });

  it('the e-mail’s link sets the password; the customer signs in and sees the dashboard', async () => {
    const setPassword = await linkFromMail(smtp, REGISTRANT.email, '/account/set-password?token=');
    await setPasswordFromLink(customer, server.url, setPassword, PASSWORD);
    // The link works once.
    await customer.goto(`${server.url}${setPassword}`);
    await customer.getByTestId('new-password').fill('another-password-1');
    await customer.getByTestId('confirm-password').fill('another-password-1');
    await customer.getByTestId('token-password-submit').click();
    await customer.getByTestId('token-password-error').getByText('This link has already been used').waitFor();

    await signInToAccount(customer, server.url, { email: REGISTRANT.email, password: PASSWORD });
    await customer.getByText(`Welcome, ${REGISTRANT.firstName}`).waitFor();
    expect(new URL(customer.url()).pathname).toBe('/account');
    if (process.env.SCREENSHOTS) await customer.screenshot({ path: '/tmp/account-dashboard.png' });
  });

  it('the customer sees their (empty) bookings, then the one the hotel books for them', async () => {
    await customer.getByTestId('nav-bookings').click();
    await customer.getByTestId('bookings-empty').waitFor();

    // Reception books a stay for her (same e-mail and name → her profile, I-2).
    const api = staff.request;
    const { csrfToken } = (await (await api.get(`${server.url}/api/v1/auth/me`)).json()) as { csrfToken: string };
    const headers = { 'x-csrf-token': csrfToken };
    const properties = (await (await api.get(`${server.url}/api/v1/properties`)).json()) as { items: { id: string }[] };
    const rt = await api.post(`${server.url}/api/v1/properties/${properties.items[0]!.id}/room-types`, {
      headers,
      data: { name: 'Sea view double', capacity: 2, nightlyPrice: 120, roomCount: 5 },
    });
    expect(rt.status()).toBe(201);
    const created = await api.post(`${server.url}/api/v1/bookings`, {
      headers,
      data: {
        source: 'phone',
        checkIn: '2031-07-10',
        checkOut: '2031-07-13',
        roomTypeName: 'sea view double',
        adults: 2,
        customer: { firstName: REGISTRANT.firstName, lastName: REGISTRANT.lastName, email: REGISTRANT.email },
      },
    });
    expect(created.status(), await created.text()).toBe(201);
    const booking = (await created.json()) as { reference: string };

    await customer.reload();
    const row = customer.getByTestId('account-booking-row');
    await row.filter({ hasText: booking.reference }).waitFor();
    await row.filter({ hasText: '3 nights' }).waitFor();
    await row.first().click();
    await customer.getByTestId('account-booking-detail').waitFor();
    expect(await customer.getByTestId('booking-reference').innerText()).toBe(booking.reference);
    await customer.getByText('Sea view double').first().waitFor();
    if (process.env.SCREENSHOTS) await customer.screenshot({ path: '/tmp/account-booking.png' });
    await customer.getByTestId('nav-dashboard').click();
    await customer.getByTestId('next-stay').getByText('Sea view double', { exact: false }).waitFor();
  });

  it('the customer updates their details and signs out', async () => {
    await customer.getByTestId('nav-details').click();
    await customer.getByTestId('details-form').waitFor();
    await expect.poll(() => customer.getByTestId('details-last-name').inputValue()).toBe(REGISTRANT.lastName);
    await customer.getByTestId('details-phone').fill('+34 612 345 678');
    await customer.getByTestId('details-save').click();
    await customer.getByText('Your details have been saved.').waitFor();
    await customer.getByTestId('sign-out').click();
    await customer.getByTestId('account-sign-in-card').waitFor();
    // Signed out: the area sends the visitor back to sign-in.
    await customer.goto(`${server.url}/account/bookings`);
    await customer.getByTestId('account-sign-in-card').waitFor();
  });
});
