import { type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildWeb } from '../../scripts/build-web.mjs';
import { launchChromium, signInToAdmin } from '../support/browser.ts';
import { hasChromium } from '../support/environment.ts';
import { startTestServer } from '../support/test-server.ts';

// Issue 11 points 12 and 14 in the admin: the password rule and its refusal on the staff form,
// and the owner's list of slowed sign-ins.
describe.skipIf(!hasChromium)('staff sign-in protection in a real browser', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    buildWeb();
    server = await startTestServer();
    browser = await launchChromium();
    const context = await browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 900 } });
    page = await context.newPage();
    await signInToAdmin(page, server.url, server.admin);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('states the password rule, shows why a weak password is refused, then creates the member', async () => {
    await page.goto(`${server.url}/admin/settings/staff`);
    await page.getByRole('button', { name: 'Add staff member' }).click();
    const dialog = page.getByRole('dialog');
    expect(await dialog.innerText()).toContain('not a common password');
    await dialog.locator('input[name=name]').fill('Rita Reyes');
    await dialog.locator('input[name=email]').fill('rita@hotel.test');
    await dialog.locator('input[name=password]').fill('password1234');
    await dialog.locator('button[type=submit]').click();
    await dialog.getByText('Too common or too easy to guess').waitFor();
    await dialog.locator('input[name=password]').fill('staff-password-river-91');
    await dialog.locator('button[type=submit]').click();
    await page.getByTestId('staff-row').filter({ hasText: 'rita@hotel.test' }).waitFor();
  });

  it('lists a source slowed after wrong passwords for the owner', async () => {
    for (let i = 0; i < 4; i++) {
      const res = await fetch(`${server.url}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'rita@hotel.test', password: `wrong-guess-${i}-x` }),
      });
      expect(res.status).toBe(401);
    }
    await page.reload();
    const card = page.getByTestId('sign-in-events');
    await card.getByTestId('sign-in-event').filter({ hasText: 'rita@hotel.test' }).waitFor();
    expect(await card.innerText()).toContain('This address had to wait after 4 wrong passwords');
  });
});
