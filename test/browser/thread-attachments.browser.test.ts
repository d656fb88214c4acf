import { readFileSync } from 'node:fs';
import { type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildWeb } from '../../scripts/build-web.mjs';
import { PDF, PNG } from '../support/attachments.ts';
import { launchChromium, signInToAdmin } from '../support/browser.ts';
import { hasChromium } from '../support/environment.ts';
import { staffCaller, type StaffCall } from '../support/staff-api.ts';
import { startTestServer } from '../support/test-server.ts';

/** Issue 16 (M-3): a guest attaches a PDF on the site's contact form; staff see it, download it, and reply with a file. */
describe.skipIf(!hasChromium)('thread attachments in a real browser', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let staffApi: StaffCall;

  beforeAll(async () => {
    buildWeb();
    server = await startTestServer();
    staffApi = await staffCaller(server.url, server.admin);
    await staffApi('POST', '/hotel-contacts', { name: 'Reception', email: 'reception@files-hotel.test' });
    browser = await launchChromium();
    context = await browser.newContext({
      locale: 'en-US',
      viewport: { width: 1280, height: 900 },
      acceptDownloads: true,
    });
    page = await context.newPage();
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await server?.close();
  });

  it('the guest attaches a PDF on /book/contact; staff see the chip, download the same bytes and reply from a canned reply with a file', async () => {
    await page.goto(`${server.url}/book/contact`);
    await page.getByTestId('site-contact-form').waitFor();
    await page.getByTestId('site-contact-to').click();
    await page.getByRole('option', { name: 'Reception' }).click();
    await page.getByLabel('First name').fill('Nora');
    await page.getByLabel('Last name').fill('Lindqvist');
    await page.getByLabel('E-mail').fill('nora.lindqvist@example.org');
    await page.getByLabel('Subject').fill('Passport for check-in');
    await page.getByLabel('Message').fill('Here is my passport scan for the online check-in.');
    await page
      .getByTestId('site-contact-form')
      .locator('input[type="file"]')
      .setInputFiles({ name: 'passport.pdf', mimeType: 'application/pdf', buffer: PDF });
    await page.getByTestId('attachment-picker').getByText('passport.pdf').waitFor();
    // A person takes a few seconds: a form sent faster is dropped as a robot's.
    await new Promise((resolve) => setTimeout(resolve, 3_500));
    await page.getByRole('button', { name: 'Send' }).click();
    await page.getByTestId('site-contact-sent').waitFor();
    const list = await staffApi<{ items: { id: string }[] }>('GET', '/threads?q=passport');
    const threadId = list.items[0]!.id;

    await staffApi('POST', '/canned-replies', {
      title: 'Hotel map',
      bodies: {
        en: 'Dear {{guest.firstName}}, thank you: here is the hotel map.',
        fr: 'Chère {{guest.firstName}}, voici le plan.',
      },
    });
    await signInToAdmin(page, server.url, server.admin);
    await page.goto(`${server.url}/admin/threads/${threadId}`);
    const chip = page.getByTestId('thread-message-in').getByTestId('attachment-link');
    await chip.getByText('passport.pdf').waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), chip.click()]);
    expect(download.suggestedFilename()).toBe('passport.pdf');
    expect(readFileSync(await download.path()).equals(PDF)).toBe(true);

    // The reply starts from a canned reply, filled for the thread.
    await page.getByTestId('canned-insert').click();
    await page.getByTestId('canned-insert-item').filter({ hasText: 'Hotel map' }).click();
    await expect
      .poll(() => page.getByTestId('thread-reply-body').inputValue())
      .toBe('Dear Nora, thank you: here is the hotel map.');
    await page
      .getByTestId('thread-reply')
      .locator('input[type="file"]')
      .setInputFiles({ name: 'map.png', mimeType: 'image/png', buffer: PNG });
    await page.getByTestId('thread-reply-send').click();
    await page.getByTestId('thread-message-out').getByTestId('attachment-link').getByText('map.png').waitFor();
    if (process.env.SCREENSHOTS) await page.screenshot({ path: '/tmp/thread-attachments.png' });
    const thread = await staffApi<{ messages: { direction: string; attachments: { fileName: string }[] }[] }>(
      'GET',
      `/threads/${threadId}`,
    );
    expect(thread.messages.map((m) => [m.direction, m.attachments.map((a) => a.fileName)])).toEqual([
      ['in', ['passport.pdf']],
      ['out', ['map.png']],
    ]);
  });
});
