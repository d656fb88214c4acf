import { type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildWeb } from '../../scripts/build-web.mjs';
import { setPasswordFromLink, submitAccountSignIn } from '../support/account-browser.ts';
import { launchChromium, signInToAdmin } from '../support/browser.ts';
import { hasChromium } from '../support/environment.ts';
import { startSmtpServer, type TestSmtpServer } from '../support/smtp.ts';
import { startTestServer } from '../support/test-server.ts';

const VISITOR = { firstName: 'Clara', lastName: 'Visitor', email: 'clara.visitor@example.com' };
const PASSWORD = 'clara-secret-password';

/**
 * The booking site end to end (issue 5 acceptance): a visitor books with "create an account"
 * ticked, the e-mail arrives at a real SMTP server, she sets her password from its link, signs
 * in and sees the booking; then, signed in at checkout, she books for Ben.
 */
describe.skipIf(!hasChromium)('booking site in a real browser', () => {
  let smtp: TestSmtpServer;
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let browser: Browser;
  let staff: BrowserContext;
  let staffPage: Page;
  let staffHeaders: Record<string, string>;
  let firstReference = '';
  let firstPropertyId = '';

  const api = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const res = await fetch(`${server.url}/api/v1${path}`, {
      method,
      headers: { ...staffHeaders, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  };

  beforeAll(async () => {
    buildWeb();
    smtp = await startSmtpServer();
    server = await startTestServer({ SMTP_URL: smtp.url });
    const login = await fetch(`${server.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: server.admin.email, password: server.admin.password }),
    });
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const { csrfToken } = (await login.json()) as { csrfToken: string };
    staffHeaders = { cookie, 'x-csrf-token': csrfToken };
    const props = await api<{ items: { id: string }[] }>('GET', '/properties');
    firstPropertyId = props.items[0]?.id ?? '';
    await api('POST', `/properties/${props.items[0]?.id}/room-types`, {
      name: 'Sea view double',
      capacity: 2,
      nightlyPrice: 120,
      roomCount: 4,
    });

    browser = await launchChromium();
    staff = await browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 900 } });
    staffPage = await staff.newPage();
    await signInToAdmin(staffPage, server.url, server.admin);
  }, 300_000);

  afterAll(async () => {
    await staff?.close();
    await browser?.close();
    await server?.close();
    await smtp?.close();
  });

  async function addRoomAndGoToCheckout(page: Page, query = '') {
    await page.goto(`${server.url}/book${query}`);
    const card = page.getByTestId('room-card').filter({ hasText: 'Sea view double' });
    await card.getByTestId('room-price').waitFor();
    expect(await card.getByTestId('room-price').innerText()).toMatch(/240/);
    await card.getByTestId('add-to-cart').click();
    await page.getByTestId('cart-item').first().waitFor();
    await shot(page, 'site-home');
    await page.getByTestId('go-to-checkout').click();
    await page.getByTestId('checkout-form').waitFor();
  }

  /** Screenshots for a human look, when SCREENSHOT_DIR is set. */
  async function shot(page: Page, name: string) {
    const dir = process.env.SCREENSHOT_DIR;
    if (dir) await page.screenshot({ path: `${dir}/${name}.png`, fullPage: true });
  }

  it('a visitor books with "create an account"; staff see the cart live; the e-mail arrives', async () => {
    await staffPage.goto(`${server.url}/admin/carts`);
    await staffPage.getByTestId('carts-empty').waitFor();
    await expect.poll(() => staffPage.getByTestId('carts-live').getAttribute('data-live')).toBe('true');

    const visitor = await browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 900 } });
    const page = await visitor.newPage();
    await addRoomAndGoToCheckout(page);
    // The staff page updates by itself (server-sent events), no reload.
    await expect
      .poll(() => staffPage.getByTestId('cart-row').getAttribute('data-status'), { timeout: 10_000 })
      .toBe('active');

    // Inline per-field errors from the API.
    await page.getByTestId('customer-firstName').fill(VISITOR.firstName);
    await page.getByTestId('customer-lastName').fill(VISITOR.lastName);
    await page.getByTestId('customer-email').fill('not-an-email');
    await page.getByTestId('checkout-submit').click();
    await expect.poll(() => page.getByTestId('customer-email').getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByTestId('customer-firstName').getAttribute('aria-invalid')).not.toBe('true');

    await page.getByTestId('customer-email').fill(VISITOR.email);
    await page.getByTestId('create-account').check();
    await page.getByTestId('checkout-submit').click();
    await page.getByTestId('confirmation').waitFor();
    await shot(page, 'site-confirmation');
    firstReference = (await page.getByTestId('booking-reference').innerText()).trim();
    expect(firstReference).not.toBe('');
    await expect
      .poll(() => staffPage.getByTestId('cart-row').getAttribute('data-status'), { timeout: 10_000 })
      .toBe('converted');

    const mails = await smtp.waitFor(2, 20_000);
    const confirmation = mails.find((m) => m.to.includes(VISITOR.email) && m.text.includes(firstReference));
    expect(confirmation, JSON.stringify(mails.map((m) => m.subject))).toBeTruthy();
    const welcome = mails.find((m) => m.to.includes(VISITOR.email) && /set-password\?token=/.test(m.text));
    expect(welcome?.text).not.toContain(PASSWORD);
    const link = /\/account\/set-password\?token=[^\s"'<>]+/.exec(welcome?.text ?? '')?.[0] ?? '';

    // Set the password from the link, sign in, see the booking.
    await setPasswordFromLink(page, server.url, link, PASSWORD);
    await page.getByTestId('go-sign-in').click();
    await submitAccountSignIn(page, { email: VISITOR.email, password: PASSWORD });
    await page.getByTestId('account-dashboard').waitFor();
    await page.goto(`${server.url}/account/bookings`);
    await page.getByTestId('account-booking-row').filter({ hasText: firstReference }).waitFor();
    await visitor.close();
  }, 180_000);

  it('a customer signs in at checkout (fields pre-filled) and books for Ben', async () => {
    const accountsBefore = await api<{ items: unknown[] }>('GET', '/accounts');
    const context = await browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await addRoomAndGoToCheckout(page);
    await page.getByTestId('checkout-sign-in-open').click();
    await page.getByTestId('checkout-sign-in-email').fill(VISITOR.email);
    await page.getByTestId('checkout-sign-in-password').fill(PASSWORD);
    await page.getByTestId('checkout-sign-in-submit').click();
    await page.getByTestId('checkout-signed-in').waitFor();
    await shot(page, 'site-checkout-signed-in');
    // Every field pre-filled from the account.
    await expect.poll(() => page.getByTestId('customer-firstName').inputValue()).toBe(VISITOR.firstName);
    expect(await page.getByTestId('customer-lastName').inputValue()).toBe(VISITOR.lastName);
    expect(await page.getByTestId('customer-email').inputValue()).toBe(VISITOR.email);

    await page.getByTestId('booking-for-someone-else').check();
    await page.getByTestId('bookingFor-firstName').fill('Ben');
    await page.getByTestId('bookingFor-lastName').fill('Berg');
    await page.getByTestId('bookingFor-email').fill('ben.berg@example.com');
    const answered = page.waitForResponse((r) => r.url().endsWith('/api/v1/public/checkout'));
    await page.getByTestId('checkout-submit').click();
    const answer = await answered;
    expect(answer.status(), await answer.text()).toBe(201);
    await page.getByTestId('confirmation').waitFor();
    const reference = (await page.getByTestId('booking-reference').innerText()).trim();

    const found = await api<{ items: { id: string; reference: string }[] }>('GET', `/bookings?q=${reference}`);
    const booking = await api<{ customerId: string; guests: { role: string; name: string }[] }>(
      'GET',
      `/bookings/${found.items[0]?.id}`,
    );
    expect(booking.guests.find((g) => g.role === 'stay')?.name).toBe('Ben Berg');
    expect(booking.guests.find((g) => g.role === 'customer')?.name).toBe(`${VISITOR.firstName} ${VISITOR.lastName}`);
    const accountsAfter = await api<{ items: unknown[] }>('GET', '/accounts');
    expect(accountsAfter.items).toHaveLength(accountsBefore.items.length);

    await page.goto(`${server.url}/account/bookings`);
    await page.getByTestId('account-booking-row').filter({ hasText: reference }).waitFor();
    await page.getByTestId('account-booking-row').filter({ hasText: firstReference }).waitFor();
    await shot(staffPage, 'admin-carts');
    await context.close();
  }, 180_000);

  it('issue 11: property picker, "pending validation" after checkout, "sign in to book" when prices are hidden', async () => {
    // #23: a second property of the same organisation → the header offers a picker.
    const second = await api<{ id: string }>('POST', '/properties', { name: 'Mountain lodge' });
    await api('POST', `/properties/${second.id}/room-types`, {
      name: 'Chalet',
      capacity: 2,
      nightlyPrice: 150,
      roomCount: 2,
    });
    // #24: registration needs staff validation.
    await api('PUT', '/settings/accounts', { registrationMode: 'validation' });
    const context = await browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    try {
      await page.goto(`${server.url}/book`);
      await page.getByTestId('property-picker').click();
      await page.getByRole('option', { name: 'Mountain lodge' }).click();
      await page.getByTestId('room-card').filter({ hasText: 'Chalet' }).waitFor();
      expect(await page.getByTestId('room-card').filter({ hasText: 'Sea view double' }).count()).toBe(0);

      // The picker's choice is remembered: choose the first property again to book its room.
      await addRoomAndGoToCheckout(page, `?property=${firstPropertyId}`);
      await page.getByTestId('customer-firstName').fill('Petra');
      await page.getByTestId('customer-lastName').fill('Pending');
      await page.getByTestId('customer-email').fill('petra.pending@example.com');
      await page.getByTestId('create-account').check();
      await page.getByTestId('checkout-submit').click();
      await page.getByTestId('confirmation').waitFor();
      const text = await page.getByTestId('confirmation').innerText();
      expect(text).toMatch(/the hotel will validate it/);
      expect(text).not.toMatch(/Your account is ready/);

      // #20: visitors may not see prices → no "Add to cart", a "Sign in to book" instead.
      const groups = await api<{ items: { id: string; systemKind: string | null }[] }>('GET', '/groups');
      const visitorGroup = groups.items.find((g) => g.systemKind === 'visitor')?.id ?? '';
      await api('PATCH', `/groups/${visitorGroup}`, { priceDisplay: 'logged_in' });
      try {
        const fresh = await browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 900 } });
        const visitor = await fresh.newPage();
        await visitor.goto(`${server.url}/book`);
        const card = visitor.getByTestId('room-card').first();
        await card.getByTestId('sign-in-to-book').waitFor();
        expect(await card.getByTestId('add-to-cart').count()).toBe(0);
        await shot(visitor, 'site-sign-in-to-book');
        await fresh.close();
      } finally {
        await api('PATCH', `/groups/${visitorGroup}`, { priceDisplay: 'everyone' });
      }
    } finally {
      await api('PUT', '/settings/accounts', { registrationMode: 'direct' });
      await context.close();
    }
  }, 180_000);

  it('staff set the site host names and the rooms per booking in Settings → Booking site', async () => {
    await staffPage.goto(`${server.url}/admin/settings/booking-site`);
    await staffPage.getByTestId('booking-site-settings').waitFor();
    await staffPage.getByTestId('site-hosts').fill('Book.Hotel-Example.com\nrooms.hotel-example.com');
    await staffPage.getByTestId('site-max-rooms').fill('3');
    await staffPage.getByTestId('save-site-settings').click();
    await expect
      .poll(() => api<{ hosts: string[]; maxRoomsPerCheckout: number }>('GET', '/settings/booking-site'), {
        timeout: 10_000,
      })
      .toEqual({ hosts: ['book.hotel-example.com', 'rooms.hotel-example.com'], maxRoomsPerCheckout: 3 });
    await shot(staffPage, 'admin-booking-site-settings');
    // A host name that is not one is refused next to the field.
    await staffPage.getByTestId('site-hosts').fill('https://book.hotel-example.com/path');
    await staffPage.getByTestId('save-site-settings').click();
    await expect
      .poll(() => staffPage.getByTestId('site-hosts').getAttribute('aria-invalid'), { timeout: 10_000 })
      .toBe('true');
    await api('PUT', '/settings/booking-site', { hosts: [], maxRoomsPerCheckout: 5 });
  }, 120_000);
});
