import { ctxOf } from '../../http/auth.hook.ts';
import { withErrors } from '../../http/schemas.ts';
import type { ApiApp, AppDeps } from '../../http/types.ts';
import { customerCtx, customerOf } from '../accounts/index.ts';
import { unauthenticated } from '../../core/errors.ts';
import { GuestIdParams } from '../guests/guest.schemas.ts';
import { PersonalDataDocument } from './document.schemas.ts';
import { exportGuestPersonalData, exportOwnPersonalData } from './subject-access.service.ts';

/** Subject access requests (SPEC P-3, issue 12 point 3): staff's full export and the customer's own copy. */
export function registerSubjectAccessRoutes(app: ApiApp, deps: AppDeps): void {
  const { database } = deps;

  app.get('/api/v1/guests/:id/personal-data', {
    config: { auth: 'guests:read' },
    schema: {
      operationId: 'exportGuestPersonalData',
      tags: ['guests', 'privacy'],
      summary: 'Everything held about one guest, unmasked, as one JSON document (subject access)',
      description:
        'Needs `personal-data:read` as well as `guests:read` (otherwise 403 `personal_data_required`). Every call is recorded in the audit log as `guest.personal_data.exported` (section names only). See docs/guide/privacy/access.md.',
      params: GuestIdParams,
      response: withErrors({ 200: PersonalDataDocument }),
    },
    handler: async (req) => exportGuestPersonalData(ctxOf(req, database), req.params.id),
  });

  app.get('/api/v1/account/personal-data', {
    config: { auth: 'customer' },
    schema: {
      operationId: 'exportOwnPersonalData',
      tags: ['account', 'privacy'],
      summary: 'The signed-in customer’s own data as one JSON document (only what the account proves is its own)',
      description:
        'The same document shape as the staff export, scope `own`: the details the account entered, its bookings (made signed in, or with its verified e-mail), e-mails sent to its address, its consent, its sign-ins and audit entries about the account. Recorded as `account.personal_data.exported`.',
      response: withErrors({ 200: PersonalDataDocument }),
    },
    handler: async (req) => {
      const customer = await customerOf(req, database);
      if (!customer) throw unauthenticated('Sign in to your account first', 'customer_session_required');
      return exportOwnPersonalData(customerCtx(database, customer, req.id), customer.accountId);
    },
  });
}
