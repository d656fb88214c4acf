import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { unauthenticated } from '../../core/errors.ts';
import { withErrors } from '../../http/schemas.ts';
import type { ApiApp, AppDeps } from '../../http/types.ts';
import { deleteOwnAccount } from './account-deletion.service.ts';
import { CUSTOMER_COOKIE, customerCtx } from './customer-session.service.ts';

export const DeleteAccountBody = z.strictObject({ password: z.string().min(1, 'is required').max(200) });
export const AccountDeletionSchema = z
  .object({
    profileErased: z.boolean(),
    bookingsKept: z.number().int(),
    backupDays: z.number().int(),
  })
  .meta({ id: 'AccountDeletion' });

/** "Delete my account" in the customer area (issue 12 point 1). */
export function registerAccountDeletionRoutes(app: ApiApp, { database, config }: AppDeps): void {
  const clearCookie = (req: FastifyRequest, reply: FastifyReply) => {
    const secure = config.cookieSecure === 'always' || (config.cookieSecure === 'auto' && req.protocol === 'https');
    void reply.clearCookie(CUSTOMER_COOKIE, { path: '/', httpOnly: true, sameSite: 'lax', secure });
  };

  app.post('/api/v1/account/delete', {
    config: { auth: 'customer', rateLimit: { max: 30, timeWindow: '1 minute' } },
    schema: {
      operationId: 'deleteCustomerAccount',
      tags: ['account'],
      summary:
        'Deletes the signed-in customer’s account, and the hotel’s profile linked to it through its verified e-mail',
      description:
        'Confirmed with the password (400 `wrong_password`). Refused with 409 `account_has_upcoming_bookings` while one of the account’s bookings is upcoming or in house (`details`: `bookings.<id>`, code `upcoming_booking`), or the hotel has an upcoming booking on the profile (code `upcoming_booking_at_hotel`). Otherwise immediate: the account and its sessions end, the profile is erased like “Delete guest”, past bookings stay anonymised; `backupDays` says how long the hotel’s backups may still hold the data.',
      body: DeleteAccountBody,
      response: withErrors({ 200: AccountDeletionSchema }),
    },
    handler: async (req, reply) => {
      const session = req.customer;
      if (!session) throw unauthenticated('Sign in to your account first', 'customer_session_required');
      const result = await deleteOwnAccount(customerCtx(database, session, req.id), session, req.body.password);
      clearCookie(req, reply);
      return result;
    },
  });
}
