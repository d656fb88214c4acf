import { type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasChromium } from '../support/environment.ts';
import { startAdminBrowser, type AdminBrowser } from '../support/admin-browser.ts';

const JOSE = 'José Müller-Etxeberria';

/** The names in the guest list, polled until they match (the list loads and re-queries as you type). */
const listedNames = (page: Page) =>
  expect.poll(() => page.getByTestId('guest-name').allInnerTexts(), { timeout: 15_000 });

describe.skipIf(!hasChromium)('guest database in a real browser', () => {
  let server: AdminBrowser['server'];
  let close: (() => Promise<void>) | undefined;
  let page: Page;
  let joseUrl = '';

  async function createGuest(fields: { firstName: string; lastName: string; phone?: string; email?: string }) {
    await page.goto(`${server.url}/admin/guests/new`);
    const form = page.getByTestId('guest-form');
    await form.locator('input[name=firstName]').fill(fields.firstName);
    await form.locator('input[name=lastName]').fill(fields.lastName);
    if (fields.email) await form.locator('input[name="emails.0.email"]').fill(fields.email);
    if (fields.phone) await form.locator('input[name="phones.0.number"]').fill(fields.phone);
    await page.getByTestId('guest-save').click();
    await page.waitForURL(/\/admin\/guests\/gst_/);
    await page.getByTestId('guest-profile-name').getByText(`${fields.firstName} ${fields.lastName}`).waitFor();
  }

  /** Types into the search box like a person would, and returns the names listed for it. */
  async function search(text: string) {
    const box = page.getByTestId('guest-search');
    await box.fill('');
    await box.pressSequentially(text, { delay: 30 });
    await expect.poll(() => new URL(page.url()).searchParams.get('q'), { timeout: 5_000 }).toBe(text);
  }

  beforeAll(async () => {
    ({ server, page, close } = await startAdminBrowser({ width: 1280, height: 900 }));
  });
  afterAll(() => close?.());

  it('creates a guest with a phone number typed as the guest gave it', async () => {
    await page.getByTestId('nav-guests').click();
    await page.getByTestId('guest-create').click();
    await page.waitForURL(/\/admin\/guests\/new$/);

    await createGuest({ firstName: 'José', lastName: 'Müller-Etxeberria', phone: '+34 612 34 56 78' });
    // Shown as entered; stored in E.164.
    const phone = page.locator('input[name="phones.0.number"]');
    expect(await phone.inputValue()).toBe('+34 612 34 56 78');
    await page.getByText('Stored as +34612345678').waitFor();

    await createGuest({ firstName: 'Ana', lastName: 'García López', email: 'ana@example.com' });
  });

  it('finds him as you type: by "jose mull", by "5678" and by "etxebe"', async () => {
    await page.goto(`${server.url}/admin/guests`);
    await listedNames(page).toHaveLength(2);

    for (const text of ['jose mull', '5678', 'etxebe']) {
      await search(text);
      await listedNames(page).toEqual([JOSE]);
    }
    await search('garcia');
    await listedNames(page).toEqual(['Ana García López']);
  });

  it('tags him VIP on his profile', async () => {
    await search('etxebe');
    await listedNames(page).toEqual([JOSE]);
    await page.getByTestId('guest-name').first().click();
    await page.waitForURL(/\/admin\/guests\/gst_/);

    await page.getByTestId('guest-tags').click();
    await page.getByRole('option', { name: 'VIP', exact: true }).click();
    await page.keyboard.press('Escape');
    await page.getByTestId('guest-save').click();
    await page.getByTestId('guest-save-bar').getByText('All changes saved').waitFor();
    await page.getByTestId('guest-header').getByTestId('tag-badge').getByText('VIP').waitFor();
    joseUrl = page.url();
  });

  it('filters the list by the VIP tag and saves that as a segment', async () => {
    await page.goto(`${server.url}/admin/guests`);
    await listedNames(page).toHaveLength(2);

    await page.getByTestId('filters-button').click();
    await page.getByTestId('filter-tags').click();
    await page.getByRole('option', { name: 'VIP', exact: true }).click();
    await page.getByTestId('filter-apply').click();
    await page.getByTestId('active-filter-tag').getByText('Tags: VIP').waitFor();
    await listedNames(page).toEqual([JOSE]);
    expect(new URL(page.url()).searchParams.getAll('tag')).toEqual(['VIP']);

    await page.getByTestId('segments-button').click();
    await page.getByTestId('segment-save').click();
    await page.locator('input[name=segmentName]').fill('VIP guests');
    await page.getByTestId('segment-save-submit').click();
    await page.getByTestId('segments-button').getByText('VIP guests').waitFor();

    // The saved segment is listed with its count, and applying it brings the filter back.
    await page.goto(`${server.url}/admin/guests`);
    await listedNames(page).toHaveLength(2);
    await page.getByTestId('segments-button').click();
    const item = page.getByTestId('segment-item').filter({ hasText: 'VIP guests' });
    await item.getByText('1', { exact: true }).waitFor();
    await item.click();
    await listedNames(page).toEqual([JOSE]);
  });

  it('shows the tag change in his history', async () => {
    // Opened by its address: clicking the list while a segment re-queries it raced the navigation.
    await page.goto(joseUrl);
    await page.getByTestId('guest-profile-name').getByText(JOSE).waitFor();
    await page.getByTestId('tab-history').click();
    const change = page.getByTestId('history-row').filter({ hasText: 'Tags' });
    await change.first().waitFor();
    expect(await change.first().innerText()).toContain('VIP');
  });
});
