import nodemailer from 'nodemailer';
import { type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildWeb } from '../../scripts/build-web.mjs';
import { launchChromium, signInToAdmin } from '../support/browser.ts';
import { hasChromium } from '../support/environment.ts';
import { staffCaller, type StaffCall } from '../support/staff-api.ts';
import { startSmtpServer, type ReceivedMail, type TestSmtpServer } from '../support/smtp.ts';
import { startTestServer } from '../support/test-server.ts';

const GUEST = { firstName: 'Nuria', lastName: 'Soler', email: 'nuria.soler@example.org' };

/**
 * Issue 16, done when: a guest writes from the site (/book/contact) → staff reply in /admin → the
 * reply leaves through the outbox to a real SMTP server → the guest answers that e-mail (to the
 * inbound SMTP listener, at the reply address it carried) → staff see the answer in the thread,
 * live, and on the guest's Timeline tab. Then staff merge a second thread of the guest into it.
 */
describe.skipIf(!hasChromium)('customer service round trip in a real browser', () => {
  let smtp: TestSmtpServer;
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let browser: Browser;
  let guestContext: BrowserContext;
  let staffContext: BrowserContext;
  let staff: Page;
  let staffApi: StaffCall;
  let threadId = '';

  /** The guest writes from the site's contact form, as a person does (a few seconds to fill it). */
  async function writeFromSite(subject: string, message: string) {
    const page = await guestContext.newPage();
    await page.goto(`${server.url}/book/contact`);
    await page.getByTestId('site-contact-form').waitFor();
    await page.getByTestId('site-contact-to').click();
    await page.getByRole('option', { name: 'Reception' }).click();
    await page.getByLabel('First name').fill(GUEST.firstName);
    await page.getByLabel('Last name').fill(GUEST.lastName);
    await page.getByLabel('E-mail').fill(GUEST.email);
    await page.getByLabel('Subject').fill(subject);
    await page.getByLabel('Message').fill(message);
    await new Promise((resolve) => setTimeout(resolve, 3_500));
    await page.getByRole('button', { name: 'Send' }).click();
    await page.getByTestId('site-contact-sent').waitFor();
    await page.close();
  }

  beforeAll(async () => {
    buildWeb();
    smtp = await startSmtpServer();
    server = await startTestServer({
      SMTP_URL: smtp.url,
      MAIL_FROM: 'Hotel Sol <reception@hotel-sol.test>',
      CLIENTELA_INBOUND_SMTP_PORT: '0',
    });
    staffApi = await staffCaller(server.url, server.admin);
    await staffApi('POST', '/hotel-contacts', {
      name: { en: 'Reception', es: 'Recepción', fr: 'Réception' },
      email: 'desk@hotel-sol.test',
    });
    browser = await launchChromium();
    guestContext = await browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 900 } });
    staffContext = await browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 900 } });
    staff = await staffContext.newPage();
    await signInToAdmin(staff, server.url, server.admin);
  });

  afterAll(async () => {
    await guestContext?.close();
    await staffContext?.close();
    await browser?.close();
    await server?.close();
    await smtp?.close();
  });

  it('guest writes from the site → staff replies → guest answers by e-mail → staff sees it in the thread and on the timeline', async () => {
    // The staff member's menu is already open: the count arrives live (no reload).
    await staff.getByTestId('nav-inbox').waitFor();
    await writeFromSite('Late check-out', 'Could we keep the room until 2 pm on Sunday?');
    await expect.poll(() => staff.getByTestId('nav-inbox-count').innerText(), { timeout: 10_000 }).toBe('1');

    await staff.getByTestId('nav-inbox').click();
    await staff.getByTestId('thread-subject').filter({ hasText: 'Late check-out' }).click();
    await staff.waitForURL(/\/admin\/threads\/thr_/);
    threadId = new URL(staff.url()).pathname.split('/').pop() ?? '';
    await staff.getByTestId('thread-message-in').getByText('until 2 pm').waitFor();
    await staff.getByTestId('thread-reply-body').fill('Yes, late check-out until 2 pm is fine.');
    await staff.getByTestId('thread-reply-send').click();
    await staff.getByTestId('thread-message-out').getByText('until 2 pm is fine').waitFor();
    await staff.getByTestId('nav-inbox-count').waitFor({ state: 'detached' });

    // The reply leaves through the outbox to the guest's mailbox, with a reply address.
    let reply: ReceivedMail | undefined;
    await expect
      .poll(
        () => {
          reply = smtp.received.find((m) => m.to.includes(GUEST.email) && m.text.includes('until 2 pm is fine'));
          return Boolean(reply);
        },
        { timeout: 20_000 },
      )
      .toBe(true);
    const replyTo = reply?.headers['reply-to'] ?? '';
    expect(replyTo).toMatch(/^.*reception\+[0-9a-f]{32}@hotel-sol\.test/);

    // The guest answers it from their mail program, quoting the hotel's message.
    const transport = nodemailer.createTransport({
      host: '127.0.0.1',
      port: server.runtime.inboundSmtpPort,
      secure: false,
      ignoreTLS: true,
    });
    try {
      await transport.sendMail({
        from: `${GUEST.firstName} ${GUEST.lastName} <${GUEST.email}>`,
        to: replyTo,
        subject: `Re: ${reply?.subject ?? ''}`,
        inReplyTo: reply?.messageId,
        references: reply?.messageId,
        text: `Wonderful, thank you! We will also need a taxi.\n\nOn Sunday, Hotel Sol wrote:\n> Yes, late check-out until 2 pm is fine.\n`,
      });
    } finally {
      transport.close();
    }

    // Staff, still on the thread, see the answer arrive (live count, thread refreshed), without the quote.
    await expect.poll(() => staff.getByTestId('nav-inbox-count').innerText(), { timeout: 15_000 }).toBe('1');
    const answer = staff.getByTestId('thread-message-in').filter({ hasText: 'We will also need a taxi' });
    await answer.waitFor({ timeout: 15_000 });
    expect(await answer.innerText()).not.toContain('Hotel Sol wrote');
    await staff.getByTestId('thread-page-waiting').waitFor();

    // And on the guest's Timeline tab.
    const thread = await staffApi<{ guestId: string }>('GET', `/threads/${threadId}`);
    await staff.goto(`${server.url}/admin/guests/${thread.guestId}`);
    await staff.getByTestId('tab-timeline').click();
    await staff.waitForURL(/tab=timeline/);
    const messages = staff.locator('[data-testid="timeline-event"][data-kind="message"]');
    await messages.filter({ hasText: 'We will also need a taxi' }).waitFor();
    await messages.filter({ hasText: 'until 2 pm is fine' }).waitFor();
    await messages.filter({ hasText: 'Could we keep the room' }).waitFor();
  });

  it('merges a second thread of the guest into the first from the thread page', async () => {
    await writeFromSite('Taxi', 'Please book a taxi to the airport on Sunday at 3 pm.');
    const second = await staffApi<{ items: { id: string }[] }>('GET', '/threads?q=airport');
    const otherId = second.items[0]?.id ?? '';
    await staff.goto(`${server.url}/admin/threads/${otherId}`);
    await staff.getByTestId('thread-message-in').getByText('taxi to the airport').waitFor();
    await staff.getByTestId('thread-merge-open').click();
    // The guest's other thread is offered; a search finds it too.
    await staff
      .getByTestId('thread-merge-modal')
      .getByRole('radio', { name: /Late check-out/ })
      .waitFor();
    await staff.getByTestId('thread-merge-search').fill('check-out');
    await staff.getByTestId('thread-merge-modal').getByText('Threads found').waitFor();
    await staff
      .getByTestId('thread-merge-modal')
      .getByRole('radio', { name: /Late check-out/ })
      .click();
    await staff.getByTestId('thread-merge-confirm').click();
    await staff.waitForURL(new RegExp(`/admin/threads/${threadId}$`));
    await staff.getByTestId('thread-message-in').getByText('taxi to the airport').waitFor();
    await staff.getByTestId('thread-message-in').getByText('until 2 pm').waitFor();
    // The merged thread's old address leads to the survivor.
    await staff.goto(`${server.url}/admin/threads/${otherId}`);
    await staff.waitForURL(new RegExp(`/admin/threads/${threadId}$`));
    await staff.getByTestId('thread-message-in').getByText('taxi to the airport').waitFor();
  });
});
