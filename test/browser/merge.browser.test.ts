import { type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasChromium } from '../support/environment.ts';
import { startTestServer } from '../support/test-server.ts';
import { launchChromium, signInToAdmin } from '../support/browser.ts';
import { buildWeb } from '../../scripts/build-web.mjs';

interface GuestView {
  id: string;
  firstName: string;
  lastName: string;
  secondLastName: string | null;
  birthDate: string | null;
  emails: { email: string; primary: boolean }[];
  phones: { e164: string; primary: boolean }[];
  tags: string[];
  bookingCount: number;
}

/** What must come back exactly after an undo. */
const essentials = (g: GuestView) => ({
  id: g.id,
  firstName: g.firstName,
  lastName: g.lastName,
  secondLastName: g.secondLastName,
  birthDate: g.birthDate,
  emails: g.emails.map((e) => [e.email, e.primary]),
  phones: g.phones.map((p) => [p.e164, p.primary]),
  tags: g.tags,
  bookingCount: g.bookingCount,
});

describe.skipIf(!hasChromium)('duplicates, merge and undo in a real browser', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let roomTypeId: string;

  /** Calls the API with the page's own staff session (cookie + CSRF token). */
  async function call<T = unknown>(method: string, path: string, body?: unknown): Promise<{ status: number; json: T }> {
    return page.evaluate(
      async ({ method, path, body }) => {
        const me = (await (await fetch('/api/v1/auth/me')).json()) as { csrfToken: string };
        const res = await fetch(`/api/v1${path}`, {
          method,
          headers: {
            accept: 'application/json',
            ...(body === undefined ? {} : { 'content-type': 'application/json' }),
            'x-csrf-token': me.csrfToken,
          },
          body: body === undefined ? undefined : JSON.stringify(body),
        });
        return { status: res.status, json: await res.json().catch(() => null) };
      },
      { method, path, body },
    ) as Promise<{ status: number; json: T }>;
  }

  let nights = 0;
  /** One booking through the public bookings API (the resolver decides which profile it belongs to). */
  async function book(customer: Record<string, unknown>): Promise<{ customerId: string }> {
    nights += 3;
    const day = (n: number) => new Date(Date.UTC(2027, 0, 1 + n)).toISOString().slice(0, 10);
    const res = await call<{ customerId: string }>('POST', '/bookings', {
      checkIn: day(nights),
      checkOut: day(nights + 2),
      roomTypeId,
      source: 'staff',
      customer,
    });
    expect(res.status).toBe(201);
    return res.json;
  }

  /** Screenshots for a person to look at, only when MERGE_SCREENSHOTS names a directory. */
  const shoot = async (name: string) => {
    const dir = process.env.MERGE_SCREENSHOTS;
    if (dir) await page.screenshot({ path: `${dir}/${name}.png`, fullPage: true });
  };

  const guest = async (id: string) => (await call<GuestView>('GET', `/guests/${id}`)).json;

  beforeAll(async () => {
    buildWeb();
    server = await startTestServer();
    browser = await launchChromium();
    context = await browser.newContext({ locale: 'en-US', viewport: { width: 1360, height: 950 } });
    page = await context.newPage();

    await signInToAdmin(page, server.url, server.admin);

    const properties = await call<{ items: { id: string }[] }>('GET', '/properties');
    const propertyId = properties.json.items[0]?.id;
    const roomType = await call<{ id: string }>('POST', `/properties/${propertyId}/room-types`, {
      name: 'Double',
      capacity: 2,
      nightlyPrice: 100,
      roomCount: 50,
    });
    expect(roomType.status).toBe(201);
    roomTypeId = roomType.json.id;
  }, 240_000);

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await server?.close();
  });

  it('keeps Anna and Ben Hemm, who share an e-mail, as two related people (not a duplicate pair)', async () => {
    const anna = await book({ firstName: 'Anna', lastName: 'Hemm', email: 'hemm@example.com' });
    const ben = await book({ firstName: 'Ben', lastName: 'Hemm', email: 'hemm@example.com' });
    expect(anna.customerId).not.toBe(ben.customerId);

    await page.goto(`${server.url}/admin/duplicates`);
    await page.getByTestId('duplicates-kind').waitFor();
    // Not in the review queue of possible duplicates…
    await expect
      .poll(
        async () =>
          (await page.getByTestId('duplicates-empty').count()) + (await page.getByTestId('duplicate-pair').count()),
      )
      .toBeGreaterThan(0);
    expect(await page.getByTestId('duplicate-pair').filter({ hasText: 'Hemm' }).count()).toBe(0);

    // …but shown as related people, side by side, with the shared e-mail as the reason.
    await page.getByTestId('duplicates-kind').getByText('Related people').click();
    const pair = page.getByTestId('duplicate-pair').filter({ hasText: 'Anna Hemm' });
    await pair.waitFor();
    expect(await pair.getAttribute('data-kind')).toBe('related');
    expect(await pair.getByTestId('pair-guest-name').allInnerTexts()).toEqual(
      expect.arrayContaining(['Anna Hemm', 'Ben Hemm']),
    );
    await pair.getByText('Same e-mail or phone, but a different first name').waitFor();
    await pair.getByTestId('match-reason').getByText('Same e-mail').waitFor();
    await shoot('duplicates-related');

    // Anna's Identity tab explains it: a new profile (the first name differs), Ben related to her.
    await pair.getByTestId('pair-guest-name').getByText('Anna Hemm').click();
    await page.waitForURL(new RegExp(`/admin/guests/${anna.customerId}$`));
    await page.getByTestId('tab-identity').click();
    await page.getByTestId('identity-related-item').filter({ hasText: 'Ben Hemm' }).waitFor();
    await page.getByTestId('identity-decision').first().waitFor();
    await page.getByTestId('merges-empty').waitFor();
    await shoot('identity-anna');
  });

  it('suggests look-alikes in the review queue, with readable reasons, until staff say "not the same person"', async () => {
    const first = await book({
      firstName: 'Carlos',
      lastName: 'Ruiz',
      email: 'carlos.ruiz@example.com',
      birthDate: '1975-03-03',
    });
    const second = await book({
      firstName: 'Carlos',
      lastName: 'Ruiz',
      email: 'cruiz@work.example.com',
      birthDate: '1975-03-03',
    });
    expect(first.customerId).not.toBe(second.customerId);

    await page.goto(`${server.url}/admin/duplicates`);
    const pair = page.getByTestId('duplicate-pair').filter({ hasText: 'carlos.ruiz@example.com' });
    await pair.waitFor();
    expect(await pair.getAttribute('data-kind')).toBe('candidate');
    await pair.getByTestId('pair-score').waitFor();
    await pair.getByTestId('match-reason').getByText('Birth date: identical').waitFor();
    await shoot('duplicates-queue');

    await pair.getByTestId('pair-dismiss').click();
    await page.getByText('this pair will not be suggested again').first().waitFor();
    await expect.poll(() => pair.count()).toBe(0);
    const open = await call<{ items: { guestA: { id: string }; guestB: { id: string } }[] }>(
      'GET',
      '/duplicates?kind=candidate',
    );
    const ids = open.json.items.flatMap((p) => [p.guestA.id, p.guestB.id]);
    expect(ids).not.toContain(first.customerId);
  });

  it('merges three profiles of one person chosen in the guest list, then undoes it from the Identity tab', async () => {
    const create = async (body: Record<string, unknown>) => {
      const res = await call<GuestView>('POST', '/guests', body);
      expect(res.status).toBe(201);
      return res.json;
    };
    const jose = await create({
      firstName: 'Jose',
      lastName: 'Garcia',
      email: 'jose.garcia@example.com',
      phone: '+34 612 345 678',
      birthDate: '1980-05-18',
    });
    const joseLopez = await create({
      firstName: 'José',
      lastName: 'García',
      secondLastName: 'López',
      email: 'jgl@example.com',
      phone: '+34 699 000 111',
      birthDate: '1980-05-17',
    });
    const pepe = await create({ firstName: 'Pepe', lastName: 'Garcia', email: 'pepe@example.com' });
    await book({ guestId: jose.id });
    await book({ guestId: joseLopez.id });
    await book({ guestId: joseLopez.id });
    await book({ guestId: pepe.id });
    const ids = [jose.id, joseLopez.id, pepe.id];
    const before = await Promise.all(ids.map(async (id) => essentials(await guest(id))));
    expect(before.map((g) => g.bookingCount)).toEqual([1, 2, 1]);

    // Select the three in the list and choose "Merge…" in the bulk bar.
    await page.goto(`${server.url}/admin/guests?q=garcia`);
    const rows = page.getByTestId('guest-row');
    await expect.poll(() => rows.count(), { timeout: 15_000 }).toBe(3);
    for (const checkbox of await page.getByTestId('guest-row-select').all()) await checkbox.check();
    await page.getByTestId('bulk-merge').click();
    await page.waitForURL(/\/admin\/guests\/merge\?ids=/);

    // Step 1: keep "Jose Garcia".
    const survivorCard = page.getByTestId('merge-survivor').filter({
      has: page.getByTestId('merge-survivor-name').getByText('Jose Garcia', { exact: true }),
    });
    await survivorCard.click();
    await expect.poll(() => survivorCard.getAttribute('data-checked')).toBe('true');
    await shoot('merge-survivor');
    await page.getByTestId('merge-next').click();

    // Step 2: the first name and the birth date of "José García López" win (his second surname
    // fills the survivor's empty one without a choice).
    const choice = (field: string, guestId: string) =>
      page.locator(`[data-testid=merge-field][data-field=${field}] input[data-guest="${guestId}"]`);
    await choice('firstName', joseLopez.id).check();
    await page.getByTestId('merge-preview-name').getByText('José Garcia López', { exact: true }).waitFor();
    await choice('birthDate', joseLopez.id).check();
    await expect.poll(() => choice('birthDate', joseLopez.id).isChecked()).toBe(true);
    await page.getByTestId('merge-moves').getByText('3 bookings').waitFor();
    await expect.poll(() => page.getByTestId('merge-confirm').isEnabled()).toBe(true);
    await shoot('merge-wizard');
    await page.getByTestId('merge-confirm').click();

    // The survivor's profile: the chosen values, every booking, an "Undo" offered.
    await page.waitForURL(new RegExp(`/admin/guests/${jose.id}$`));
    await page.getByTestId('guest-profile-name').getByText('José Garcia López', { exact: true }).waitFor();
    await page.getByTestId('merge-notice-undo').waitFor();
    const merged = await guest(jose.id);
    expect(merged).toMatchObject({
      firstName: 'José',
      lastName: 'Garcia',
      secondLastName: 'López',
      birthDate: '1980-05-17',
      bookingCount: 4,
    });
    expect(merged.emails.map((e) => e.email).sort()).toEqual(
      ['jgl@example.com', 'jose.garcia@example.com', 'pepe@example.com'].sort(),
    );
    const gone = await call<{ error: { code: string } }>('GET', `/guests/${pepe.id}`);
    expect(gone.status).toBe(404);
    expect(gone.json.error.code).toBe('guest_merged');

    // An old link to a merged-away profile leads to the survivor.
    await page.goto(`${server.url}/admin/guests/${pepe.id}`);
    await page.waitForURL(new RegExp(`/admin/guests/${jose.id}$`));
    await page.getByText('This profile was merged').first().waitFor();

    // Undo from the Identity tab.
    await page.getByTestId('tab-identity').click();
    const entry = page.getByTestId('merge-entry').first();
    await entry.waitFor();
    expect(await entry.innerText()).toContain('Pepe Garcia');
    await entry.getByTestId('merge-undo').click();
    await page.getByTestId('undo-merge-modal').waitFor();
    await shoot('identity-undo');
    await page.getByTestId('undo-merge-confirm').click();
    await page.getByText('Merge undone').first().waitFor();
    await expect.poll(() => entry.getAttribute('data-undone')).toBe('true');
    await page.getByTestId('guest-profile-name').getByText('Jose Garcia', { exact: true }).waitFor();

    // All three are back, exactly.
    const after = await Promise.all(ids.map(async (id) => essentials(await guest(id))));
    expect(after).toEqual(before);
    await page.goto(`${server.url}/admin/guests?q=garcia`);
    await expect
      .poll(() => page.getByTestId('guest-name').allInnerTexts(), { timeout: 15_000 })
      .toEqual(expect.arrayContaining(['Jose Garcia', 'José García López', 'Pepe Garcia']));
  });
});
