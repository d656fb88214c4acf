import type { Ctx } from '../../../core/context.ts';
import type { AccountSubject, GuestSubject, Section, SectionValue } from './section.ts';
import { iso } from './section.ts';

async function entriesAbout(
  ctx: Ctx,
  entities: { type: string; ids: string[] }[],
): Promise<SectionValue<'auditEntries'>> {
  const wanted = entities.filter((e) => e.ids.length);
  if (!wanted.length) return [];
  const rows = await ctx.db
    .selectFrom('auditLog')
    .select(['id', 'action', 'actorType', 'entityType', 'entityId', 'data', 'createdAt'])
    .where((eb) => eb.or(wanted.map((e) => eb.and([eb('entityType', '=', e.type), eb('entityId', 'in', e.ids)]))))
    .orderBy('createdAt')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    action: r.action,
    actorType: r.actorType,
    entity: { type: r.entityType, id: r.entityId },
    data: r.data,
    createdAt: iso(r.createdAt),
  }));
}

/** Audit entries about the profile and its customer accounts (reads, changes, exports). */
export const guestAudit: Section<GuestSubject, 'auditEntries'> = (ctx, { guest, accountIds }) =>
  entriesAbout(ctx, [
    { type: 'guest', ids: [guest.id] },
    { type: 'customer_account', ids: accountIds },
  ]);

/** Audit entries about the account itself (never about the profile staff linked it to). */
export const accountAudit: Section<AccountSubject, 'auditEntries'> = (ctx, { account }) =>
  entriesAbout(ctx, [{ type: 'customer_account', ids: [account.id] }]);
