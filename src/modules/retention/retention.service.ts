import { sql, type Expression, type SqlBool } from 'kysely';
import type { Ctx } from '../../core/context.ts';
import type { TenantDb } from '../../db/database.ts';
import { recordAudit } from '../audit/index.ts';
import type { PrivacySettingsInput } from './retention.schemas.ts';

/** Privacy settings of an organisation, with their defaults when never saved. */
export interface PrivacySettings {
  retentionYears: number | null;
  backupDays: number;
  updatedAt: string | null;
}

export const DEFAULT_BACKUP_DAYS = 30;

/** The organisation's privacy settings (retention off and 30 backup days until saved). */
export async function getPrivacySettings(db: TenantDb): Promise<PrivacySettings> {
  const row = await db.selectFrom('privacySetting').selectAll().executeTakeFirst();
  return {
    retentionYears: row?.retentionYears ?? null,
    backupDays: row?.backupDays ?? DEFAULT_BACKUP_DAYS,
    updatedAt: row?.updatedAt.toISOString() ?? null,
  };
}

/** Saves the privacy settings (settings:write); the audit log keeps the rule's old and new value. */
export async function savePrivacySettings(ctx: Ctx, input: PrivacySettingsInput): Promise<PrivacySettings> {
  await ctx.db.transaction().execute(async (trx) => {
    const before = await getPrivacySettings(trx);
    const backupDays = input.backupDays ?? before.backupDays;
    await trx
      .insertInto('privacySetting')
      .values({ orgId: ctx.orgId, retentionYears: input.retentionYears, backupDays, updatedBy: ctx.actor.actorId })
      .onConflict((oc) =>
        oc.column('orgId').doUpdateSet({
          retentionYears: input.retentionYears,
          backupDays,
          updatedAt: new Date(),
          updatedBy: ctx.actor.actorId,
        }),
      )
      .execute();
    await recordAudit(
      ctx,
      'settings.privacy_updated',
      { type: 'organisation', id: ctx.orgId },
      { retentionYears: { from: before.retentionYears, to: input.retentionYears }, backupDays },
      trx,
    );
  });
  return getPrivacySettings(ctx.db);
}

/** The instant before which a guest's last activity counts as "no activity for N years". */
export function retentionCutoff(years: number, now = new Date()): Date {
  const cutoff = new Date(now);
  cutoff.setUTCFullYear(cutoff.getUTCFullYear() - years);
  return cutoff;
}

/**
 * "Inactive since `cutoff`" for the guest row `g` (docs/guide/privacy/requests.md): the latest of
 * its creation, last profile change (`updated_at`), last recorded activity (`last_activity_at`:
 * bookings made, imports), the check-out of its latest booking (as customer or in the party, any
 * status), its customer account's last sign-in, and its notes' last change — all before `cutoff`.
 * The cheap indexed columns are tested first.
 */
export function inactiveSince(cutoff: Date): Expression<SqlBool> {
  return sql<SqlBool>`(g.last_activity_at < ${cutoff} and g.updated_at < ${cutoff} and g.created_at < ${cutoff}
    and not exists (select 1 from booking b where b.org_id = g.org_id and b.customer_id = g.id and b.check_out >= ${cutoff}::date)
    and not exists (select 1 from booking_guest bg join booking b on b.org_id = bg.org_id and b.id = bg.booking_id
      where bg.org_id = g.org_id and bg.guest_id = g.id and b.check_out >= ${cutoff}::date)
    and not exists (select 1 from customer_account c where c.org_id = g.org_id and c.guest_id = g.id
      and greatest(c.last_login_at, c.updated_at) >= ${cutoff})
    and not exists (select 1 from guest_note n where n.org_id = g.org_id and n.guest_id = g.id and n.updated_at >= ${cutoff}))`;
}

/** True for the guest row `g` while it is on an in-house booking or a confirmed one not yet over. */
function hasUpcomingBooking(): Expression<SqlBool> {
  return sql<SqlBool>`exists (select 1 from booking b join property p on p.org_id = b.org_id and p.id = b.property_id
    where b.org_id = g.org_id
      and (b.customer_id = g.id or exists (select 1 from booking_guest bg where bg.org_id = b.org_id and bg.booking_id = b.id and bg.guest_id = g.id))
      and (b.status = 'in_house' or (b.status = 'confirmed' and b.check_out >= (now() at time zone p.timezone)::date)))`;
}

/** How many guests the rule would anonymise now with N years, and how many of them it would skip. */
export async function previewRetention(
  ctx: Ctx,
  years: number,
): Promise<{ years: number; cutoff: string; guests: number; blocked: number }> {
  const cutoff = retentionCutoff(years);
  const row = await ctx.db
    .selectFrom('guest as g')
    .select([
      sql<string>`count(*)`.as('guests'),
      sql<string>`count(*) filter (where ${hasUpcomingBooking()})`.as('blocked'),
    ])
    .where(inactiveSince(cutoff))
    .executeTakeFirstOrThrow();
  return { years, cutoff: cutoff.toISOString(), guests: Number(row.guests), blocked: Number(row.blocked) };
}

/** The next batch of inactive guests (id order, after `afterId`) without an upcoming booking. */
export async function findInactiveGuests(
  db: TenantDb,
  cutoff: Date,
  afterId: string | null,
  limit: number,
): Promise<string[]> {
  let q = db
    .selectFrom('guest as g')
    .select('g.id')
    .where(inactiveSince(cutoff))
    .where(sql<SqlBool>`not ${hasUpcomingBooking()}`);
  if (afterId) q = q.where('g.id', '>', afterId);
  const rows = await q.orderBy('g.id').limit(limit).execute();
  return rows.map((r) => r.id);
}
