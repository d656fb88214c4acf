import { request } from 'node:http';
import { type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildWeb } from '../../scripts/build-web.mjs';
import { launchChromium, signInToAdmin } from '../support/browser.ts';
import { hasChromium } from '../support/environment.ts';
import { staffCaller, type StaffCall } from '../support/staff-api.ts';
import { startTestServer } from '../support/test-server.ts';

const SITE = 'book.inbox-hotel.test';

/** A request as the booking site sends it: the organisation comes from the Host header. */
function siteRequest<T>(baseUrl: string, method: string, path: string, body?: unknown) {
  const url = new URL(path, baseUrl);
  const payload = body === undefined ? undefined : JSON.stringify(body);
  return new Promise<{ status: number; json: T }>((resolve, reject) => {
    const req = request(
      {
        host: url.hostname,
        port: url.port,
        path: url.pathname + url.search,
        method,
        headers: { host: SITE, ...(payload ? { 'content-type': 'application/json' } : {}) },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, json: JSON.parse(text || 'null') as T }));
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

/** Issue 16 (M-2, M-3): a guest writes through the contact form, staff answer from the inbox. */
describe.skipIf(!hasChromium)('the inbox in a real browser', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let staffApi: StaffCall;
  let contactId = '';
  let threadId = '';
  let bookingReference = '';

  beforeAll(async () => {
    buildWeb();
    server = await startTestServer();
    staffApi = await staffCaller(server.url, server.admin);
    await staffApi('PUT', '/settings/booking-site', { hosts: [SITE], maxRoomsPerCheckout: 3 });
    // The guest already has a booking (made with the same e-mail): staff link it to the thread below.
    const properties = await staffApi<{ items: { id: string }[] }>('GET', '/properties');
    const roomType = await staffApi<{ id: string }>('POST', `/properties/${properties.items[0]?.id}/room-types`, {
      name: 'Double',
      capacity: 2,
      nightlyPrice: 100,
      roomCount: 5,
    });
    bookingReference = (
      await staffApi<{ reference: string }>('POST', '/bookings', {
        roomTypeId: roomType.id,
        checkIn: '2027-08-01',
        checkOut: '2027-08-04',
        customer: { firstName: 'Inés', lastName: 'Campos', email: 'ines.campos@example.org' },
      })
    ).reference;
    contactId = (
      await staffApi<{ id: string }>('POST', '/hotel-contacts', {
        name: { en: 'Reservations', es: 'Reservas', fr: 'Réservations' },
        email: 'reservations@inbox-hotel.test',
      })
    ).id;

    // The guest opens the contact form, takes the time a person takes, and sends it.
    const form = await siteRequest<{ formToken: string; contacts: { id: string; name: string }[] }>(
      server.url,
      'GET',
      '/api/v1/public/contact/form?lang=en',
    );
    expect(form.status).toBe(200);
    expect(form.json.contacts.map((c) => c.name)).toEqual(['Reservations']);
    await new Promise((resolve) => setTimeout(resolve, 3_200));
    const sent = await siteRequest<{ threadId: string }>(server.url, 'POST', '/api/v1/public/contact', {
      hotelContactId: contactId,
      firstName: 'Inés',
      lastName: 'Campos',
      email: 'ines.campos@example.org',
      subject: 'Parking for a van',
      message: 'Hello, is there room in your car park for a camper van?',
      language: 'en',
      formToken: form.json.formToken,
      website: '',
    });
    expect(sent.status, JSON.stringify(sent.json)).toBe(201);
    threadId = sent.json.threadId;

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

  it('counts the thread waiting for a reply in the menu and lists it in the inbox', async () => {
    await expect.poll(() => page.getByTestId('nav-inbox-count').innerText(), { timeout: 10_000 }).toBe('1');
    await page.getByTestId('nav-inbox').click();
    await page.waitForURL(/\/admin\/threads$/);
    const row = page.getByTestId('thread-row').filter({ hasText: 'Parking for a van' });
    await row.waitFor();
    expect(await row.innerText()).toContain('Inés Campos');
    await row.getByTestId('thread-waiting').waitFor();

    // Filters: nothing is assigned to me yet; unassigned shows it; a search for other words shows nothing.
    await page.getByTestId('thread-filter-assignee').getByText('My threads').click();
    await page.getByTestId('thread-empty').waitFor();
    await page.getByTestId('thread-filter-assignee').getByText('Unassigned').click();
    await row.waitFor();
    await page.getByTestId('thread-search').fill('breakfast');
    await page.getByTestId('thread-empty').waitFor();
    await page.getByTestId('thread-search').fill('camper');
    await row.waitFor();
    await page.getByTestId('thread-filter-clear').click();
  });

  it('opens the thread, adds an internal note and replies to the guest', async () => {
    await page.getByTestId('thread-subject').filter({ hasText: 'Parking for a van' }).click();
    await page.waitForURL(new RegExp(`/admin/threads/${threadId}$`));
    await page.getByTestId('thread-message-in').getByText('camper van').waitFor();
    await page.getByTestId('thread-page-waiting').waitFor();

    // An internal note: shown as one, and the thread still waits for a reply.
    await page.getByTestId('thread-reply-internal').click();
    await page.getByTestId('thread-reply-body').fill('Ask the car park about the height limit.');
    await page.getByTestId('thread-reply-send').click();
    await page.getByTestId('thread-message-note').getByText('height limit').waitFor();
    await page.getByTestId('thread-page-waiting').waitFor();

    // The reply.
    await page.getByTestId('thread-reply-internal').click();
    await page.getByTestId('thread-reply-body').fill('Yes: vans up to 2.5 m fit in our car park.');
    await page.getByTestId('thread-reply-send').click();
    await page.getByTestId('thread-message-out').getByText('vans up to 2.5 m').waitFor();
    await page.getByTestId('thread-page-waiting').waitFor({ state: 'detached' });
    await page.getByTestId('nav-inbox-count').waitFor({ state: 'detached' });

    // Assigned to me and marked waiting for the guest, as the API says.
    await page.getByTestId('thread-assign-me').click();
    await page.getByTestId('thread-edit-status').click();
    await page.getByRole('option', { name: 'Waiting for guest', exact: true }).click();
    await expect
      .poll(async () => {
        const thread = await staffApi<{ status: string; assigneeId: string | null; messages: { direction: string }[] }>(
          'GET',
          `/threads/${threadId}`,
        );
        return [thread.status, thread.assigneeId !== null, thread.messages.map((m) => m.direction)];
      })
      .toEqual(['waiting_for_guest', true, ['in', 'note', 'out']]);

    // The guest's booking, linked from the thread.
    await page.getByTestId('thread-edit-booking').click();
    await page.getByRole('option', { name: new RegExp(`^${bookingReference}`) }).click();
    await page.getByTestId('thread-booking').getByText(bookingReference).waitFor();

    await page.reload();
    await page.getByTestId('thread-message-out').getByText('vans up to 2.5 m').waitFor();
    await page.getByTestId('thread-back').click();
    await page.getByTestId('thread-filter-assignee').getByText('My threads').click();
    await page.getByTestId('thread-row').filter({ hasText: 'Parking for a van' }).waitFor();
  });

  it('manages the contacts in Settings → Contacts', async () => {
    await page.goto(`${server.url}/admin/settings/contacts`);
    await page.getByTestId('contact-row').filter({ hasText: 'Reservations' }).waitFor();
    await page.getByTestId('contact-create').click();
    const form = page.getByTestId('contact-form');
    await form.locator('input[name=nameEn]').fill('Events');
    await form.locator('input[name=nameFr]').fill('Événements');
    await form.locator('input[name=email]').fill('not-an-address');
    await page.getByTestId('contact-save').click();
    await expect.poll(() => form.locator('input[name=email]').getAttribute('aria-invalid')).toBe('true');
    await form.locator('input[name=email]').fill('events@inbox-hotel.test');
    await page.getByTestId('contact-save').click();
    await page.getByTestId('contact-row').filter({ hasText: 'events@inbox-hotel.test' }).waitFor();
    const contacts = await staffApi<{ items: { names: { en: string; es: string; fr: string } }[] }>(
      'GET',
      '/hotel-contacts',
    );
    expect(contacts.items.map((c) => c.names)).toContainEqual({ en: 'Events', es: 'Events', fr: 'Événements' });
  });

  it('adds, edits and deletes a canned reply in Settings → Canned replies', async () => {
    await page.goto(`${server.url}/admin/settings/canned-replies`);
    await page.getByTestId('canned-empty').waitFor();
    await page.getByTestId('canned-create').click();
    await page.getByTestId('canned-title').fill('Parking');
    await page.getByTestId('canned-body-en').fill('Dear {{guest.firstName}}, parking is free.');
    await page.getByTestId('canned-body-es').fill('Hola {{guest.firstName}}, el aparcamiento es gratis.');
    await page.getByTestId('canned-save').click();
    const row = page.getByTestId('canned-row').filter({ hasText: 'Parking' });
    await row.getByText('en · es').waitFor();
    await row.getByText('All contacts').waitFor();

    await row.getByTestId('canned-edit').click();
    await page.getByTestId('canned-title').fill('Parking and vans');
    await page.getByTestId('canned-save').click();
    await page.getByTestId('canned-row').filter({ hasText: 'Parking and vans' }).waitFor();

    await page.getByTestId('canned-row').getByTestId('canned-delete').click();
    await page.getByTestId('confirm-delete').click();
    await page.getByTestId('canned-empty').waitFor();
    expect((await staffApi<{ items: unknown[] }>('GET', '/canned-replies')).items).toEqual([]);
  });
});
