import { type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasChromium } from '../support/environment.ts';
import { startTestServer } from '../support/test-server.ts';
import { launchChromium } from '../support/browser.ts';
import { buildWeb } from '../../scripts/build-web.mjs';

async function switchLanguage(page: Page, language: 'en' | 'es' | 'fr'): Promise<void> {
  await page.getByTestId('language-switcher').click();
  await page.getByTestId(`language-option-${language}`).click();
  await page.locator(`html[lang="${language}"]`).waitFor({ state: 'attached' });
}

describe.skipIf(!hasChromium)('admin shell in a real browser', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    buildWeb();
    server = await startTestServer();
    browser = await launchChromium();
    // A fixed browser language, so the UI starts in English whatever the machine says.
    context = await browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 800 } });
    page = await context.newPage();
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await server?.close();
  });

  it('sends a visitor to sign in, and signs the owner in to the dashboard', async () => {
    await page.goto(`${server.url}/admin`);
    await page.waitForURL(/\/admin\/sign-in$/);

    await page.locator('input[name=email]').fill(server.admin.email);
    await page.locator('input[name=password]').fill(server.admin.password);
    await page.locator('button[type=submit]').click();

    await page.getByTestId('dashboard').waitFor();
    expect(new URL(page.url()).pathname).toBe('/admin');
    await page.getByTestId('user-menu').waitFor();
    expect(await page.getByTestId('nav-bookings').innerText()).toContain('Bookings');
  });

  it('refuses a wrong password with a readable message', async () => {
    const other = await context.browser()!.newContext({ locale: 'en-US' });
    const signIn = await other.newPage();
    try {
      await signIn.goto(`${server.url}/admin/sign-in`);
      await signIn.locator('input[name=email]').fill(server.admin.email);
      await signIn.locator('input[name=password]').fill('not-the-password');
      await signIn.locator('button[type=submit]').click();
      const error = signIn.getByTestId('sign-in-error');
      await error.waitFor();
      expect(await error.innerText()).toContain('Wrong email or password');
    } finally {
      await other.close();
    }
  });

  it('switches the navigation to Spanish, then French, and keeps the choice after a reload', async () => {
    await switchLanguage(page, 'es');
    await page.getByTestId('nav-bookings').getByText('Reservas', { exact: true }).waitFor();
    await page.getByTestId('nav-guests').getByText('Huéspedes', { exact: true }).waitFor();

    await switchLanguage(page, 'fr');
    await page.getByTestId('nav-bookings').getByText('Réservations', { exact: true }).waitFor();
    await page.getByTestId('nav-settings').getByText('Paramètres', { exact: true }).waitFor();

    // Saved on the user (PATCH /auth/me) and on the device: still French after a reload.
    await page.reload();
    await page.getByTestId('dashboard').waitFor();
    expect(await page.getByTestId('nav-bookings').innerText()).toContain('Réservations');
  });

  it('renders the customer area translated', async () => {
    await page.goto(`${server.url}/account`);
    const card = page.getByTestId('account-sign-in-card');
    await card.waitFor();
    // The language chosen in the back office is remembered on this device.
    expect(await card.innerText()).toContain('Connectez-vous à votre compte');

    await switchLanguage(page, 'es');
    await card.getByText('Accede a tu cuenta', { exact: true }).waitFor();
    expect(await page.title()).toContain('Área de cliente');

    await switchLanguage(page, 'en');
    await card.getByText('Sign in to your account', { exact: true }).waitFor();
  });
});
