import { type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildWeb } from '../../scripts/build-web.mjs';
import { linkFromMail, setPasswordFromLink, signInToAccount } from '../support/account-browser.ts';
import { launchChromium } from '../support/browser.ts';
import { hasChromium } from '../support/environment.ts';
import { staffCaller, type StaffCall } from '../support/staff-api.ts';
import { startSmtpServer, type TestSmtpServer } from '../support/smtp.ts';
import { startTestServer } from '../support/test-server.ts';

const GUEST = { firstName: 'Marta', lastName: 'Vidal', email: 'marta.vidal@example.org' };
const PASSWORD = 'marta-secret-password';

/** Issue 16 point 4: the guest writes to the hotel from the customer area, reads the reply and answers. */
describe.skipIf(!hasChromium)('customer area "Contact the hotel" in a real browser', () => {
  let smtp: TestSmtpServer;
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let staffApi: StaffCall;
  let threadId = '';

  beforeAll(async () => {
    buildWeb();
    smtp = await startSmtpServer();
    server = await startTestServer({ SMTP_URL: smtp.url, MAIL_FROM: 'My Hotel <hello@myhotel.test>' });
    staffApi = await staffCaller(server.url, server.admin);
    await staffApi('POST', '/hotel-contacts', {
      name: { en: 'Reservations', es: 'Reservas', fr: 'Réservations' },
      email: 'reservations@myhotel.test',
    });
    // The guest registers (direct mode) and sets the password from the e-mail, which verifies it.
    const reg = await fetch(`${server.url}/api/v1/account/register`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(GUEST),
    });
    expect(reg.status, await reg.text()).toBe(201);
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

  it('the guest writes to Reservations from "Contact the hotel"', async () => {
    const setPassword = await linkFromMail(smtp, GUEST.email, '/account/set-password?token=');
    await setPasswordFromLink(page, server.url, setPassword, PASSWORD);
    await signInToAccount(page, server.url, { email: GUEST.email, password: PASSWORD });
    await page.getByTestId('nav-messages').click();
    await page.getByTestId('threads-empty').waitFor();
    await page.getByTestId('new-thread').click();
    await page.getByTestId('thread-contact').click();
    await page.getByRole('option', { name: 'Reservations' }).click();
    await page.getByTestId('thread-new-subject').fill('Cot for a baby');
    await page.getByTestId('thread-new-message').fill('Could you put a cot in our room?');
    await page.getByTestId('thread-new-send').click();
    await page.getByTestId('thread-subject').getByText('Cot for a baby').waitFor();
    await page.getByTestId('thread-message-in').getByText('Could you put a cot in our room?').waitFor();
    await page.getByText('Waiting for the hotel').waitFor();
    threadId = new URL(page.url()).pathname.split('/').at(-1) ?? '';
    const staff = await staffApi<{ origin: string; waitingForReply: boolean }>('GET', `/threads/${threadId}`);
    expect(staff).toMatchObject({ origin: 'account', waitingForReply: true });
  });

  it('sees the hotel’s reply (never the staff note) and answers; the thread waits for staff again', async () => {
    await staffApi('POST', `/threads/${threadId}/messages`, { body: 'Internal: check cot stock', internal: true });
    await staffApi('POST', `/threads/${threadId}/messages`, { body: 'Of course, it will be ready.' });
    await page.reload();
    await page.getByTestId('thread-message-out').getByText('Of course, it will be ready.').waitFor();
    expect(await page.getByText('check cot stock').count()).toBe(0);
    await page.getByText('Answered').waitFor();
    if (process.env.SCREENSHOTS) await page.screenshot({ path: '/tmp/account-thread.png' });
    await page.getByTestId('thread-answer').fill('Thank you very much!');
    await page.getByRole('button', { name: 'Send' }).click();
    await page.getByTestId('thread-message-in').getByText('Thank you very much!').waitFor();
    await page.getByText('Waiting for the hotel').waitFor();
    const staff = await staffApi<{ status: string; waitingForReply: boolean; messages: { body: string }[] }>(
      'GET',
      `/threads/${threadId}`,
    );
    expect(staff).toMatchObject({ status: 'open', waitingForReply: true });
    expect(staff.messages.at(-1)?.body).toBe('Thank you very much!');
    await page.getByTestId('nav-messages').click();
    await page
      .getByTestId('account-thread-row')
      .filter({ hasText: 'Cot for a baby' })
      .getByText('3 messages')
      .waitFor();
  });

  it('a message from the site’s /book/contact form from the same e-mail shows in the customer area too', async () => {
    await page.goto(`${server.url}/book/contact`);
    await page.getByTestId('site-contact-form').waitFor();
    await page.getByTestId('site-contact-to').click();
    await page.getByRole('option', { name: 'Reservations' }).click();
    await page.getByLabel('First name').fill(GUEST.firstName);
    await page.getByLabel('Last name').fill(GUEST.lastName);
    await page.getByLabel('E-mail').fill(GUEST.email);
    await page.getByLabel('Subject').fill('Airport transfer');
    await page.getByLabel('Message').fill('Do you offer a transfer from the airport?');
    // A person takes a few seconds: a form sent faster is dropped as a robot's.
    await new Promise((resolve) => setTimeout(resolve, 3_500));
    await page.getByRole('button', { name: 'Send' }).click();
    await page.getByTestId('site-contact-sent').waitFor();
    const list = await staffApi<{ items: { subject: string; origin: string }[] }>('GET', '/threads?q=transfer');
    expect(list.items).toEqual([expect.objectContaining({ subject: 'Airport transfer', origin: 'contact_form' })]);
    await page.goto(`${server.url}/account/messages`);
    await page.getByTestId('account-thread-row').filter({ hasText: 'Airport transfer' }).waitFor();
  });
});
