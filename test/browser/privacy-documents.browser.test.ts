import { type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildWeb } from '../../scripts/build-web.mjs';
import { launchChromium, signInToAdmin } from '../support/browser.ts';
import { hasChromium } from '../support/environment.ts';
import { startTestServer } from '../support/test-server.ts';

/** Issue 12 point 5: the masked document, the audited 30-second reveal, and the personal-data toggle for reception. */
describe.skipIf(!hasChromium)('ID documents and personal-data access, in a real browser', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let browser: Browser;
  let page: Page;
  let guestId: string;
  let receptionId: string;
  let headers: Record<string, string>;

  beforeAll(async () => {
    buildWeb();
    server = await startTestServer({});
    const app = server.runtime.app;
    const login = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: server.admin });
    const cookie = String(login.headers['set-cookie']).split(';')[0]!;
    headers = { cookie, 'x-csrf-token': login.json<{ csrfToken: string }>().csrfToken };
    const guest = await app.inject({
      method: 'POST',
      url: '/api/v1/guests',
      headers,
      payload: { firstName: 'Doris', lastName: 'Documento', document: { type: 'passport', number: 'XA1234567' } },
    });
    guestId = guest.json<{ id: string }>().id;
    const reception = await app.inject({
      method: 'POST',
      url: '/api/v1/staff',
      headers,
      payload: { name: 'Rita Reception', email: 'rita@hotel.test', role: 'reception', password: 'rita-long-password' },
    });
    receptionId = reception.json<{ id: string }>().id;
    browser = await launchChromium();
    const context = await browser.newContext({ locale: 'en-US', viewport: { width: 1360, height: 950 } });
    page = await context.newPage();
    await signInToAdmin(page, server.url, server.admin);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('shows the number masked, reveals it on demand (audited) and forgets it on navigation', async () => {
    await page.goto(`${server.url}/admin/guests/${guestId}`);
    const number = page.getByTestId('guest-document-number');
    await number.getByText('XA123****7').waitFor();
    await page.getByTestId('reveal-document').click();
    await number.getByText('XA1234567').waitFor();
    await page.getByTestId('guest-document-countdown').waitFor();
    await page.goto(`${server.url}/admin/guests`);
    await page.goto(`${server.url}/admin/guests/${guestId}`);
    await number.getByText('XA123****7').waitFor();
    const audit = await server.runtime.database.system
      .selectFrom('auditLog')
      .selectAll()
      .where('action', '=', 'guest.document.revealed')
      .execute();
    expect(audit).toHaveLength(1);
    expect(JSON.stringify(audit)).not.toContain('XA1234567');
  });

  it('lets the owner give a receptionist access to personal data from Settings → Staff', async () => {
    await page.goto(`${server.url}/admin/settings/staff`);
    const row = page.getByTestId('staff-row').filter({ hasText: 'rita@hotel.test' });
    const toggle = row.getByTestId('personal-data-toggle');
    expect(await toggle.isChecked()).toBe(false);
    await row.locator('label').filter({ has: toggle }).or(toggle).first().click({ force: true });
    await expect.poll(() => toggle.isChecked()).toBe(true);
    const staff = await server.runtime.app.inject({ method: 'GET', url: '/api/v1/staff', headers });
    const rita = staff
      .json<{ items: { id: string; extraPermissions: string[] }[] }>()
      .items.find((u) => u.id === receptionId);
    expect(rita?.extraPermissions).toEqual(['personal-data:read']);
  });
});
