import { type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAdminBrowser } from '../support/admin-browser.ts';
import { hasChromium } from '../support/environment.ts';

/** Issue 15: Companies in the admin — create, add contacts, the one-purchasing rule and its transfer. */
describe.skipIf(!hasChromium)('companies in a real browser', () => {
  let close: (() => Promise<void>) | undefined;
  let page: Page;

  beforeAll(async () => {
    ({ page, close } = await startAdminBrowser({ width: 1360, height: 950 }));
  });
  afterAll(() => close?.());

  const addContact = async (first: string, last: string, email: string, role: string) => {
    const box = page.getByTestId('add-contact');
    await box.getByTestId('contact-person-search').pressSequentially(`${first} ${last}`, { delay: 20 });
    await page.getByTestId('contact-person-option-new').click();
    await box.locator('input[name="contact-person.email"]').fill(email);
    await box.getByTestId(`new-role-${role}`).check();
    await box.getByTestId('contact-save').click();
  };

  it('creates a company, adds contacts, refuses a second purchasing contact inline and transfers the role', async () => {
    await page.getByTestId('nav-companies').click();
    await page.getByTestId('company-create').click();
    await page.getByTestId('company-name').fill('Viajes Sol');
    await page.getByLabel('Country').fill('ES');
    await page.getByTestId('company-tax-id').fill('B12345675');
    await page.getByTestId('company-save').click();
    // A wrong control character is refused on the field.
    await expect.poll(() => page.getByText('This tax id is not valid').count()).toBeGreaterThan(0);
    await page.getByTestId('company-tax-id').fill('B12345674');
    await page.getByTestId('company-save').click();
    await page.waitForURL(/\/admin\/companies\/cmp_/);
    await expect.poll(() => page.getByTestId('purchasing-rule').textContent()).toContain('Only one contact');

    await addContact('Ana', 'García', 'ana@sol.example', 'purchasing');
    await expect.poll(() => page.getByTestId('company-contact-row').count()).toBe(1);
    await addContact('Luis', 'Pérez', 'luis@sol.example', 'purchasing');
    const taken = page.getByTestId('purchasing-taken-add');
    await expect.poll(() => taken.textContent()).toContain('Ana García is the purchasing contact');
    await taken.getByRole('button').click();
    await expect.poll(() => page.getByTestId('company-contact-row').count()).toBe(2);
    // Luis holds the role now (listed first), Ana keeps her place without it.
    const rows = page.getByTestId('company-contact-row');
    await expect.poll(() => rows.first().textContent()).toContain('Luis');
    expect(await rows.first().getByTestId('role-purchasing').isChecked()).toBe(true);
    expect(await rows.nth(1).getByTestId('role-purchasing').isChecked()).toBe(false);

    // Giving it back from the table: refused inline, then transferred in one step.
    await rows.nth(1).getByTestId('role-purchasing').click();
    await expect.poll(() => page.getByTestId('purchasing-taken').textContent()).toContain('Luis Pérez');
    await page.getByTestId('purchasing-transfer').click();
    await expect.poll(() => rows.first().textContent()).toContain('Ana');
    await expect.poll(() => rows.first().getByTestId('role-purchasing').isChecked()).toBe(true);
    expect(await rows.nth(1).getByTestId('role-purchasing').isChecked()).toBe(false);
    await expect.poll(() => page.getByTestId('company-history').textContent()).toContain('Purchasing contact');

    // The list finds the company by a contact's name.
    await page.getByTestId('nav-companies').click();
    await page.getByTestId('company-search').fill('luis pérez');
    await expect.poll(() => page.getByTestId('company-row').count()).toBe(1);
    expect(await page.getByTestId('company-row').textContent()).toContain('B12345674');

    // The guest profile shows the companies the person is a contact of, with the roles.
    await page.getByTestId('company-row').getByRole('link').click();
    await page
      .getByTestId('company-contact-row')
      .first()
      .getByRole('link', { name: 'Ana García', exact: true })
      .click();
    await page.waitForURL(/\/admin\/guests\/gst_/);
    await expect.poll(() => page.getByTestId('guest-companies').textContent()).toContain('Viajes Sol');
    await expect
      .poll(() => page.getByTestId('guest-companies').textContent(), { timeout: 10_000 })
      .toContain('Purchasing');
  });
});
