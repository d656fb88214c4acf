import { type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasChromium } from '../support/environment.ts';
import { startTestServer } from '../support/test-server.ts';
import { launchChromium, signInToAdmin } from '../support/browser.ts';
import { buildWeb } from '../../scripts/build-web.mjs';

/** Issue 11 points 4 and 18 in the admin: masked personal data, and why a guest cannot be deleted. */
describe.skipIf(!hasChromium)('guest privacy in a real browser', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let browser: Browser;
  let owner: BrowserContext;
  let page: Page;
  let guestId: string;
  let booking: { id: string; reference: string };
  const reader = { email: 'reader@hotel.test', password: 'reader-long-password-7' };

  beforeAll(async () => {
    buildWeb();
    server = await startTestServer();
    browser = await launchChromium();
    owner = await browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 900 } });
    page = await owner.newPage();
    await signInToAdmin(page, server.url, server.admin);
    // Data through the API, in the owner's session (the context shares its cookies).
    const login = await owner.request.post(`${server.url}/api/v1/auth/login`, { data: server.admin });
    const headers = { 'x-csrf-token': ((await login.json()) as { csrfToken: string }).csrfToken };
    const post = async <T>(path: string, data: unknown) => {
      const res = await owner.request.post(`${server.url}/api/v1${path}`, { data, headers });
      expect(res.status(), await res.text()).toBeLessThan(300);
      return (await res.json()) as T;
    };
    await post('/staff', { name: 'Reader', role: 'read_only', ...reader });
    guestId = (
      await post<{ id: string }>('/guests', {
        firstName: 'Julia',
        lastName: 'Reservada',
        email: 'julia.reservada@gmail.com',
        phone: '+34 699 12 34 12',
      })
    ).id;
    const properties = await (await owner.request.get(`${server.url}/api/v1/properties`)).json();
    const room = await post<{ id: string }>(`/properties/${properties.items[0].id}/room-types`, {
      name: 'Double',
      capacity: 2,
      nightlyPrice: 90,
      roomCount: 5,
    });
    booking = await post('/bookings', {
      checkIn: '2027-05-10',
      checkOut: '2027-05-12',
      roomTypeId: room.id,
      source: 'staff',
      customer: { guestId },
    });
  });

  afterAll(async () => {
    await owner?.close();
    await browser?.close();
    await server?.close();
  });

  it('shows a read-only colleague the profile with personal data masked', async () => {
    const context = await browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 900 } });
    const readerPage = await context.newPage();
    await signInToAdmin(readerPage, server.url, reader);
    await readerPage.goto(`${server.url}/admin/guests/${guestId}`);
    await readerPage.getByTestId('personal-data-masked').waitFor();
    const form = readerPage.getByTestId('guest-form');
    await expect.poll(() => form.locator('input[name="emails.0.email"]').inputValue()).toBe('j•••@gmail.com');
    expect(await readerPage.content()).not.toContain('julia.reservada');
    await context.close();
  });

  it('tells the owner why the guest cannot be deleted and links to the upcoming booking', async () => {
    await page.goto(`${server.url}/admin/guests/${guestId}`);
    await page.getByRole('button', { name: 'More actions' }).click();
    await page.getByRole('menuitem', { name: 'Delete guest' }).click();
    // The confirmation lists the upcoming bookings at once (erasure preview), before any attempt.
    const alert = page.getByTestId('guest-upcoming-bookings');
    await alert.getByText(booking.reference).click();
    await page.waitForURL(new RegExp(`/admin/bookings/${booking.id}`));
  });
});
