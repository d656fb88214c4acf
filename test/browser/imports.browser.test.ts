import { readFileSync } from 'node:fs';
import path from 'node:path';
import { type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cookieOf } from '../support/app.ts';
import { signInToAdmin } from '../support/browser.ts';
import { startAdminBrowser, type AdminBrowser } from '../support/admin-browser.ts';
import { hasChromium } from '../support/environment.ts';

const FIXTURES = path.join(import.meta.dirname, '..', 'fixtures', 'imports');

/** A count card's number, polled (the dry run and the import run as jobs). */
const count = (page: Page, name: string) =>
  expect.poll(async () => Number(await page.getByTestId(`count-${name}`).getAttribute('data-value')), {
    timeout: 30_000,
  });

/** Drops a file on the drop area the way a browser does when a file is dragged from the desktop. */
async function dropFile(page: Page, file: string, type: string) {
  const bytes = [...readFileSync(path.join(FIXTURES, file))];
  const dataTransfer = await page.evaluateHandle(
    ({ bytes, name, type }) => {
      // Runs in the page (this project's Node types have no DOM).
      const dom = globalThis as unknown as {
        DataTransfer: new () => { items: { add(file: unknown): void } };
        File: new (parts: unknown[], name: string, options: { type: string }) => unknown;
      };
      const transfer = new dom.DataTransfer();
      transfer.items.add(new dom.File([new Uint8Array(bytes)], name, { type }));
      return transfer;
    },
    { bytes, name: file, type },
  );
  const area = page.getByTestId('import-drop');
  await area.dispatchEvent('dragenter', { dataTransfer });
  await expect.poll(() => area.getAttribute('data-over')).toBe('true');
  await area.dispatchEvent('drop', { dataTransfer });
}

/** The column mapping row of one header of the file. */
const mappingRow = (page: Page, header: string) =>
  page.locator(`[data-testid="mapping-row"][data-header="${header.replace(/"/g, '\\"')}"]`);

describe.skipIf(!hasChromium)('Guests → Import in a real browser', () => {
  let server: AdminBrowser['server'];
  let browser: Browser;
  let close: (() => Promise<void>) | undefined;
  let page: Page;

  beforeAll(async () => {
    ({ server, browser, page, close } = await startAdminBrowser({ width: 1366, height: 1000 }));
  });
  afterAll(() => close?.());

  it('opens Import from the guest list; with no import yet the history says so', async () => {
    await page.getByTestId('nav-guests').click();
    await page.getByTestId('guest-import').click();
    await page.waitForURL(/\/admin\/guests\/import$/);
    await page.getByTestId('import-drop').waitFor();
    await page.getByTestId('import-history-empty').waitFor();
  });

  it('refuses a file that is no table, in words, and takes another', async () => {
    await page.getByTestId('import-file').setInputFiles({
      name: 'photo.png',
      mimeType: 'image/png',
      buffer: Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex'),
    });
    const alert = page.getByTestId('import-upload-error');
    await alert.getByText('This file is not a CSV or Excel (.xlsx) file Clientela can read.').waitFor();
    await page.getByTestId('import-drop').waitFor();
  });

  it('reads a Windows-1252 ";" PrestaShop file: detected format, encoding, delimiter and columns', async () => {
    await dropFile(page, 'prestashop-import.csv', 'text/csv');
    await page.getByTestId('mapping-table').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('import-upload-error').count()).toBe(0);
    await expect(page.getByTestId('detected-format').innerText()).resolves.toBe(
      'PrestaShop / QloApps customer import file',
    );
    await expect(page.getByTestId('detected-kind').innerText()).resolves.toBe('CSV text');
    await expect(page.getByTestId('detected-encoding').innerText()).resolves.toBe('Windows-1252 (Western European)');
    await expect(page.getByTestId('detected-delimiter').innerText()).resolves.toBe('Semicolon ( ; )');

    // Accents decoded right, and the columns mapped the way PrestaShop writes them.
    await expect(mappingRow(page, 'Email*').getAttribute('data-field')).resolves.toBe('email');
    await expect(mappingRow(page, 'Password*').getAttribute('data-field')).resolves.toBe('ignore');
    await expect(mappingRow(page, 'Last Name*').getByTestId('mapping-sample').allInnerTexts()).resolves.toContain(
      'Lefèvre',
    );
    await expect(mappingRow(page, 'First Name*').getByTestId('mapping-select').inputValue()).resolves.toBe(
      'First name',
    );
  });

  it('shows the dry run: 6 records, 3 to create, 3 with errors listed by record', async () => {
    await expect(page.getByTestId('import-check').innerText()).resolves.toBe('See the check');
    await page.getByTestId('import-check').click();
    await page.getByTestId('import-dry-run').waitFor({ timeout: 30_000 });
    await count(page, 'records').toBe(6);
    await count(page, 'created').toBe(3);
    await count(page, 'updated').toBe(0);
    await count(page, 'invalid').toBe(3);
    const rows = page.getByTestId('import-error-row');
    await expect.poll(() => rows.count()).toBe(3);
    await expect(rows.nth(0).innerText()).resolves.toMatch(/^3\s/);
    await page.getByTestId('import-dry-run').getByText('This date does not exist').waitFor();
  });

  it('"Check again" after ignoring the birthday column: the impossible date is no longer an error', async () => {
    await page.getByRole('button', { name: 'Back to columns' }).click();
    await mappingRow(page, 'Birthday (yyyy-mm-dd)').getByTestId('mapping-select').click();
    await page.getByRole('option', { name: 'Ignore this column', exact: true }).click();
    await expect.poll(() => mappingRow(page, 'Birthday (yyyy-mm-dd)').getAttribute('data-field')).toBe('ignore');
    await expect(page.getByTestId('import-check').innerText()).resolves.toBe('Check again');
    await page.getByTestId('import-check').click();
    await page.getByTestId('import-dry-run').waitFor({ timeout: 30_000 });
    await count(page, 'records').toBe(6);
    await count(page, 'created').toBe(4);
    await count(page, 'invalid').toBe(2);
    await expect(page.getByTestId('import-start').innerText()).resolves.toBe('Import 4 guests');
  });

  it('imports: progress, then the result with the error report to download', async () => {
    await page.getByTestId('import-start').click();
    await page.getByTestId('import-result').waitFor({ timeout: 60_000 });
    await count(page, 'created').toBe(4);
    await count(page, 'invalid').toBe(2);
    await page.getByTestId('import-result').getByText('Import finished').waitFor();

    const link = page.getByTestId('import-error-report');
    const href = await link.getAttribute('href');
    expect(href).toMatch(/^\/api\/v1\/imports\/[^/]+\/errors\.csv$/);
    const report = await page.request.get(`${server.url}${href}`);
    expect(report.status()).toBe(200);
    expect(report.headers()['content-type']).toMatch(/text\/csv/);
    const text = await report.text();
    expect(text).toContain('sans-nom@example.fr');
    expect(text).toContain('quote@example.fr');
    expect(text).not.toContain('chloe.lefevre@example.fr');

    // The guests are in the list.
    await page.goto(`${server.url}/admin/guests`);
    await expect
      .poll(() => page.getByTestId('guest-name').allInnerTexts(), { timeout: 15_000 })
      .toEqual(expect.arrayContaining(['Ms. Chloé Lefèvre', 'Ms. Anaïs Œuvray', 'Mr. Paul Martin']));

    // Her history: ONE "Profile created" entry showing the source and what she started with (decision 0017).
    await page.getByTestId('guest-name').getByText('Ms. Chloé Lefèvre', { exact: true }).click();
    await page.getByTestId('tab-history').click();
    await expect.poll(() => page.getByTestId('history-row').count(), { timeout: 15_000 }).toBe(1);
    const created = page.getByTestId('history-created-values');
    await created.getByText('Import', { exact: true }).waitFor();
    await created.getByText('First name', { exact: true }).waitFor();
    await created.getByText('Chloé', { exact: true }).waitFor();
    await created.getByText('chloe.lefevre@example.fr', { exact: true }).waitFor();
  });

  it('walks an XLSX Booking.com download through to a booking import, and lists both in the history', async () => {
    await page.goto(`${server.url}/admin/guests/import`);
    await page.getByTestId('import-file').setInputFiles(path.join(FIXTURES, 'booking-com-en.xlsx'));
    await page.getByTestId('mapping-table').waitFor({ timeout: 30_000 });
    await expect(page.getByTestId('detected-format').innerText()).resolves.toBe('Booking.com reservations download');
    await expect(page.getByTestId('detected-kind').innerText()).resolves.toBe('Excel workbook (.xlsx)');
    await expect(mappingRow(page, 'Booked by').getAttribute('data-field')).resolves.toBe('fullName');

    await page.getByTestId('import-check').click();
    await page.getByTestId('import-dry-run').waitFor({ timeout: 30_000 });
    await count(page, 'records').toBe(3);
    await count(page, 'created').toBe(2);
    await count(page, 'invalid').toBe(1);
    await page.getByTestId('import-dry-run').getByText('Neither a first nor a last name').waitFor();

    await page.getByTestId('import-start').click();
    await page.getByTestId('import-result').waitFor({ timeout: 60_000 });
    await count(page, 'created').toBe(2);
    await page.getByTestId('extras-bookings').waitFor();
    await page.getByTestId('import-error-report').waitFor();

    const rows = page.getByTestId('import-history-row');
    const real = (file: string) =>
      rows.filter({ has: page.getByTestId('import-history-file').getByText(file, { exact: true }) }).filter({
        has: page.getByTestId('import-history-mode').getByText('Import', { exact: true }),
      });
    await expect.poll(() => real('booking-com-en.xlsx').count(), { timeout: 15_000 }).toBe(1);
    await expect.poll(() => real('booking-com-en.xlsx').getByTestId('import-status').textContent()).toBe('Done');
    await expect(real('booking-com-en.xlsx').getByTestId('import-history-counts').innerText()).resolves.toBe(
      '3 records · 2 created · 0 updated · 1 with errors',
    );
    await expect.poll(() => real('prestashop-import.csv').count()).toBe(1);
    // Dry runs are listed too.
    await expect
      .poll(() => rows.filter({ has: page.getByTestId('import-history-mode').getByText('Dry run') }).count())
      .toBeGreaterThanOrEqual(3);
  });

  it('the Import & export page offers Import and lists the same history', async () => {
    await page.getByTestId('nav-importExport').click();
    await page.waitForURL(/\/admin\/import-export$/);
    await page.getByTestId('import-history').waitFor();
    await page.getByTestId('hub-import').click();
    await page.waitForURL(/\/admin\/guests\/import$/);
  });

  it('speaks Spanish: detected format, counts and the import button', async () => {
    await page.getByTestId('language-switcher').click();
    await page.getByTestId('language-option-es').click();
    await page.locator('html[lang="es"]').waitFor({ state: 'attached' });
    await page.getByRole('heading', { name: 'Importar huéspedes' }).waitFor();
    await page.getByTestId('import-history').getByText('Simulación').first().waitFor();

    await page.getByTestId('import-file').setInputFiles(path.join(FIXTURES, 'booking-com-es.xlsx'));
    await page.getByTestId('mapping-table').waitFor({ timeout: 30_000 });
    await expect(page.getByTestId('detected-format').innerText()).resolves.toBe('Descarga de reservas de Booking.com');
    await expect(page.getByTestId('detected-kind').innerText()).resolves.toBe('Libro de Excel (.xlsx)');
    await page.getByRole('columnheader', { name: 'Primeros valores' }).waitFor();
    await page.getByTestId('import-check').click();
    await page.getByTestId('import-dry-run').waitFor({ timeout: 30_000 });
    await count(page, 'records').toBe(3);
    await page.getByTestId('count-created').getByText('Por crear').waitFor();
    await expect(page.getByTestId('import-start').innerText()).resolves.toBe('Importar 2 huéspedes');
  });

  it('opens a past dry run from the history at its check; once its file is gone it says so', async () => {
    await page.goto(`${server.url}/admin/import-export`);
    const rows = page.getByTestId('import-history-row');
    const dryRunOf = (file: string) =>
      rows
        .filter({ has: page.getByTestId('import-history-file').getByText(file, { exact: true }) })
        .filter({ has: page.getByTestId('import-history-mode').getByText('Simulación', { exact: true }) });

    // Its upload is kept (only dry runs used it): it can be imported for real from here.
    await dryRunOf('booking-com-es.xlsx').first().getByTestId('import-history-file').click();
    await page.waitForURL(/\/admin\/guests\/import\?import=/);
    await page.getByTestId('import-dry-run').waitFor();
    await count(page, 'records').toBe(3);
    await expect(page.getByTestId('import-start').isEnabled()).resolves.toBe(true);

    // The English file was imported for real: its upload was deleted when that import ended.
    await page.goto(`${server.url}/admin/import-export`);
    await dryRunOf('booking-com-en.xlsx').first().getByTestId('import-history-file').click();
    await page.getByTestId('import-upload-gone').waitFor();
    await expect(page.getByTestId('import-start').isDisabled()).resolves.toBe(true);
  });

  it('reception (imports:read) sees the past imports but no upload', async () => {
    const app = server.runtime.app;
    const login = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: server.admin });
    const cookie = cookieOf(login);
    const csrf = login.json<{ csrfToken: string }>().csrfToken;
    const rita = { email: 'rita@hotel.test', password: 'rita-long-password' };
    const created = await app.inject({
      method: 'POST',
      url: '/api/v1/staff',
      headers: { cookie, 'x-csrf-token': csrf },
      payload: { name: 'Rita Reception', role: 'reception', ...rita },
    });
    expect(created.statusCode, created.body).toBe(201);

    const reception = await browser.newContext({ locale: 'en-US', viewport: { width: 1366, height: 1000 } });
    try {
      const ritaPage = await reception.newPage();
      await signInToAdmin(ritaPage, server.url, rita);
      await ritaPage.goto(`${server.url}/admin/guests`);
      await ritaPage.getByTestId('guest-create').waitFor();
      expect(await ritaPage.getByTestId('guest-import').count()).toBe(0);
      await ritaPage.goto(`${server.url}/admin/guests/import`);
      await expect.poll(() => ritaPage.getByTestId('import-history-row').count()).toBeGreaterThanOrEqual(5);
      expect(await ritaPage.getByTestId('import-drop').count()).toBe(0);
      await ritaPage.goto(`${server.url}/admin/import-export`);
      await ritaPage.getByText('Your role can see past imports but not run one.').waitFor();
    } finally {
      await reception.close();
    }
  });
});
