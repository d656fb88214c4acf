import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import type { TestSmtpServer } from './smtp.ts';
import type { startTestServer } from './test-server.ts';

// Browser-test helpers for the customer area (/account): e-mailed links, passwords and signing in.

type TestServer = Awaited<ReturnType<typeof startTestServer>>;

/** The link (path + query) in the mail to `to` whose text holds `path`, waited for on the SMTP server. */
export async function linkFromMail(smtp: TestSmtpServer, to: string, path: string): Promise<string> {
  // A loop rather than expect.poll, which vitest allows only inside a test (callers use it in beforeAll too).
  const deadline = Date.now() + 20_000;
  let mail = smtp.received.find((m) => m.to.includes(to) && m.text.includes(path));
  while (!mail) {
    if (Date.now() > deadline) throw new Error(`no e-mail to ${to} holding ${path} within 20 s`);
    await new Promise((resolve) => setTimeout(resolve, 100));
    mail = smtp.received.find((m) => m.to.includes(to) && m.text.includes(path));
  }
  const m = new RegExp(`https?://[^\\s"<>]+(${path.replace(/[/?]/g, '\\$&')}[^\\s"<>]*)`).exec(mail.text);
  if (!m?.[1]) throw new Error(`no ${path} link in: ${mail.text}`);
  return m[1];
}

/** Opens a set-password link (path + query), chooses `password` on its page and waits for "saved". */
export async function setPasswordFromLink(page: Page, baseUrl: string, link: string, password: string) {
  await page.goto(`${baseUrl}${link}`);
  await page.getByTestId('account-token-password-card').waitFor();
  await page.getByTestId('new-password').fill(password);
  await page.getByTestId('confirm-password').fill(password);
  await page.getByTestId('token-password-submit').click();
  await page.getByTestId('token-password-done').waitFor();
}

/** Fills and submits the customer sign-in form already on the page; the caller waits for the outcome. */
export async function submitAccountSignIn(page: Page, who: { email: string; password: string }) {
  await page.getByTestId('sign-in-email').fill(who.email);
  await page.getByTestId('sign-in-password').fill(who.password);
  await page.getByTestId('sign-in-submit').click();
}

/** Signs a customer in through /account/sign-in and waits for the dashboard. */
export async function signInToAccount(page: Page, baseUrl: string, who: { email: string; password: string }) {
  await page.goto(`${baseUrl}/account/sign-in`);
  await submitAccountSignIn(page, who);
  await page.getByTestId('account-dashboard').waitFor();
}

/**
 * Registers a customer through the API as a visitor would (direct mode), then sets the password
 * with the one-time token of the queued "account created" e-mail (read from the outbox table).
 */
export async function registerCustomerWithPassword(
  server: TestServer,
  person: { firstName: string; lastName: string; email: string; password: string },
) {
  const { password, ...names } = person;
  const reg = await fetch(`${server.url}/api/v1/account/register`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(names),
  });
  expect(reg.status, await reg.text()).toBe(201);
  const mail = await server.runtime.database.system
    .selectFrom('emailMessage')
    .select('bodyText')
    .where('event', '=', 'account.created')
    .where('toAddress', '=', person.email)
    .executeTakeFirstOrThrow();
  const token = decodeURIComponent(/token=([^\s"'<&]+)/.exec(mail.bodyText)?.[1] ?? '');
  const set = await fetch(`${server.url}/api/v1/account/set-password`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ token, password }),
  });
  expect(set.status, await set.text()).toBe(200);
}
