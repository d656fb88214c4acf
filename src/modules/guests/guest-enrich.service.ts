import { sql } from 'kysely';
import type { Ctx } from '../../core/context.ts';
import { notFound } from '../../core/errors.ts';
import type { TenantDb } from '../../db/database.ts';
import { recordGuestChanges, type FieldChange } from './guest-history.service.ts';

interface EmailItem {
  email: string;
  primary: boolean;
  label: string | null;
}
interface PhoneItem {
  e164: string;
  display: string;
  primary: boolean;
  label: string | null;
}

/** What an interaction (a booking, a form, an import row) may add to a known guest's profile. */
export interface GuestEnrichment {
  /** Lower-cased, trimmed e-mail. */
  email?: string | null | undefined;
  /** A phone already normalised to E.164, with the text as entered. */
  phone?: { e164: string; display: string } | null | undefined;
  birthDate?: string | null | undefined;
  language?: string | null | undefined;
  country?: string | null | undefined;
}

/** What enrichment looks at on a profile, as a caller already read it (a resolver candidate row). */
export interface EnrichmentBasis {
  emails: readonly string[];
  /** E.164. */
  phones: readonly string[];
  birthDate: string | null;
  language: string | null;
  country: string | null;
}

/** Whether `enrichGuest` would add anything to a profile that has `basis` (the same rules). */
export function wouldEnrich(basis: EnrichmentBasis, add: GuestEnrichment): boolean {
  const email = add.email?.trim().toLowerCase();
  if (email && !basis.emails.includes(email)) return true;
  if (add.phone?.e164 && !basis.phones.includes(add.phone.e164)) return true;
  return (
    Boolean(add.birthDate && basis.birthDate === null) ||
    Boolean(add.language && basis.language === null) ||
    Boolean(add.country && basis.country === null)
  );
}

/**
 * I-1: an interaction of a known guest enriches the profile, in the caller's transaction. Only
 * what is missing is filled: names are never touched; a new e-mail or phone is added as a further
 * (non-primary) entry and becomes primary only when the profile had none; birth date, language and
 * country are set only when empty. The last activity moves to now. Every changed field is written
 * to the guest's history (G-9) under the actor of `ctx`, lists as whole lists like a PATCH.
 * Returns the changes recorded.
 */
export async function enrichGuest(
  ctx: Ctx,
  trx: TenantDb,
  guestId: string,
  add: GuestEnrichment,
  at: Date = new Date(),
  /**
   * `deferTouch`: the caller moves the last activity and `updated_at` itself later in this
   * transaction (a booking's stats update), so an enrichment that adds nothing writes nothing;
   * with `basis` (the profile as the caller read it) it does not even read the lists back.
   */
  options: { deferTouch?: boolean; basis?: EnrichmentBasis } = {},
): Promise<FieldChange[]> {
  if (options.deferTouch && options.basis && !wouldEnrich(options.basis, add)) {
    // Nothing to add; the row lock is still taken, as below: bookings of one profile arriving
    // under different keys queue here, so each one's stats update counts the other's booking.
    const row = await trx
      .selectFrom('guest')
      .select('id')
      .where('id', '=', guestId)
      .forNoKeyUpdate()
      .executeTakeFirst();
    if (!row) throw notFound('Guest');
    return [];
  }
  // One round trip: the row (locked: two enrichments of one profile queue up) and its lists.
  const current = await trx
    .selectFrom('guest')
    .select([
      'birthDate',
      'language',
      'country',
      sql<
        EmailItem[]
      >`coalesce((select json_agg(json_build_object('email', e.email, 'primary', e.is_primary, 'label', e.label) order by e.position) from guest_email e where e.org_id = guest.org_id and e.guest_id = guest.id), '[]'::json)`.as(
        'emailList',
      ),
      sql<
        PhoneItem[]
      >`coalesce((select json_agg(json_build_object('e164', p.e164, 'display', p.display, 'primary', p.is_primary, 'label', p.label) order by p.position) from guest_phone p where p.org_id = guest.org_id and p.guest_id = guest.id), '[]'::json)`.as(
        'phoneList',
      ),
    ])
    .where('id', '=', guestId)
    // NO KEY UPDATE, like the UPDATE that follows: a foreign-key check from another transaction (a
    // duplicate pair, a booking naming this guest) must not wait on it, or the two can deadlock.
    .forNoKeyUpdate()
    .executeTakeFirst();
  if (!current) throw notFound('Guest');
  const changes: FieldChange[] = [];
  const columns: { email?: string; phone?: string; phoneDisplay?: string } = {};

  const email = add.email?.trim().toLowerCase();
  const emails = current.emailList;
  if (email && !emails.some((e) => e.email === email)) {
    const primary = emails.length === 0;
    await trx
      .insertInto('guestEmail')
      .values({ orgId: ctx.orgId, guestId, email, isPrimary: primary, position: emails.length, label: null })
      .execute();
    if (primary) columns.email = email;
    changes.push({ field: 'emails', oldValue: emails, newValue: [...emails, { email, primary, label: null }] });
  }

  const phone = add.phone;
  const phones = current.phoneList;
  if (phone?.e164 && !phones.some((x) => x.e164 === phone.e164)) {
    const primary = phones.length === 0;
    await trx
      .insertInto('guestPhone')
      .values({
        orgId: ctx.orgId,
        guestId,
        e164: phone.e164,
        display: phone.display,
        isPrimary: primary,
        position: phones.length,
        label: null,
      })
      .execute();
    if (primary) Object.assign(columns, { phone: phone.e164, phoneDisplay: phone.display });
    changes.push({
      field: 'phones',
      oldValue: phones,
      newValue: [...phones, { e164: phone.e164, display: phone.display, primary, label: null }],
    });
  }

  const fill = { birthDate: add.birthDate, language: add.language, country: add.country };
  const filled: { birthDate?: string; language?: string; country?: string } = {};
  for (const field of ['birthDate', 'language', 'country'] as const) {
    const value = fill[field];
    if (value && current[field] === null) {
      filled[field] = value;
      changes.push({ field, oldValue: null, newValue: value });
    }
  }

  if (options.deferTouch && changes.length === 0) return changes;
  await trx
    .updateTable('guest')
    .set({ ...columns, ...filled, lastActivityAt: at, updatedAt: at })
    .where('id', '=', guestId)
    .execute();
  if (changes.length) await recordGuestChanges(ctx, trx, guestId, changes, at);
  return changes;
}
