import { chromium, type Browser, type Page } from 'playwright-core';
import { CHROMIUM_PATH } from './environment.ts';

/**
 * Debian's Chromium, headless, with the flags this machine needs (no sandbox as root, and no
 * background networking: the network is closed and Chromium would retry forever).
 */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** Signs a staff member in through the admin's sign-in page and waits for the dashboard. */
export async function signInToAdmin(page: Page, baseUrl: string, who: { email: string; password: string }) {
  await page.goto(`${baseUrl}/admin/sign-in`);
  await page.locator('input[name=email]').fill(who.email);
  await page.locator('input[name=password]').fill(who.password);
  await page.locator('button[type=submit]').click();
  await page.getByTestId('dashboard').waitFor();
}
