import { ctxOf } from '../../http/auth.hook.ts';
import { assertMaySearchContact, fieldValueFor } from '../guests/index.ts';
import { IdParams, withErrors } from '../../http/schemas.ts';
import type { ApiApp, AppDeps } from '../../http/types.ts';
import { presentAccount } from './account.presenter.ts';
import { AccountListResponse, AccountSchema, ListAccountsQuery } from './account.schemas.ts';
import { decideAccount, listAccounts } from './account.service.ts';
import {
  AccountSettingsSchema,
  getAccountSettings,
  saveAccountSettings,
  UpdateAccountSettingsBody,
} from './account-settings.service.ts';

/** Staff side of customer accounts: the list, the registration review and the settings. */
export function registerAccountAdminRoutes(app: ApiApp, { database }: AppDeps): void {
  app.get('/api/v1/accounts', {
    config: { auth: 'guests:read' },
    schema: {
      operationId: 'listAccounts',
      tags: ['accounts'],
      summary: 'Customer accounts, newest first (status=new is the registrations to review)',
      querystring: ListAccountsQuery,
      response: withErrors({ 200: AccountListResponse }),
    },
    handler: async (req) => {
      const ctx = ctxOf(req, database);
      assertMaySearchContact(ctx, req.query.q);
      const [page, counts] = await Promise.all([
        listAccounts(ctx, req.query),
        ctx.db
          .selectFrom('customerAccount')
          .select(['status', (eb) => eb.fn.countAll<string>().as('n')])
          .groupBy('status')
          .execute(),
      ]);
      const count = (s: string) => Number(counts.find((c) => c.status === s)?.n ?? 0);
      return {
        // Usernames are e-mail addresses: masked without personal-data:read (docs/security/personal-data.md).
        items: page.items.map((a) => ({
          ...presentAccount(a),
          username: fieldValueFor(ctx, 'username', a.username) as string,
        })),
        nextCursor: page.nextCursor,
        counts: { new: count('new'), validated: count('validated'), cancelled: count('cancelled') },
      };
    },
  });

  for (const [action, decision] of [
    ['validate', 'validated'],
    ['cancel', 'cancelled'],
  ] as const) {
    app.post(`/api/v1/accounts/:id/${action}`, {
      config: { auth: 'guests:write' },
      schema: {
        operationId: `${action}Account`,
        tags: ['accounts'],
        summary:
          action === 'validate'
            ? 'Validate a registration: the customer can sign in and gets the registration.validated e-mail'
            : 'Cancel an account: it can no longer sign in and its sessions end',
        params: IdParams,
        response: withErrors({ 200: AccountSchema }),
      },
      handler: async (req) => {
        const ctx = ctxOf(req, database);
        return presentAccount(await decideAccount(ctx, req.params.id, decision));
      },
    });
  }

  app.get('/api/v1/settings/accounts', {
    config: { auth: 'settings:read' },
    schema: {
      operationId: 'getAccountSettings',
      tags: ['settings'],
      summary: 'Customer account settings (A-1, A-3, A-4)',
      response: withErrors({ 200: AccountSettingsSchema }),
    },
    handler: async (req) => {
      const ctx = ctxOf(req, database);
      return getAccountSettings(ctx.db, ctx.orgId);
    },
  });

  app.put('/api/v1/settings/accounts', {
    config: { auth: 'settings:write' },
    schema: {
      operationId: 'updateAccountSettings',
      tags: ['settings'],
      summary: 'Change customer account settings (fields left out keep their value)',
      body: UpdateAccountSettingsBody,
      response: withErrors({ 200: AccountSettingsSchema }),
    },
    handler: async (req) => saveAccountSettings(ctxOf(req, database), req.body),
  });
}
