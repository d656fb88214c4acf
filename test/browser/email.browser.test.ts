import { type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildWeb } from '../../scripts/build-web.mjs';
import type { Ctx } from '../../src/core/context.ts';
import { queueEmail } from '../../src/modules/email/index.ts';
import { findFirstOrganisation } from '../../src/modules/tenancy/index.ts';
import { launchChromium, signInToAdmin } from '../support/browser.ts';
import { hasChromium } from '../support/environment.ts';
import { startSmtpServer, type TestSmtpServer } from '../support/smtp.ts';
import { startTestServer } from '../support/test-server.ts';

describe.skipIf(!hasChromium)('e-mail templates and mail log in a real browser', () => {
  let smtp: TestSmtpServer;
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let ctx: Ctx;

  const queueBooking = async (to: string, reference: string) => {
    await ctx.db.transaction().execute((trx) =>
      queueEmail(ctx, trx, {
        event: 'booking.confirmation',
        to,
        language: 'es',
        data: { firstName: 'Ana', reference, checkIn: '2027-03-01', checkOut: '2027-03-04' },
      }),
    );
  };

  beforeAll(async () => {
    buildWeb();
    smtp = await startSmtpServer();
    // The real server with its inline worker sends through the in-process SMTP server.
    server = await startTestServer({ SMTP_URL: smtp.url, MAIL_FROM: 'My Hotel <hello@myhotel.test>' });
    const org = await findFirstOrganisation(server.runtime.database.system);
    if (!org) throw new Error('no organisation');
    ctx = {
      db: server.runtime.database.forOrg(org.id),
      orgId: org.id,
      actor: { actorType: 'system', actorId: null },
      requestId: null,
      permissions: 'system' as const,
    };
    browser = await launchChromium();
    context = await browser.newContext({ locale: 'en-US', viewport: { width: 1360, height: 950 } });
    page = await context.newPage();
    await signInToAdmin(page, server.url, server.admin);
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await server?.close();
    await smtp?.close();
  });

  it('edits the Spanish booking confirmation with a live preview and inline errors, and saves it', async () => {
    await page.getByTestId('nav-settings').click();
    // The settings group opens with an animation; on a busy machine a click can land while it
    // moves, so click again until the page is there.
    for (let attempt = 0; ; attempt++) {
      await page.getByTestId('nav-emailTemplates').click();
      const arrived = await page
        .waitForURL(/\/admin\/settings\/email-templates$/, { timeout: 5_000 })
        .then(() => true)
        .catch(() => false);
      if (arrived) break;
      if (attempt === 3) throw new Error(`the e-mail templates page did not open: ${page.url()}`);
    }
    await page.getByTestId('email-template-language').getByText('Spanish').click();
    await expect.poll(() => page.getByTestId('email-template-state').textContent()).toBe('Default text');
    await expect.poll(() => page.getByTestId('email-preview-subject').innerText()).toContain('MIR-7K4Q2');

    await page.getByTestId('email-template-subject').fill('Reserva {{reference}} confirmada — {{hotelName}}');
    await expect
      .poll(() => page.getByTestId('email-preview-subject').innerText(), { timeout: 10_000 })
      .toBe('Reserva MIR-7K4Q2 confirmada — My Hotel');

    const body = page.getByTestId('email-template-body');
    await body.fill('Hola {{firstName}}, su código es {{password}}.');
    await page.getByText('Unknown placeholder {{password}}', { exact: false }).waitFor({ timeout: 10_000 });

    await body.fill('Hola {{firstName}}, su reserva  está confirmada.');
    // Insert a placeholder from the list at the cursor (between the two spaces).
    await body.focus();
    await body.evaluate((el) =>
      (el as unknown as { setSelectionRange(a: number, b: number): void }).setSelectionRange(31, 31),
    );
    await page.getByRole('button', { name: '{{reference}}' }).click();
    await expect.poll(() => body.inputValue()).toBe('Hola {{firstName}}, su reserva {{reference}} está confirmada.');
    await expect
      .poll(() => page.getByTestId('email-preview-body').innerText(), { timeout: 10_000 })
      .toBe('Hola Anna, su reserva MIR-7K4Q2 está confirmada.');

    await page.getByTestId('email-template-save').click();
    await page.getByText('Template saved').waitFor();
    await expect.poll(() => page.getByTestId('email-template-state').textContent()).toBe('Customised');
    await page.reload();
    await page.getByTestId('email-template-language').getByText('Spanish').click();
    await expect.poll(() => page.getByTestId('email-template-state').textContent()).toBe('Customised');
  });

  it('sends with the saved template through the server’s worker and shows it in the mail log', async () => {
    await queueBooking('ana@guest.test', 'R-100');
    const [mail] = await smtp.waitFor(1);
    expect(mail?.subject).toBe('Reserva R-100 confirmada — My Hotel');
    expect(mail?.text).toBe('Hola Ana, su reserva R-100 está confirmada.');

    await page.getByTestId('nav-mailLog').click();
    await page.waitForURL(/\/admin\/settings\/mail-log$/);
    const row = page.getByTestId('email-row').filter({ hasText: 'ana@guest.test' });
    await expect.poll(() => row.getByTestId('email-status').textContent(), { timeout: 20_000 }).toBe('Sent');
    await row.click();
    await expect
      .poll(() => page.getByTestId('email-detail-body').innerText())
      .toBe('Hola Ana, su reserva R-100 está confirmada.');
    await page.keyboard.press('Escape');
  });

  it('keeps a message queued while SMTP is down and delivers it once on "Retry now"', async () => {
    const port = smtp.port;
    await smtp.close();
    await queueBooking('outage@guest.test', 'R-200');
    await page.getByTestId('email-filter-to').fill('outage');
    const row = page.getByTestId('email-row').filter({ hasText: 'outage@guest.test' });
    await row.waitFor({ timeout: 20_000 });
    await expect.poll(() => row.innerText(), { timeout: 20_000 }).toContain('Next attempt');
    expect(await row.getByTestId('email-status').textContent()).toBe('Queued');

    smtp = await startSmtpServer(port);
    await row.click();
    await page.getByText('Last error').waitFor();
    await page.getByTestId('email-retry').click();
    await smtp.waitFor(1, 15_000);
    await expect
      .poll(() => page.getByTestId('email-drawer').getByTestId('email-status').textContent(), { timeout: 15_000 })
      .toBe('Sent');
    await new Promise((r) => setTimeout(r, 1500)); // the back-off job must not send it again
    expect(smtp.received.filter((m) => m.to.includes('outage@guest.test'))).toHaveLength(1);
    await page.keyboard.press('Escape');
  });

  it('resets the template to the default text', async () => {
    await page.getByTestId('nav-emailTemplates').click();
    await page.getByTestId('email-template-language').getByText('Spanish').click();
    await page.getByTestId('email-template-reset').click();
    await page.getByTestId('email-template-reset-confirm').click();
    await expect.poll(() => page.getByTestId('email-template-state').textContent()).toBe('Default text');
    await expect
      .poll(() => page.getByTestId('email-template-subject').inputValue())
      .toBe('Su reserva en {{hotelName}} está confirmada ({{reference}})');
  });
});
