import { readFileSync } from 'node:fs';
import { type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildWeb } from '../../scripts/build-web.mjs';
import { launchChromium, signInToAdmin } from '../support/browser.ts';
import { hasChromium } from '../support/environment.ts';
import { startTestServer } from '../support/test-server.ts';

/** Issue 13, D-2 in the admin: export the filtered guest list as CSV, download it, check it. */
describe.skipIf(!hasChromium)('guest export in a real browser', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let browser: Browser;
  let owner: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    buildWeb();
    server = await startTestServer();
    browser = await launchChromium();
    owner = await browser.newContext({
      locale: 'en-US',
      viewport: { width: 1280, height: 900 },
      acceptDownloads: true,
    });
    page = await owner.newPage();
    await signInToAdmin(page, server.url, server.admin);
    const login = await owner.request.post(`${server.url}/api/v1/auth/login`, { data: server.admin });
    const headers = { 'x-csrf-token': ((await login.json()) as { csrfToken: string }).csrfToken };
    const post = async (path: string, data: unknown) => {
      const res = await owner.request.post(`${server.url}/api/v1${path}`, { data, headers });
      expect(res.status(), await res.text()).toBeLessThan(300);
    };
    await post('/tags', { name: 'Exportable' });
    await post('/guests', {
      firstName: 'Añorada',
      lastName: 'Núñez',
      email: 'anorada@example.es',
      tags: ['Exportable'],
    });
    await post('/guests', {
      firstName: 'Bérénice',
      lastName: 'Lefèvre',
      email: 'berenice@example.fr',
      tags: ['Exportable'],
    });
    await post('/guests', { firstName: 'Left', lastName: 'Out', email: 'left.out@example.com' });
  });

  afterAll(async () => {
    await owner?.close();
    await browser?.close();
    await server?.close();
  });

  it('exports the filtered list as CSV, downloads it and lists the export', async () => {
    await page.goto(`${server.url}/admin/guests?tag=Exportable`);
    await expect.poll(() => page.getByTestId('guest-total').textContent()).toContain('2');
    await page.getByTestId('export-button').click();
    await page.getByText('The guests matching the current filters or segment will be exported.').waitFor();
    await page.getByTestId('export-start').click();
    const downloadButton = page.getByTestId('export-download');
    await downloadButton.waitFor({ timeout: 30_000 });
    await expect.poll(() => page.getByTestId('export-status').textContent()).toContain('2 of 2');
    const [download] = await Promise.all([page.waitForEvent('download'), downloadButton.click()]);
    expect(download.suggestedFilename()).toMatch(/^guests-\d{4}-\d{2}-\d{2}-exp_\w+\.csv$/);
    const bytes = readFileSync(await download.path());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.toString('utf8').slice(1).trim().split('\r\n');
    expect(lines[0]).toMatch(/^Guest ID,Title,First name,Last name,E-mails,Phones,/);
    expect(lines).toHaveLength(3);
    const text = lines.join('\n');
    expect(text).toContain('Añorada,Núñez,anorada@example.es');
    expect(text).toContain('Bérénice,Lefèvre,berenice@example.fr');
    expect(text).not.toContain('left.out@example.com');

    await page.getByTestId('exports-list-link').click();
    await page.waitForURL(/\/admin\/exports$/);
    const row = page.getByTestId('export-row').first();
    await expect.poll(() => row.textContent()).toContain('CSV');
    expect(await row.textContent()).toContain('Ready');
    await row.getByTestId('export-row-download').waitFor();
  });
});
