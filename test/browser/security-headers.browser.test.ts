import { type Browser, type BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasChromium } from '../support/environment.ts';
import { startTestServer } from '../support/test-server.ts';
import { launchChromium, signInToAdmin } from '../support/browser.ts';
import { buildWeb } from '../../scripts/build-web.mjs';

/** The Content-Security-Policy (src/http/security-headers.ts) must not break any app or the API reference. */
describe.skipIf(!hasChromium)('the web apps and the API reference under the Content-Security-Policy', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let browser: Browser;
  let context: BrowserContext;

  beforeAll(async () => {
    buildWeb();
    server = await startTestServer();
    browser = await launchChromium();
    context = await browser.newContext({ locale: 'en-US' });
    // Every violation of the page's policy is recorded where the test can read it.
    await context.addInitScript(
      "window.cspViolations = []; document.addEventListener('securitypolicyviolation', (e) => " +
        "window.cspViolations.push(e.violatedDirective + ' ' + e.blockedURI));",
    );
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await server?.close();
  });

  it('renders the admin, the customer area, the booking site and Swagger UI with no CSP violation', async () => {
    const page = await context.newPage();
    const violations = () => page.evaluate<string[]>('window.cspViolations');

    await signInToAdmin(page, server.url, server.admin);
    await page.goto(`${server.url}/admin/guests`);
    await page.getByTestId('user-menu').waitFor();
    expect(await violations()).toEqual([]);

    await page.goto(`${server.url}/account/sign-in`);
    await page.getByTestId('account-sign-in-card').waitFor();
    expect(await violations()).toEqual([]);

    await page.goto(`${server.url}/book`);
    await page.getByTestId('stay-search').waitFor();
    expect(await violations()).toEqual([]);

    await page.goto(`${server.url}/api/docs/`);
    await page.locator('.swagger-ui .info').waitFor();
    await page.locator('.opblock').first().waitFor();
    expect(await violations()).toEqual([]);
  });
});
