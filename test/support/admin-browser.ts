import type { Browser, BrowserContext, Page } from 'playwright-core';
import { buildWeb } from '../../scripts/build-web.mjs';
import { launchChromium, signInToAdmin } from './browser.ts';
import { startTestServer } from './test-server.ts';

export interface AdminBrowser {
  server: Awaited<ReturnType<typeof startTestServer>>;
  browser: Browser;
  context: BrowserContext;
  /** Signed in to the admin as the owner. */
  page: Page;
  /** Closes the page's context, Chromium and the server. */
  close: () => Promise<void>;
}

/**
 * For a browser test's `beforeAll`: the built UI on a fresh test server, Chromium, and one page
 * (English, `viewport`) signed in to the admin as the owner. A failure on the way closes what it opened.
 */
export async function startAdminBrowser(viewport: { width: number; height: number }): Promise<AdminBrowser> {
  buildWeb();
  const server = await startTestServer();
  let browser: Browser | undefined;
  let context: BrowserContext | undefined;
  const close = async () => {
    await context?.close();
    await browser?.close();
    await server.close();
  };
  try {
    browser = await launchChromium();
    context = await browser.newContext({ locale: 'en-US', viewport });
    const page = await context.newPage();
    await signInToAdmin(page, server.url, server.admin);
    return { server, browser, context, page, close };
  } catch (error) {
    await close();
    throw error;
  }
}
