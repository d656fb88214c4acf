import type { z } from 'zod';
import type { AccountSchema } from './account.schemas.ts';
import type { AccountListRow } from './account.service.ts';

/** A customer account as the staff API shows it (never the password hash). */
export function presentAccount(r: AccountListRow): z.infer<typeof AccountSchema> {
  return {
    id: r.id,
    guestId: r.guestId,
    username: r.username,
    firstName: r.firstName,
    lastName: r.lastName,
    status: r.status,
    origin: r.origin,
    hasPassword: r.passwordHash !== null,
    emailVerified: r.emailVerifiedAt !== null,
    createdAt: r.createdAt.toISOString(),
    validatedAt: r.validatedAt?.toISOString() ?? null,
    cancelledAt: r.cancelledAt?.toISOString() ?? null,
    lastLoginAt: r.lastLoginAt?.toISOString() ?? null,
  };
}
