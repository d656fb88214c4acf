import { expect } from 'vitest';
import { runNextJob } from '../../src/jobs/queue.ts';
import { accountJobHandlers } from '../../src/modules/accounts/index.ts';
import type { TestApp } from './app.ts';
import { cookieOf } from './app.ts';

/** Test helpers for the customer area: the outbox's links, registering and signing customers in. */
export interface CustomerLogin {
  cookie: string;
  csrfToken: string;
  headers: Record<string, string>;
  accountId: string;
  guestId: string;
  email: string;
}

/** The newest queued e-mail of an event to an address. */
export async function lastEmail(t: TestApp, event: string, to: string) {
  const row = await t.database.system
    .selectFrom('emailMessage')
    .selectAll()
    .where('event', '=', event)
    .where('toAddress', '=', to)
    .orderBy('createdAt', 'desc')
    .orderBy('id', 'desc')
    .executeTakeFirst();
  return row;
}

/** The one-time token in the newest e-mail of an event to an address. */
export async function tokenFromEmail(t: TestApp, event: string, to: string): Promise<string> {
  const mail = await lastEmail(t, event, to);
  const m = /token=([^\s"'<&]+)/.exec(mail?.bodyText ?? '');
  if (!m?.[1]) throw new Error(`no link in the ${event} e-mail to ${to}: ${mail?.bodyText}`);
  return decodeURIComponent(m[1]);
}

export async function registerCustomer(
  t: TestApp,
  body: { email: string; firstName?: string; lastName?: string; [k: string]: unknown },
) {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/account/register',
    payload: { firstName: 'Anna', lastName: 'Lind', ...body },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<{ status: string }>();
}

export async function customerLogin(t: TestApp, email: string, password: string): Promise<CustomerLogin> {
  const res = await t.app.inject({ method: 'POST', url: '/api/v1/account/login', payload: { email, password } });
  expect(res.statusCode, res.body).toBe(200);
  const cookie = cookieOf(res);
  const { csrfToken, customer } = res.json<{ csrfToken: string; customer: { accountId: string; guestId: string } }>();
  return {
    cookie,
    csrfToken,
    headers: { cookie, 'x-csrf-token': csrfToken },
    accountId: customer.accountId,
    guestId: customer.guestId,
    email,
  };
}

/** Registers (direct mode), sets the password from the e-mail's link and signs in. */
export async function signedInCustomer(
  t: TestApp,
  email: string,
  names: { firstName?: string; lastName?: string } = {},
  password = 'customer-password-1',
): Promise<CustomerLogin> {
  await registerCustomer(t, { email, ...names });
  const token = await tokenFromEmail(t, 'account.created', email.toLowerCase());
  const set = await t.app.inject({ method: 'POST', url: '/api/v1/account/set-password', payload: { token, password } });
  expect(set.statusCode, set.body).toBe(200);
  return customerLogin(t, email.toLowerCase(), password);
}

/** Runs the customer-account jobs that are due (forgotten-password requests), like the worker. */
export async function runAccountJobs(t: TestApp): Promise<void> {
  while (await runNextJob(t.database.system, accountJobHandlers)) {
    // until none is left
  }
}
