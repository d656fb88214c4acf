import { type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildWeb } from '../../scripts/build-web.mjs';
import { submitAccountSignIn } from '../support/account-browser.ts';
import { launchChromium, signInToAdmin } from '../support/browser.ts';
import { hasChromium } from '../support/environment.ts';
import { startTestServer } from '../support/test-server.ts';

const PERSON = { firstName: 'Tomás', lastName: 'Prueba', email: 'tomas.prueba@example.com' };
const PASSWORD = 'tomas-trial-password';

/** Issue 11 (19): trying customer accounts on an installation without a mail server. */
describe.skipIf(!hasChromium)('customer accounts without SMTP, in a real browser', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let browser: Browser;
  let staffContext: BrowserContext;
  let customerContext: BrowserContext;
  let staff: Page;
  let customer: Page;

  beforeAll(async () => {
    buildWeb();
    server = await startTestServer({});
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
  });

  it('registers with a password, cannot sign in before confirming, the owner opens the held link, then signs in', async () => {
    await customer.goto(`${server.url}/account/register`);
    await customer.getByTestId('account-register-card').waitFor();
    await customer.getByTestId('register-first-name').fill(PERSON.firstName);
    await customer.getByTestId('register-last-name').fill(PERSON.lastName);
    await customer.getByTestId('register-email').fill(PERSON.email);
    await customer.getByTestId('register-password').fill(PASSWORD);
    await customer.getByTestId('register-submit').click();
    await customer.getByTestId('register-done').getByText('to confirm your e-mail').waitFor();

    await customer.goto(`${server.url}/account/sign-in`);
    await submitAccountSignIn(customer, { email: PERSON.email, password: PASSWORD });
    await customer.getByTestId('account-sign-in-error').getByText('Please confirm your e-mail first').waitFor();

    await staff.goto(`${server.url}/admin/settings/mail-log`);
    await staff.getByTestId('email-row').filter({ hasText: PERSON.email }).first().click();
    await staff.getByTestId('email-links-revealed').getByText('No SMTP server').waitFor();
    const href = await staff.getByTestId('email-open-link').first().getAttribute('href');
    expect(href).toContain('/account/verify-email?token=');

    await customer.goto(href!.replace(/^https?:\/\/[^/]+/, server.url));
    await customer.getByTestId('verify-email-done').waitFor();
    await customer.getByTestId('go-sign-in').click();
    await submitAccountSignIn(customer, { email: PERSON.email, password: PASSWORD });
    await customer.getByTestId('account-dashboard').waitFor();
    await customer.getByText(`Welcome, ${PERSON.firstName}`).waitFor();
  });
});
