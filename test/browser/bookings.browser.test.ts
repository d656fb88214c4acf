import { type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasChromium } from '../support/environment.ts';
import { startTestServer } from '../support/test-server.ts';
import { launchChromium, signInToAdmin } from '../support/browser.ts';
import { buildWeb } from '../../scripts/build-web.mjs';

/** Room types are set up through the API, as an integration would (the UI for them is elsewhere). */
async function createRoomTypes(url: string, email: string, password: string) {
  const login = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const headers = { cookie, 'x-csrf-token': csrfToken, 'content-type': 'application/json' };
  const properties = (await (await fetch(`${url}/api/v1/properties`, { headers })).json()) as {
    items: { id: string }[];
  };
  const propertyId = properties.items[0]?.id ?? '';
  for (const roomType of [
    { name: 'Double', capacity: 2, nightlyPrice: 110, roomCount: 10 },
    { name: 'Suite', capacity: 4, nightlyPrice: 250, roomCount: 1 },
  ]) {
    const res = await fetch(`${url}/api/v1/properties/${propertyId}/room-types`, {
      method: 'POST',
      headers,
      body: JSON.stringify(roomType),
    });
    if (res.status !== 201) throw new Error(`room type: ${res.status} ${await res.text()}`);
  }
}

describe.skipIf(!hasChromium)('bookings and the blocklist in a real browser', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const references: string[] = [];
  let profileUrl = '';

  /** Fills the stay on the booking form and picks the room type from the availability table. */
  async function fillStay(checkIn: string, checkOut: string, roomType: string) {
    await page.locator('input[name=checkIn]').fill(checkIn);
    await page.locator('input[name=checkOut]').fill(checkOut);
    const row = page.getByTestId('availability-row').filter({ hasText: roomType });
    await expect.poll(() => row.innerText(), { timeout: 10_000 }).toMatch(/\d+$/);
    await row.click();
  }

  async function submitBooking() {
    await page.getByTestId('booking-submit').click();
    await page.waitForURL(/\/admin\/bookings\/bkg_/);
    const reference = await page.getByTestId('booking-page-reference').innerText();
    references.push(reference);
    return reference;
  }

  async function pickSelectOption(testId: string, option: string) {
    await page.getByTestId(testId).click();
    await page.getByRole('option', { name: option, exact: true }).click();
  }

  beforeAll(async () => {
    buildWeb();
    server = await startTestServer();
    await createRoomTypes(server.url, server.admin.email, server.admin.password);
    browser = await launchChromium();
    context = await browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 900 } });
    page = await context.newPage();

    await signInToAdmin(page, server.url, server.admin);
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await server?.close();
  });

  it('books a walk-in guest without an e-mail, created inline by typing the name', async () => {
    await page.getByTestId('nav-bookings').click();
    await page.getByTestId('booking-empty').waitFor();
    await page.getByTestId('booking-create').click();
    await page.waitForURL(/\/admin\/bookings\/new$/);

    await page.getByTestId('customer-search').pressSequentially('Marta Ruiz', { delay: 20 });
    await page.getByTestId('customer-option-new').click();
    const newGuest = page.getByTestId('customer-new');
    expect(await newGuest.locator('input[name="customer.firstName"]').inputValue()).toBe('Marta');
    expect(await newGuest.locator('input[name="customer.lastName"]').inputValue()).toBe('Ruiz');

    await pickSelectOption('booking-source', 'Walk-in');
    await fillStay('2027-04-10', '2027-04-12', 'Double');
    await submitBooking();

    await page.getByTestId('booking-page-customer').getByText('Marta Ruiz').waitFor();
    await page.getByTestId('booking-page-total').getByText('220.00').waitFor();
    expect(await page.getByTestId('booking-page-created-by').innerText()).not.toBe('');
    await page.getByTestId('booking-status').getByText('Confirmed').waitFor();
  });

  it('finds the same guest as you type for a second booking', async () => {
    await page.goto(`${server.url}/admin/bookings/new`);
    await page.getByTestId('customer-search').pressSequentially('mart', { delay: 40 });
    await page.getByTestId('customer-option').filter({ hasText: 'Marta Ruiz' }).click();
    await page.getByTestId('customer-selected-name').getByText('Marta Ruiz').waitFor();

    await pickSelectOption('booking-source', 'Phone');
    await fillStay('2027-06-01', '2027-06-04', 'Suite');
    await page.getByTestId('booking-total').fill('690');
    await submitBooking();
    await page.getByTestId('booking-page-total').getByText('690.00').waitFor();
  });

  it('shows both bookings on the guest profile', async () => {
    await page.getByTestId('booking-page-customer').click();
    await page.waitForURL(/\/admin\/guests\/gst_/);
    profileUrl = page.url();
    await page.getByTestId('tab-bookings').click();
    await expect
      .poll(() => page.getByTestId('guest-booking-reference').allInnerTexts(), { timeout: 10_000 })
      .toEqual([references[1], references[0]]);
    // One profile for both bookings: the counter says so.
    await page.getByTestId('guest-header').getByText('2', { exact: true }).first().waitFor();
  });

  it('edits the status of a booking and cancels the other', async () => {
    await page
      .getByTestId('guest-booking-reference')
      .getByText(references[0] ?? '')
      .click();
    await page.waitForURL(/\/admin\/bookings\/bkg_/);
    await pickSelectOption('booking-edit-status', 'In house');
    await page.getByTestId('booking-save').click();
    await page.getByTestId('booking-details').getByTestId('booking-status').getByText('In house').waitFor();

    await page.goto(`${server.url}/admin/bookings`);
    await page
      .getByTestId('booking-reference')
      .getByText(references[1] ?? '')
      .click();
    await page.getByTestId('booking-cancel').click();
    await page.getByTestId('booking-cancel-confirm').click();
    await page.getByTestId('booking-details').getByTestId('booking-status').getByText('Cancelled').waitFor();
    expect(await page.getByTestId('booking-cancel').count()).toBe(0);
  });

  it('blocks the guest, and their next booking is flagged in the list', async () => {
    await page.goto(profileUrl);
    await page.getByTestId('guest-block').click();
    await page.getByTestId('block-reason').fill('Damaged the room in April');
    await page.getByTestId('block-confirm').click();
    await page
      .getByTestId('guest-blocked-banner')
      .getByText(/Damaged the room in April/)
      .waitFor();

    await page.getByTestId('guest-new-booking').click();
    await page.waitForURL(/\/admin\/bookings\/new\?guestId=gst_/);
    await page.getByTestId('customer-selected-name').getByText('Marta Ruiz').waitFor();
    await page.getByTestId('customer-blocked').waitFor();
    await fillStay('2027-09-01', '2027-09-02', 'Double');
    const flagged = await submitBooking();
    await page.getByTestId('booking-flagged-alert').waitFor();

    await page.goto(`${server.url}/admin/bookings`);
    const row = page.getByTestId('booking-row').filter({ hasText: flagged });
    await row.getByTestId('booking-flagged').waitFor();
    expect(await row.getAttribute('data-flagged')).toBe('true');
    // The older bookings were made before the block and are not flagged.
    for (const reference of references.slice(0, 2)) {
      const older = page.getByTestId('booking-row').filter({ hasText: reference });
      expect(await older.getByTestId('booking-flagged').count()).toBe(0);
    }

    await pickSelectOption('filter-flagged', 'Only bookings of blocked guests');
    await expect
      .poll(() => page.getByTestId('booking-reference').allInnerTexts(), { timeout: 10_000 })
      .toEqual([flagged]);
  });

  it('manages room types in Settings → Properties & rooms', async () => {
    await page.goto(`${server.url}/admin/settings/properties`);
    const card = page.getByTestId('property-card').first();
    const roomTypes = () => card.getByTestId('room-type-row').allInnerTexts();
    await expect.poll(roomTypes, { timeout: 10_000 }).toHaveLength(2);

    await card.getByTestId('room-type-create').click();
    const form = page.getByTestId('room-type-form');
    await form.locator('input[name=name]').fill('Family');
    await form.locator('input[name=capacity]').fill('4');
    await form.locator('input[name=nightlyPrice]').fill('160');
    await form.locator('input[name=roomCount]').fill('3');
    await page.getByTestId('room-type-save').click();
    await expect.poll(roomTypes, { timeout: 10_000 }).toHaveLength(3);
    const family = card.getByTestId('room-type-row').filter({ hasText: 'Family' });
    expect(await family.innerText()).toMatch(/160\.00/);

    // A second "family" in the same property is refused on the name field.
    await card.getByTestId('room-type-create').click();
    await form.locator('input[name=name]').fill('family');
    await form.locator('input[name=nightlyPrice]').fill('99');
    await page.getByTestId('room-type-save').click();
    await form.getByText('The property already has a room type with this name').waitFor();
    await page.keyboard.press('Escape');

    // Deleting a room type that bookings use is refused; an unused one goes.
    await card.getByTestId('room-type-row').filter({ hasText: 'Double' }).getByTestId('room-type-delete').click();
    await page.getByTestId('confirm-delete').click();
    await page.getByText('Bookings use this room type, so it cannot be deleted.', { exact: false }).waitFor();
    await family.getByTestId('room-type-delete').click();
    await page.getByTestId('confirm-delete').click();
    await expect.poll(roomTypes, { timeout: 10_000 }).toHaveLength(2);
  });
});
