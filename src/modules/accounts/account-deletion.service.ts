import { sql } from 'kysely';
import type { Ctx } from '../../core/context.ts';
import { AppError, conflict, invalid, notFound } from '../../core/errors.ts';
import { recordAudit } from '../audit/index.ts';
import { verifyPassword } from '../auth/password.ts';
import { deleteGuest, refreshGuestSystemGroups, STAY_STILL_OWED } from '../guests/index.ts';
import { getPrivacySettings } from '../retention/index.ts';
import { endCustomerSessions, type CustomerSession } from './customer-session.service.ts';

/** What the guest is told after "Delete my account" (issue 12 point 1). */
export interface AccountDeletion {
  /** The hotel's guest profile linked to the account through its verified e-mail was erased too. */
  profileErased: boolean;
  /** Past bookings the hotel keeps, anonymised, for its accounts. */
  bookingsKept: number;
  /** How long the hotel's backups may still hold the data. */
  backupDays: number;
}

/**
 * The account's own bookings (made signed in to it, or with its verified e-mail) that are in house
 * or confirmed and not yet over: while there is one the account cannot be deleted.
 */
async function ownUpcomingBookings(ctx: Ctx, account: { id: string; username: string; emailVerifiedAt: Date | null }) {
  return ctx.db
    .selectFrom('booking as b')
    .innerJoin('property as p', (j) => j.onRef('p.orgId', '=', 'b.orgId').onRef('p.id', '=', 'b.propertyId'))
    .select(['b.id', 'b.reference', 'b.checkIn', 'b.checkOut', 'p.name as propertyName'])
    .where((eb) =>
      eb.or([
        eb.and([eb('b.createdByType', '=', 'customer'), eb('b.createdById', '=', account.id)]),
        ...(account.emailVerifiedAt ? [eb('b.contactEmail', '=', account.username.toLowerCase())] : []),
      ]),
    )
    .where(STAY_STILL_OWED)
    .orderBy('b.checkIn')
    .limit(50)
    .execute();
}

const refused = (details: { field?: string; code: string; message: string }[]) =>
  conflict(
    'account_has_upcoming_bookings',
    'Your account has upcoming bookings: cancel them or contact the hotel before deleting the account',
    details,
  );

/**
 * "Delete my account" (issue 12 point 1, P-1): the customer confirms with their password. Refused
 * (409 account_has_upcoming_bookings) while one of their own bookings, or any booking of the profile
 * erased with it, is upcoming. Otherwise the account, its sessions and links go, and — only when
 * the account is linked to its profile through its verified e-mail (the profile was made from the
 * account's entries, or its primary e-mail is the account's verified e-mail) — the profile is erased
 * through `deleteGuest`, like "Delete guest" by staff. Past bookings stay anonymised.
 */
export async function deleteOwnAccount(ctx: Ctx, session: CustomerSession, password: string): Promise<AccountDeletion> {
  const account = await ctx.db
    .selectFrom('customerAccount')
    .selectAll()
    .where('id', '=', session.accountId)
    .executeTakeFirst();
  if (!account) throw notFound('Account');
  if (!(await verifyPassword(account.passwordHash ?? undefined, password))) {
    throw invalid('wrong_password', 'The password is not correct', [
      { field: 'password', message: 'is not correct', code: 'wrong_password' },
    ]);
  }
  const upcoming = await ownUpcomingBookings(ctx, account);
  if (upcoming.length) {
    throw refused(
      upcoming.map((b) => ({
        field: `bookings.${b.id}`,
        code: 'upcoming_booking',
        message: `${b.reference} · ${b.checkIn} → ${b.checkOut} · ${b.propertyName}`,
      })),
    );
  }
  const profile = account.guestId
    ? await ctx.db.selectFrom('guest').select(['id', 'email']).where('id', '=', account.guestId).executeTakeFirst()
    : undefined;
  const linked =
    Boolean(profile && account.emailVerifiedAt) &&
    (account.ownsProfile || profile?.email?.toLowerCase() === account.username.toLowerCase());
  const bookingsKept = profile && linked ? await countBookings(ctx, profile.id) : 0;
  const { backupDays } = await getPrivacySettings(ctx.db);
  if (profile && linked) {
    try {
      await deleteGuest(ctx, profile.id, 'self');
    } catch (err) {
      // The profile is on a booking the account cannot see (staff attached it): say so, not which.
      if (err instanceof AppError && err.code === 'guest_has_upcoming_bookings') {
        throw refused([
          {
            code: 'upcoming_booking_at_hotel',
            message: 'The hotel has an upcoming booking for you: contact the hotel to delete your account',
          },
        ]);
      }
      throw err;
    }
  }
  await ctx.db.transaction().execute(async (trx) => {
    await endCustomerSessions(trx, { orgId: ctx.orgId, accountId: account.id });
    // The account row holds the details it entered itself; its links and tokens go with it.
    await trx.deleteFrom('customerAccount').where('id', '=', account.id).execute();
    if (profile && !linked) {
      // The profile is the hotel's (not proven the account's): it only loses the link to the account.
      await trx
        .updateTable('guest')
        .set({ userId: null, username: null, updatedAt: new Date() })
        .where('id', '=', profile.id)
        .where('userId', '=', account.id)
        .execute();
      await refreshGuestSystemGroups(trx, [profile.id]);
    }
    await recordAudit(
      ctx,
      'account.deleted_by_customer',
      { type: 'customer_account', id: account.id },
      { profileErased: linked && Boolean(profile), guestId: profile?.id ?? null, bookingsKept },
      trx,
    );
  });
  return { profileErased: linked && Boolean(profile), bookingsKept, backupDays };
}

async function countBookings(ctx: Ctx, guestId: string): Promise<number> {
  const row = await ctx.db
    .selectFrom('booking')
    .select(sql<string>`count(*)`.as('n'))
    .where((eb) =>
      eb.or([
        eb('customerId', '=', guestId),
        eb('id', 'in', eb.selectFrom('bookingGuest').select('bookingId').where('guestId', '=', guestId)),
      ]),
    )
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
