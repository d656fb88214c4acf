import { type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildWeb } from '../../scripts/build-web.mjs';
import { launchChromium, signInToAdmin } from '../support/browser.ts';
import { hasChromium } from '../support/environment.ts';
import { startTestServer } from '../support/test-server.ts';

/** Issue 15 point 1: Companies → Possible duplicates — side by side, dismiss, merge with a field choice. */
describe.skipIf(!hasChromium)('company dedupe in a real browser', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let post: (path: string, body: object) => Promise<Record<string, string>>;

  beforeAll(async () => {
    buildWeb();
    server = await startTestServer();
    const login = await fetch(`${server.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(server.admin),
    });
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const { csrfToken } = (await login.json()) as { csrfToken: string };
    const headers = { cookie, 'x-csrf-token': csrfToken, 'content-type': 'application/json' };
    post = async (path, body) => {
      const res = await fetch(`${server.url}/api/v1${path}`, { method: 'POST', headers, body: JSON.stringify(body) });
      if (res.status !== 201) throw new Error(`${path}: ${res.status} ${await res.text()}`);
      return (await res.json()) as Record<string, string>;
    };
    browser = await launchChromium();
    context = await browser.newContext({ locale: 'en-US', viewport: { width: 1360, height: 950 } });
    page = await context.newPage();
    await signInToAdmin(page, server.url, server.admin);
  });
  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await server?.close();
  });

  it('reviews the pairs: dismisses one, merges the other keeping a chosen name; one purchasing contact stays', async () => {
    const city = (c: string) => ({ country: 'ES', billingAddress: { city: c, country: 'ES' } });
    const keep = await post('/companies', { name: 'Viajes Sol', ...city('Madrid'), tags: ['Agency'] });
    const gone = await post('/companies', {
      name: 'VIAJES SOL, S.L.',
      legalName: 'Viajes Sol S.L.',
      ...city('Madrid'),
    });
    await post('/companies', { name: 'Costa Travel', ...city('Málaga') });
    await post('/companies', { name: 'Costa Travel Ltd', ...city('Málaga') });
    const person = (first: string, roles: string[]) => ({
      firstName: first,
      lastName: 'Sol',
      email: `${first.toLowerCase()}@viajessol.example`,
      roles,
      invite: false,
    });
    await post(`/companies/${keep.id}/contacts`, person('Ana', ['purchasing']));
    await post(`/companies/${gone.id}/contacts`, person('Luis', ['purchasing', 'billing']));

    await page.getByTestId('nav-companies').click();
    await page.getByTestId('company-duplicates-link').click();
    await page.waitForURL(/\/admin\/companies\/duplicates$/);
    const pairs = page.getByTestId('company-pair');
    await expect.poll(() => pairs.count()).toBe(2);
    const costa = pairs.filter({ hasText: 'Costa Travel Ltd' });
    expect(await costa.getByTestId('company-side').count()).toBe(2);
    expect(await costa.textContent()).toContain('Same city');
    await costa.getByTestId('company-pair-dismiss').click();
    await expect.poll(() => pairs.count()).toBe(1);

    const sol = pairs.first();
    expect(await sol.textContent()).toContain('VIAJES SOL, S.L.');
    expect(await sol.textContent()).toContain('100 % alike');
    await sol.getByTestId('company-pair-merge').click();
    // The older company stays by default; keep the other's name.
    const fields = page.getByTestId('company-merge-fields');
    await expect.poll(() => fields.textContent()).toContain('VIAJES SOL, S.L.');
    await fields.getByLabel('VIAJES SOL, S.L. (VIAJES SOL, S.L.)').check();
    await expect.poll(() => page.getByTestId('company-merge-result').textContent()).toContain('VIAJES SOL, S.L.');
    await expect
      .poll(() => page.getByTestId('company-merge-purchasing').textContent())
      .toContain('Luis Sol loses the purchasing role');
    expect(await page.getByTestId('company-merge-moves').textContent()).toContain('1 contacts');
    await page.getByTestId('company-merge-confirm').click();

    await page.waitForURL(new RegExp(`/admin/companies/${keep.id}$`));
    await expect.poll(() => page.getByRole('heading', { level: 2 }).first().textContent()).toContain('VIAJES SOL');
    const rows = page.getByTestId('company-contact-row');
    await expect.poll(() => rows.count()).toBe(2);
    expect(await rows.first().textContent()).toContain('Ana');
    expect(await rows.first().getByTestId('role-purchasing').isChecked()).toBe(true);
    expect(await rows.nth(1).getByTestId('role-purchasing').isChecked()).toBe(false);
    expect(await rows.nth(1).getByTestId('role-billing').isChecked()).toBe(true);
    await expect.poll(() => page.getByTestId('company-history').textContent()).toContain('Merged with');

    // The queue is empty now; the merged company is gone.
    await page.goto(`${server.url}/admin/companies/duplicates`);
    await expect.poll(() => page.getByTestId('company-duplicates-empty').count()).toBe(1);
    const res = await page.request.get(`${server.url}/api/v1/companies/${gone.id}`);
    expect(res.status()).toBe(404);
  });
});
