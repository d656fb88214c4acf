import { readFileSync } from 'node:fs';
import { type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildWeb } from '../../scripts/build-web.mjs';
import { registerCustomerWithPassword, signInToAccount } from '../support/account-browser.ts';
import { launchChromium, signInToAdmin } from '../support/browser.ts';
import { hasChromium } from '../support/environment.ts';
import { startTestServer } from '../support/test-server.ts';

/** Issue 12 points 3 and 7 in real Chromium: download personal data (staff and customer), Settings → Audit log. */
describe.skipIf(!hasChromium)('subject access and the audit log in a real browser', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let browser: Browser;
  let owner: BrowserContext;
  let page: Page;
  let guestId: string;
  const CUSTOMER = { email: 'nadia.download@example.com', password: 'nadia-password-123' };

  beforeAll(async () => {
    buildWeb();
    server = await startTestServer();
    browser = await launchChromium();
    owner = await browser.newContext({
      locale: 'en-US',
      viewport: { width: 1440, height: 900 },
      acceptDownloads: true,
    });
    page = await owner.newPage();
    await signInToAdmin(page, server.url, server.admin);
    const login = await owner.request.post(`${server.url}/api/v1/auth/login`, { data: server.admin });
    const headers = { 'x-csrf-token': ((await login.json()) as { csrfToken: string }).csrfToken };
    const res = await owner.request.post(`${server.url}/api/v1/guests`, {
      headers,
      data: {
        firstName: 'Nadia',
        lastName: 'Descarga',
        email: 'nadia.descarga@example.org',
        phone: '+34 622 11 22 33',
      },
    });
    expect(res.status(), await res.text()).toBe(201);
    guestId = ((await res.json()) as { id: string }).id;
  });

  afterAll(async () => {
    await owner?.close();
    await browser?.close();
    await server?.close();
  });

  it('the owner downloads a guest’s personal data as a JSON file named after the guest id and date', async () => {
    await page.goto(`${server.url}/admin/guests/${guestId}`);
    await page.getByTestId('download-personal-data').waitFor();
    if (process.env.SCREENSHOTS) await page.screenshot({ path: '/tmp/guest-download.png' });
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('download-personal-data').click(),
    ]);
    expect(download.suggestedFilename()).toBe(`personal-data-${guestId}-${new Date().toISOString().slice(0, 10)}.json`);
    const doc = JSON.parse(readFileSync(await download.path(), 'utf8'));
    expect(doc).toMatchObject({ format: 'clientela.personal-data', subject: { type: 'guest', id: guestId } });
    expect(doc.sections.emails[0].email).toBe('nadia.descarga@example.org');
    await page.getByText('Personal data downloaded').waitFor();
  });

  it('Settings → Audit log shows the view and the export, by whom, filtered, with a link to the record', async () => {
    await page.goto(`${server.url}/admin/settings/audit-log`);
    const table = page.getByTestId('audit-table');
    await table.getByText('Personal data exported').first().waitFor();
    await table.getByText('Profile viewed').first().waitFor();
    if (process.env.SCREENSHOTS) await page.screenshot({ path: '/tmp/audit-log.png', fullPage: true });
    await page.getByTestId('audit-filter-action').click();
    await page.getByRole('option', { name: 'Personal data exported' }).click();
    await expect.poll(() => page.getByTestId('audit-row').count()).toBe(1);
    const row = page.getByTestId('audit-row').first();
    expect(await row.getByTestId('audit-actor').textContent()).not.toMatch(/^staff/);
    // Nothing personal in the log: the guest's e-mail never shows.
    expect(await page.content()).not.toContain('nadia.descarga');
    await row.getByTestId('audit-record-link').click();
    await page.waitForURL(new RegExp(`/admin/guests/${guestId}`));
  });

  it('the audit log speaks Spanish and French too', async () => {
    const login = await owner.request.post(`${server.url}/api/v1/auth/login`, { data: server.admin });
    const headers = { 'x-csrf-token': ((await login.json()) as { csrfToken: string }).csrfToken };
    for (const [language, text] of [
      ['es', 'Datos personales exportados'],
      ['fr', 'Données personnelles exportées'],
    ] as const) {
      const who = { email: `dpo.${language}@hotel.test`, password: `dpo-${language}-long-password` };
      const res = await owner.request.post(`${server.url}/api/v1/staff`, {
        headers,
        data: { name: `DPO ${language}`, role: 'manager', language, ...who },
      });
      expect(res.status(), await res.text()).toBe(201);
      const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
      const p = await context.newPage();
      await signInToAdmin(p, server.url, who);
      await p.goto(`${server.url}/admin/settings/audit-log`);
      await p.getByTestId('audit-table').getByText(text).first().waitFor();
      await context.close();
    }
  });

  it('a customer downloads their own data from /account', async () => {
    await registerCustomerWithPassword(server, { firstName: 'Nadia', lastName: 'Cliente', ...CUSTOMER });

    const context = await browser.newContext({
      locale: 'en-US',
      viewport: { width: 1280, height: 900 },
      acceptDownloads: true,
    });
    const customer = await context.newPage();
    await signInToAccount(customer, server.url, CUSTOMER);
    await customer.goto(`${server.url}/account/details`);
    await customer.getByTestId('my-data-card').waitFor();
    if (process.env.SCREENSHOTS) await customer.screenshot({ path: '/tmp/account-my-data.png', fullPage: true });
    const [download] = await Promise.all([
      customer.waitForEvent('download'),
      customer.getByTestId('download-my-data').click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^my-data-cus_[\w]+-\d{4}-\d{2}-\d{2}\.json$/);
    const doc = JSON.parse(readFileSync(await download.path(), 'utf8'));
    expect(doc).toMatchObject({ scope: 'own', subject: { type: 'customer_account' } });
    expect(doc.sections.emails[0].email).toBe(CUSTOMER.email);
    expect(JSON.stringify(doc)).not.toContain('nadia.descarga');
    await context.close();
  });
});
