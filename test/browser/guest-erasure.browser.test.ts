import { type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildWeb } from '../../scripts/build-web.mjs';
import { registerCustomerWithPassword, signInToAccount } from '../support/account-browser.ts';
import { launchChromium, signInToAdmin } from '../support/browser.ts';
import { hasChromium } from '../support/environment.ts';
import { startTestServer } from '../support/test-server.ts';

/**
 * Issue 12 (P-1), the flow the issue asks for in a real browser: deleting a guest is refused while
 * they have an upcoming booking → "Replace guest" on that booking → delete → their past booking
 * shows ***** where they were. Then a customer's own "Delete my account" in /account.
 */
describe.skipIf(!hasChromium)('erasing a guest in a real browser', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let browser: Browser;
  let owner: BrowserContext;
  let page: Page;
  let erikaId: string;
  let upcoming: { id: string; reference: string };
  let past: { id: string; reference: string };
  let roomTypeId: string;
  let post: <T>(path: string, data: unknown) => Promise<T>;

  beforeAll(async () => {
    buildWeb();
    server = await startTestServer();
    browser = await launchChromium();
    owner = await browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 900 } });
    page = await owner.newPage();
    await signInToAdmin(page, server.url, server.admin);
    const login = await owner.request.post(`${server.url}/api/v1/auth/login`, { data: server.admin });
    const headers = { 'x-csrf-token': ((await login.json()) as { csrfToken: string }).csrfToken };
    post = async <T>(path: string, data: unknown) => {
      const res = await owner.request.post(`${server.url}/api/v1${path}`, { data, headers });
      expect(res.status(), await res.text()).toBeLessThan(300);
      return (await res.json()) as T;
    };
    erikaId = (
      await post<{ id: string }>('/guests', {
        firstName: 'Erika',
        lastName: 'Borrable',
        email: 'erika.borrable@example.org',
        phone: '+34 611 22 33 44',
      })
    ).id;
    await post('/guests', { firstName: 'Tomás', lastName: 'Sustituto', email: 'tomas.sustituto@example.org' });
    const properties = await (await owner.request.get(`${server.url}/api/v1/properties`)).json();
    roomTypeId = (
      await post<{ id: string }>(`/properties/${properties.items[0].id}/room-types`, {
        name: 'Double',
        capacity: 2,
        nightlyPrice: 90,
        roomCount: 5,
      })
    ).id;
    const book = () =>
      post<{ id: string; reference: string }>('/bookings', {
        checkIn: '2027-05-10',
        checkOut: '2027-05-12',
        roomTypeId,
        source: 'staff',
        customer: { guestId: erikaId },
      });
    upcoming = await book();
    past = await book();
    // A stay that is over (the API only books forward).
    await server.runtime.database.system
      .updateTable('booking')
      .set({ checkIn: '2024-02-01', checkOut: '2024-02-03', status: 'checked_out' })
      .where('id', '=', past.id)
      .execute();
  });

  afterAll(async () => {
    await owner?.close();
    await browser?.close();
    await server?.close();
  });

  const openDelete = async () => {
    await page.goto(`${server.url}/admin/guests/${erikaId}`);
    await page.getByTestId('guest-profile-name').getByText('Erika Borrable').waitFor();
    await page.getByRole('button', { name: 'More actions' }).click();
    await page.getByRole('menuitem', { name: 'Delete guest' }).click();
    return page.getByTestId('delete-guest-modal');
  };

  it('refuses while the guest has an upcoming booking, naming it and what would be erased', async () => {
    const dialog = await openDelete();
    await dialog.getByTestId('erasure-preview').getByText('1 e-mail address').waitFor();
    await dialog.getByText('1 past booking', { exact: false }).waitFor();
    const blocking = dialog.getByTestId('guest-upcoming-bookings');
    await blocking.getByText(upcoming.reference, { exact: false }).waitFor();
    expect(await dialog.getByTestId('delete-guest-submit').isDisabled()).toBe(true);
    if (process.env.SCREENSHOTS) await page.screenshot({ path: '/tmp/erasure-refused.png' });
  });

  it('replaces the guest on that booking from the refusal, in one click and a search', async () => {
    const dialog = page.getByTestId('delete-guest-modal');
    await dialog.getByTestId('upcoming-replace-guest').click();
    await page.waitForURL(new RegExp(`/admin/bookings/${upcoming.id}`));
    const modal = page.getByTestId('replace-guest-modal');
    await modal.waitFor();
    expect(await modal.getByTestId('replace-from').inputValue()).toContain('Erika Borrable');
    await modal.getByTestId('replace-to-search').fill('Sustituto');
    await page.getByTestId('replace-to-option').filter({ hasText: 'Tomás Sustituto' }).click();
    await modal.getByTestId('replace-to-selected-name').getByText('Tomás Sustituto').waitFor();
    if (process.env.SCREENSHOTS) await page.screenshot({ path: '/tmp/erasure-replace.png' });
    await modal.getByTestId('replace-submit').click();
    await page.getByText(`Guest replaced on ${upcoming.reference}.`).waitFor();
    await page.getByTestId('booking-page-customer').getByText('Tomás Sustituto').waitFor();
  });

  it('then deletes the guest after the typed-name confirmation', async () => {
    const dialog = await openDelete();
    await dialog.getByTestId('erasure-preview').waitFor();
    expect(await dialog.getByTestId('guest-upcoming-bookings').count()).toBe(0);
    const submit = dialog.getByTestId('delete-guest-submit');
    await dialog.getByTestId('delete-confirm-name').fill('Erika');
    await dialog.getByTestId('delete-confirm-check').check();
    expect(await submit.isDisabled()).toBe(true);
    await dialog.getByTestId('delete-confirm-name').fill('erika  borrable');
    await expect.poll(() => submit.isDisabled()).toBe(false);
    await submit.click();
    await page.waitForURL(/\/admin\/guests(\?.*)?$/);
    await expect
      .poll(async () => (await owner.request.get(`${server.url}/api/v1/guests/${erikaId}`)).status(), {
        timeout: 10_000,
      })
      .toBe(404);
  });

  it('shows ***** on the past booking, in its page and in the booking list, and nothing of the guest', async () => {
    await page.goto(`${server.url}/admin/bookings/${past.id}`);
    const customer = page.getByTestId('booking-page-customer');
    await customer.getByText('*****').first().waitFor();
    expect(await customer.textContent()).toContain('E-mail: *****');
    await page.getByTestId('booking-page-reference').getByText(past.reference).waitFor();
    const html = await page.content();
    expect(html).not.toContain('Erika');
    expect(html).not.toContain('erika.borrable');
    await page.goto(`${server.url}/admin/bookings?q=${past.reference}`);
    const row = page.getByTestId('booking-customer').first();
    await row.getByText('*****').waitFor();
    expect(await page.content()).not.toContain('Borrable');
    if (process.env.SCREENSHOTS) await page.screenshot({ path: '/tmp/erasure-asterisks.png' });
  });

  it('shows in Settings → Privacy how many guests the retention rule would touch before switching it on', async () => {
    const old = new Date('2016-01-01T00:00:00Z');
    const dormant = await post<{ id: string }>('/guests', { firstName: 'Dormida', lastName: 'Antigua' });
    await server.runtime.database.system
      .updateTable('guest')
      .set({ createdAt: old, updatedAt: old, lastActivityAt: old })
      .where('id', '=', dormant.id)
      .execute();
    await page.goto(`${server.url}/admin/settings/privacy`);
    const settings = page.getByTestId('privacy-settings');
    await settings.waitFor();
    expect(await page.getByTestId('retention-enabled').isChecked()).toBe(false);
    await page.getByTestId('retention-years').fill('5');
    await settings
      .getByTestId('retention-preview')
      .getByText('With 5 years, 1 guest would be anonymised now.')
      .waitFor();
    await page.getByTestId('retention-enabled').check();
    if (process.env.SCREENSHOTS) await page.screenshot({ path: '/tmp/erasure-privacy-settings.png' });
    await page.getByTestId('privacy-save').click();
    await page.getByText('Privacy settings saved.').waitFor();
    const saved = await owner.request.get(`${server.url}/api/v1/settings/privacy`);
    expect(await saved.json()).toMatchObject({ retentionYears: 5, backupDays: 30 });
  });

  it('lets a customer delete their own account in /account, and says what happens', async () => {
    const email = 'clara.cuenta@example.org';
    const password = 'clara-long-password-3';
    await registerCustomerWithPassword(server, { firstName: 'Clara', lastName: 'Cuenta', email, password });
    const context = await browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 900 } });
    const customer = await context.newPage();
    await signInToAccount(customer, server.url, { email, password });
    await customer.getByTestId('nav-delete-account').click();
    const form = customer.getByTestId('delete-account-form');
    await form.getByText('It happens immediately', { exact: false }).waitFor();
    await customer.getByTestId('delete-account-password').fill('not-the-password');
    await customer.getByTestId('delete-account-confirm').check();
    await customer.getByTestId('delete-account-submit').click();
    await form.getByText('This password is not correct.').waitFor();
    await customer.getByTestId('delete-account-password').fill(password);
    if (process.env.SCREENSHOTS) await customer.screenshot({ path: '/tmp/erasure-account.png' });
    await customer.getByTestId('delete-account-submit').click();
    const done = customer.getByTestId('account-deleted');
    await done.getByText('Your account was deleted').waitFor();
    await done.getByText('within 30 days', { exact: false }).waitFor();
    const account = await server.runtime.database.system
      .selectFrom('customerAccount')
      .select('id')
      .where('username', '=', email)
      .executeTakeFirst();
    expect(account).toBeUndefined();
    // Signed out: the area sends the visitor to the sign-in page.
    await customer.goto(`${server.url}/account/`);
    await customer.getByTestId('account-sign-in-card').waitFor();
    await context.close();
  });
});
