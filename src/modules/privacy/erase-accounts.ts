import { countOf, orNone, type ErasureRun } from './erasure-run.ts';

// The person's customer accounts are closed by deleting them, with what records their sign-ins.

export async function eraseCustomerSessions({ trx, subject }: ErasureRun, table: 'customerSession' | 'customerToken') {
  return countOf(await trx.deleteFrom(table).where('accountId', 'in', orNone(subject.accountIds)).executeTakeFirst());
}

export async function eraseCustomerAccounts({ trx, subject }: ErasureRun) {
  return countOf(
    await trx.deleteFrom('customerAccount').where('id', 'in', orNone(subject.accountIds)).executeTakeFirst(),
  );
}

export async function eraseSignInEvents({ trx, subject }: ErasureRun) {
  return countOf(
    await trx
      .deleteFrom('signInEvent')
      .where((eb) =>
        eb.or([
          eb.and([eb('subjectType', '=', 'customer'), eb('subjectId', 'in', orNone(subject.accountIds))]),
          eb(eb.fn('lower', ['email']), 'in', orNone(subject.emails)),
        ]),
      )
      .executeTakeFirst(),
  );
}

/** Installation tables keyed by `customer:<org>:<e-mail>` (login-throttle.service.ts). */
export async function eraseSignInThrottle({ trx, subject }: ErasureRun) {
  const keys = subject.emails.map((e) => `customer:${subject.orgId}:${e}`);
  if (!keys.length) return 0;
  const devices = countOf(await trx.deleteFrom('signInDevice').where('accountKey', 'in', keys).executeTakeFirst());
  const counters = countOf(
    await trx
      .deleteFrom('loginThrottle')
      .where((eb) =>
        eb.or([
          eb(
            'key',
            'in',
            keys.map((k) => `account:${k}`),
          ),
          ...keys.map((k) => eb('key', 'like', `pair:${k.replace(/[\\%_]/g, (c) => `\\${c}`)}|%`)),
        ]),
      )
      .executeTakeFirst(),
  );
  return devices + counters;
}
