import { type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasChromium } from '../support/environment.ts';
import { startTestServer } from '../support/test-server.ts';
import { launchChromium, signInToAdmin } from '../support/browser.ts';
import { buildWeb } from '../../scripts/build-web.mjs';

/** Issue 12 point 4 in the admin: publish a wording, record consent on a profile with it read out, see the history. */
describe.skipIf(!hasChromium)('consent ledger in a real browser', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let browser: Browser;
  let owner: BrowserContext;
  let page: Page;
  let guestId: string;

  beforeAll(async () => {
    buildWeb();
    server = await startTestServer();
    browser = await launchChromium();
    owner = await browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 900 } });
    page = await owner.newPage();
    await signInToAdmin(page, server.url, server.admin);
    const login = await owner.request.post(`${server.url}/api/v1/auth/login`, { data: server.admin });
    const headers = { 'x-csrf-token': ((await login.json()) as { csrfToken: string }).csrfToken };
    const res = await owner.request.post(`${server.url}/api/v1/guests`, {
      data: { firstName: 'Clara', lastName: 'Consiente', email: 'clara.consiente@example.com' },
      headers,
    });
    expect(res.status(), await res.text()).toBe(201);
    guestId = ((await res.json()) as { id: string }).id;
  });

  afterAll(async () => {
    await owner?.close();
    await browser?.close();
    await server?.close();
  });

  it('publishes a wording, records consent with it read out, and shows it in the history', async () => {
    await page.goto(`${server.url}/admin/settings/consent`);
    await page.getByTestId('wording-text').fill('Yes, send me the hotel newsletter and offers by e-mail.');
    await page.getByTestId('wording-publish').click();
    await page.getByTestId('consent-wordings').getByText('Version 1').waitFor();

    await page.goto(`${server.url}/admin/guests/${guestId}?tab=consent`);
    await expect.poll(() => page.getByTestId('consent-derived').textContent()).toBe('No consent');
    await page.getByTestId('consent-grant').click();
    await expect
      .poll(() => page.getByTestId('consent-read-out').textContent())
      .toBe('Yes, send me the hotel newsletter and offers by e-mail.');
    await page.getByTestId('consent-save').click();
    await expect.poll(() => page.getByTestId('consent-derived').textContent()).toBe('Granted');
    const row = page.getByTestId('consent-row').first();
    await expect.poll(() => row.textContent()).toContain('Staff');
    expect(await row.textContent()).toContain('E-mail');
    expect(await row.textContent()).toContain('Version 1');
    await row.getByTestId('consent-wording').hover();
    await page.getByText('Yes, send me the hotel newsletter and offers by e-mail.').last().waitFor();

    await page.getByTestId('consent-withdraw').click();
    await page.getByTestId('consent-save').click();
    await expect.poll(() => page.getByTestId('consent-derived').textContent()).toBe('No consent');
    await expect.poll(() => page.getByTestId('consent-row').count()).toBe(2);
    const api = await owner.request.get(`${server.url}/api/v1/guests/${guestId}`);
    expect(((await api.json()) as { marketingConsent: boolean }).marketingConsent).toBe(false);
  });
});
