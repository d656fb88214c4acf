import { sql } from 'kysely';
import type { Ctx } from '../../core/context.ts';
import { conflict, invalid, notFound } from '../../core/errors.ts';
import { newId } from '../../core/ids.ts';
import type { TenantDb } from '../../db/database.ts';
import type { HotelContactTable } from '../../db/schema.ts';
import type { Selectable } from 'kysely';
import { recordAudit } from '../audit/index.ts';
import type { CreateHotelContactInput, HotelContact, UpdateHotelContactInput } from './hotel-contact.schemas.ts';

export type HotelContactRow = Selectable<HotelContactTable>;
type Language = 'en' | 'es' | 'fr';
type Names = Record<Language, string>;

/** A name given once or per language, as stored: every language filled (missing ones take English). */
function namesOf(name: CreateHotelContactInput['name']): Names {
  if (typeof name === 'string') return { en: name, es: name, fr: name };
  return { en: name.en, es: name.es ?? name.en, fr: name.fr ?? name.en };
}

/** A stored contact as the API shows it, named in `lang`. */
export function presentHotelContact(row: HotelContactRow, lang: Language = 'en'): HotelContact {
  const stored = row.names as Partial<Names>;
  const names: Names = { en: stored.en ?? '', es: stored.es ?? stored.en ?? '', fr: stored.fr ?? stored.en ?? '' };
  return {
    id: row.id,
    name: names[lang],
    names,
    description: row.description,
    email: row.email,
    propertyId: row.propertyId,
    staffIds: row.staffIds,
    position: row.position,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** The organisation's contacts in their order. */
export async function listHotelContacts(ctx: Ctx, db: TenantDb = ctx.db): Promise<HotelContactRow[]> {
  return db.selectFrom('hotelContact').selectAll().orderBy('position').orderBy('createdAt').orderBy('id').execute();
}

/** A contact by id, or 404 (another organisation's id is not found). */
export async function getHotelContact(ctx: Ctx, id: string, db: TenantDb = ctx.db): Promise<HotelContactRow> {
  const row = await db.selectFrom('hotelContact').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('Hotel contact');
  return row;
}

/** Property and staff must be the organisation's own (the scoped queries find only those). */
async function checkReferences(
  db: TenantDb,
  input: { propertyId?: string | null | undefined; staffIds?: string[] | undefined },
): Promise<void> {
  if (input.propertyId) {
    const p = await db.selectFrom('property').select('id').where('id', '=', input.propertyId).executeTakeFirst();
    if (!p) throw invalid('unknown_property', 'Unknown property', [{ field: 'propertyId', message: 'not found' }]);
  }
  const ids = [...new Set(input.staffIds ?? [])];
  if (ids.length) {
    const found = await db.selectFrom('staffUser').select('id').where('id', 'in', ids).execute();
    const known = new Set(found.map((s) => s.id));
    const missing = ids.findIndex((id) => !known.has(id));
    if (missing >= 0)
      throw invalid('unknown_staff', 'Unknown staff member', [
        { field: `staffIds.${(input.staffIds ?? []).indexOf(ids[missing] ?? '')}`, message: 'not found' },
      ]);
  }
}

/** Adds a contact guests can write to (Settings → Contacts). */
export async function createHotelContact(ctx: Ctx, input: CreateHotelContactInput): Promise<HotelContactRow> {
  return ctx.db.transaction().execute(async (trx) => {
    await checkReferences(trx, input);
    const row = await trx
      .insertInto('hotelContact')
      .values({
        orgId: ctx.orgId,
        id: newId('hct'),
        names: JSON.stringify(namesOf(input.name)),
        description: input.description,
        email: input.email,
        propertyId: input.propertyId ?? null,
        staffIds: [...new Set(input.staffIds)],
        position: input.position,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(ctx, 'hotel_contact.created', { type: 'hotel_contact', id: row.id }, {}, trx);
    return row;
  });
}

/** Renames, re-routes or re-staffs a contact. */
export async function updateHotelContact(
  ctx: Ctx,
  id: string,
  patch: UpdateHotelContactInput,
): Promise<HotelContactRow> {
  return ctx.db.transaction().execute(async (trx) => {
    await getHotelContact(ctx, id, trx);
    await checkReferences(trx, patch);
    const row = await trx
      .updateTable('hotelContact')
      .set({
        ...(patch.name !== undefined ? { names: JSON.stringify(namesOf(patch.name)) } : {}),
        ...(patch.description !== undefined ? { description: patch.description } : {}),
        ...(patch.email !== undefined ? { email: patch.email } : {}),
        ...(patch.propertyId !== undefined ? { propertyId: patch.propertyId } : {}),
        ...(patch.staffIds !== undefined ? { staffIds: [...new Set(patch.staffIds)] } : {}),
        ...(patch.position !== undefined ? { position: patch.position } : {}),
        updatedAt: sql<Date>`now()`,
      })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(ctx, 'hotel_contact.updated', { type: 'hotel_contact', id }, { fields: Object.keys(patch) }, trx);
    return row;
  });
}

/** Deletes a contact no thread was written to (else 409 `hotel_contact_in_use`). */
export async function deleteHotelContact(ctx: Ctx, id: string): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    await getHotelContact(ctx, id, trx);
    const used = await trx
      .selectFrom('thread')
      .select('id')
      .where('hotelContactId', '=', id)
      .limit(1)
      .executeTakeFirst();
    if (used)
      throw conflict('hotel_contact_in_use', 'Threads were written to this contact: it cannot be deleted', [
        { field: 'id', message: 'has threads' },
      ]);
    await trx.deleteFrom('hotelContact').where('id', '=', id).execute();
    await recordAudit(ctx, 'hotel_contact.deleted', { type: 'hotel_contact', id }, {}, trx);
  });
}
