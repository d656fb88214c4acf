import { type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildWeb } from '../../scripts/build-web.mjs';
import { launchChromium, signInToAdmin } from '../support/browser.ts';
import { hasChromium } from '../support/environment.ts';
import { staffApi } from '../support/staff-api.ts';
import { startTestServer } from '../support/test-server.ts';

/**
 * Issue 15 in the admin: edit a company's details, attach a booking to it from the company page,
 * detach and attach it again from the booking page, and list the company's people.
 */
describe.skipIf(!hasChromium)('company edit and booking attach in a real browser', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let companyId = '';
  let booking = { id: '', reference: '' };

  beforeAll(async () => {
    buildWeb();
    server = await startTestServer();
    const api = await staffApi(server.url, server.admin);
    const properties = (await api.get('/properties')) as { items: { id: string }[] };
    await api.post(`/properties/${properties.items[0]!.id}/room-types`, {
      name: 'Double',
      capacity: 2,
      nightlyPrice: 110,
      roomCount: 10,
    });
    companyId = (await api.post('/companies', { name: 'Acme Travel', country: 'FR' })).id as string;
    await api.post(`/companies/${companyId}/contacts`, {
      firstName: 'Bruno',
      lastName: 'Keller',
      email: 'bruno@acme.example',
      roles: ['billing'],
      invite: false,
    });
    booking = (await api.post('/bookings', {
      source: 'api',
      externalRef: 'ATTACH-1',
      checkIn: '2027-04-01',
      checkOut: '2027-04-03',
      roomTypeName: 'double',
      total: 300,
      currency: 'EUR',
      customer: { firstName: 'Tomás', lastName: 'Viajero', email: 'tomas@travel.example' },
    })) as { id: string; reference: string };
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

  it('edits the company’s details; the history records the change', async () => {
    await page.goto(`${server.url}/admin/companies/${companyId}`);
    await page.getByTestId('company-edit').click();
    await page.getByTestId('company-edit-legalName').fill('Acme Voyages SAS');
    await page.getByTestId('company-edit-address-city').fill('Besançon');
    await page.getByTestId('company-edit-taxId').fill('123');
    await page.getByTestId('company-edit-save').click();
    // A wrong tax id is refused on its field; the dialog stays open.
    await expect.poll(() => page.getByTestId('company-edit-taxId').getAttribute('aria-invalid')).toBe('true');
    await page.getByTestId('company-edit-taxId').fill('552032534');
    await page.getByTestId('company-edit-save').click();
    await expect.poll(() => page.getByTestId('company-edit-save').count()).toBe(0);
    await expect.poll(() => page.locator('main').innerText()).toContain('Acme Voyages SAS');
    expect(await page.locator('main').innerText()).toContain('Besançon');
    await expect.poll(() => page.getByTestId('company-history').innerText()).toMatch(/Legal name|legalName/);
  });

  it('attaches a booking from the company page, with its contact', async () => {
    await page.getByTestId('company-attach-booking').click();
    await page.getByTestId('attach-booking').pressSequentially(booking.reference, { delay: 20 });
    await page.getByRole('option', { name: new RegExp(booking.reference) }).click();
    await page.getByTestId('attach-contact').click();
    await page.getByRole('option', { name: 'Bruno Keller' }).click();
    await page.getByTestId('attach-save').click();
    await expect.poll(() => page.getByTestId('company-bookings').innerText()).toContain(booking.reference);
    if (process.env.SCREENSHOTS) await page.screenshot({ path: '/tmp/company-attach.png', fullPage: true });
  });

  it('shows, detaches and re-attaches it from the booking page', async () => {
    await page.getByTestId('company-bookings').getByRole('link', { name: booking.reference }).click();
    const card = page.getByTestId('booking-company');
    await expect.poll(() => card.innerText()).toContain('Acme Travel · Bruno Keller');
    await card.getByTestId('booking-company-detach').click();
    await expect.poll(() => card.innerText()).toContain('Not for a company');
    await card.getByTestId('booking-company-attach').click();
    await page.getByTestId('attach-company').pressSequentially('Acme', { delay: 20 });
    await page.getByRole('option', { name: 'Acme Travel' }).click();
    await page.getByTestId('attach-save').click();
    await expect.poll(() => card.innerText()).toContain('Acme Travel');
  });

  it('lists the company’s people in the guest list, filtered by company', async () => {
    await page.goto(`${server.url}/admin/companies/${companyId}`);
    await page.getByTestId('company-guests').click();
    await page.waitForURL(/\/admin\/guests\?companyId=cmp_/);
    await expect.poll(() => page.getByTestId('active-filter-companyId').innerText()).toContain('Acme Travel');
    await expect.poll(() => page.locator('main').innerText()).toContain('Viajero');
    expect(await page.locator('main').innerText()).toContain('Keller');
  });
});
