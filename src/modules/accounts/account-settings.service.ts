import { sql, type Kysely } from 'kysely';
import { z } from 'zod';
import type { Ctx } from '../../core/context.ts';
import type { DB } from '../../db/schema.ts';
import { recordAudit } from '../audit/index.ts';

/** Account settings, kept in organisation.settings.accounts like identity's match settings. */
export const AccountSettingsSchema = z
  .object({
    autoCreateAtCheckout: z.boolean(),
    offerCreateAtCheckout: z.boolean(),
    loginAtCheckout: z.boolean(),
    registrationMode: z.enum(['direct', 'validation']),
    loginPage: z.enum(['public', 'hidden']),
    stayGuestProfile: z.boolean(),
  })
  .meta({ id: 'AccountSettings' });
export type AccountSettings = z.infer<typeof AccountSettingsSchema>;

export const UpdateAccountSettingsBody = z.strictObject({
  autoCreateAtCheckout: z.boolean().optional(),
  offerCreateAtCheckout: z.boolean().optional(),
  loginAtCheckout: z.boolean().optional(),
  registrationMode: z.enum(['direct', 'validation']).optional(),
  loginPage: z.enum(['public', 'hidden']).optional(),
  stayGuestProfile: z.boolean().optional(),
});

export const DEFAULT_ACCOUNT_SETTINGS: AccountSettings = {
  autoCreateAtCheckout: false,
  offerCreateAtCheckout: true,
  loginAtCheckout: true,
  registrationMode: 'direct',
  loginPage: 'public',
  stayGuestProfile: true,
};

/** The organisation's account settings, defaults filled in for anything not set. */
export async function getAccountSettings(db: Kysely<DB>, orgId: string): Promise<AccountSettings> {
  const org = await db.selectFrom('organisation').select('settings').where('id', '=', orgId).executeTakeFirst();
  const stored = (org?.settings as { accounts?: Record<string, unknown> } | undefined)?.accounts ?? {};
  const parsed = UpdateAccountSettingsBody.safeParse(
    Object.fromEntries(Object.entries(stored).filter(([k]) => k in DEFAULT_ACCOUNT_SETTINGS)),
  );
  return { ...DEFAULT_ACCOUNT_SETTINGS, ...(parsed.success ? parsed.data : {}) };
}

/** Changes some account settings (PUT with a partial body keeps the others). */
export async function saveAccountSettings(
  ctx: Ctx,
  body: z.infer<typeof UpdateAccountSettingsBody>,
): Promise<AccountSettings> {
  return ctx.db.transaction().execute(async (trx) => {
    const before = await getAccountSettings(trx, ctx.orgId);
    const next: AccountSettings = { ...before };
    for (const [k, v] of Object.entries(body)) if (v !== undefined) (next as Record<string, unknown>)[k] = v;
    await trx
      .updateTable('organisation')
      .set({
        settings: sql`jsonb_set(coalesce(settings, '{}'::jsonb), '{accounts}', ${JSON.stringify(next)}::jsonb)`,
      })
      .where('id', '=', ctx.orgId)
      .execute();
    await recordAudit(
      ctx,
      'settings.accounts_changed',
      { type: 'organisation', id: ctx.orgId },
      { before, after: next },
      trx,
    );
    return next;
  });
}
