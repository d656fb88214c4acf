import { type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasChromium } from '../support/environment.ts';
import { startTestServer } from '../support/test-server.ts';
import { launchChromium, signInToAdmin } from '../support/browser.ts';
import { buildWeb } from '../../scripts/build-web.mjs';

// Issue 14, points 4 and 5: the explanation in the user's language, and the rescan from the Duplicates page.
describe.skipIf(!hasChromium)('identity explanations and the rescan in a real browser', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  async function call(method: string, path: string, body?: unknown): Promise<number> {
    return page.evaluate(
      async ({ method, path, body }) => {
        const me = (await (await fetch('/api/v1/auth/me')).json()) as { csrfToken: string };
        const res = await fetch(`/api/v1${path}`, {
          method,
          headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken },
          body: JSON.stringify(body),
        });
        return res.status;
      },
      { method, path, body },
    );
  }

  beforeAll(async () => {
    buildWeb();
    server = await startTestServer();
    browser = await launchChromium();
    context = await browser.newContext({ locale: 'en-US', viewport: { width: 1360, height: 950 } });
    page = await context.newPage();
    await signInToAdmin(page, server.url, server.admin);
    const guests = [
      { firstName: 'Ana', lastName: 'Pérez', email: 'familia.perez@gmail.com', birthDate: '1970-05-02' },
      { firstName: 'Luis', lastName: 'Pérez', email: 'familia.perez@gmail.com', birthDate: '2001-09-14' },
      { firstName: 'Iker', lastName: 'Etxeberria', phone: '+34 612 345 678', birthDate: '1984-02-11' },
      { firstName: 'Iker', lastName: 'Etxeberia', phone: '612345678', birthDate: '1984-02-11' },
    ];
    for (const g of guests) expect(await call('POST', '/guests', g)).toBe(201);
  }, 240_000);

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await server?.close();
  });

  it('re-runs identity resolution with a progress bar, then explains the queue in Spanish', async () => {
    await page.goto(`${server.url}/admin/duplicates`);
    await page.getByTestId('rescan-start').click();
    await page.getByTestId('rescan-confirm').click();
    const summary = page.getByTestId('rescan-summary');
    await summary.waitFor({ timeout: 60_000 });
    expect(await summary.textContent()).toMatch(/Merges: 1 · profiles merged into another: 1/);

    await page.getByTestId('language-switcher').click();
    await page.getByTestId('language-option-es').click();
    await page.locator('html[lang="es"]').waitFor({ state: 'attached' });
    await page.goto(`${server.url}/admin/duplicates?kind=related`);
    const pair = page.getByTestId('duplicate-pair').filter({ hasText: 'Luis' });
    await pair.waitFor();
    expect(await pair.getByTestId('identity-explanation').textContent()).toBe(
      'Coinciden: apellido y e-mail; otro nombre; otra fecha de nacimiento',
    );
  }, 120_000);
});
