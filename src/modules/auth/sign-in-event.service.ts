import type { Ctx } from '../../core/context.ts';
import { newId } from '../../core/ids.ts';
import type { Database } from '../../db/database.ts';
import type { SignInEventTable } from '../../db/schema.ts';
import type { Selectable } from 'kysely';
import { auditRow } from '../audit/index.ts';

/** Whose sign-in is being slowed: a staff member or a customer account of an organisation. */
export interface SignInSubject {
  orgId: string;
  type: 'staff' | 'customer';
  id: string;
  email: string;
}

export type SignInEventRow = Selectable<SignInEventTable>;

/** Stores a throttling event for the owner's list, with its audit entry (ids only: the address stays on the event). */
export async function recordSignInEvent(
  database: Database,
  subject: SignInSubject,
  event: { kind: 'source_delayed' | 'account_slowed'; ip: string | null; failures: number; delayedUntil: Date | null },
): Promise<void> {
  const db = database.forOrg(subject.orgId);
  const ctx: Ctx = {
    db,
    orgId: subject.orgId,
    actor: { actorType: 'system', actorId: null },
    requestId: null,
    permissions: 'system',
  };
  const id = newId('sie');
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('signInEvent')
      .values({
        orgId: subject.orgId,
        id,
        kind: event.kind,
        subjectType: subject.type,
        subjectId: subject.id,
        email: subject.email,
        ip: event.ip,
        failures: event.failures,
        delayedUntil: event.delayedUntil,
      })
      .execute();
    const entity = { type: subject.type === 'staff' ? 'staff' : 'customer_account', id: subject.id };
    await trx
      .insertInto('auditLog')
      .values(auditRow(ctx, `auth.${event.kind}`, entity, { signInEventId: id, failures: event.failures }))
      .execute();
  });
}

/** The organisation's latest sign-in throttling events, newest first. */
export async function listSignInEvents(ctx: Ctx, limit: number): Promise<SignInEventRow[]> {
  return ctx.db
    .selectFrom('signInEvent')
    .selectAll()
    .orderBy('createdAt', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}
