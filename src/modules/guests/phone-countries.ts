import type { TenantDb } from '../../db/database.ts';
import { DEFAULT_PHONE_COUNTRY, normalisePhone } from './phone.ts';

/**
 * How a national phone number (no "+") is read (issue 14 point 6a): with the guest's own country
 * first (their country of residence or address country), then the property's (the booking's or
 * the site's), then the organisation's default — the country of its first property, else
 * DEFAULT_PHONE_COUNTRY. The first country in which the number is valid wins.
 */
export interface PhoneCountries {
  /** The organisation's default: its first property's country (none set: DEFAULT_PHONE_COUNTRY). */
  orgDefault: string;
  /** Property id → its country. */
  properties: Map<string, string | null>;
  /** Room type id → its property id (a booking may name only the room type). */
  roomTypes: Map<string, string>;
}

/** The organisation's property countries (a few rows; read once per request or batch). */
export async function loadPhoneCountries(db: TenantDb): Promise<PhoneCountries> {
  const [properties, roomTypes] = await Promise.all([
    db.selectFrom('property').select(['id', 'country']).orderBy('createdAt').orderBy('id').execute(),
    db.selectFrom('roomType').select(['id', 'propertyId']).execute(),
  ]);
  return {
    orgDefault: properties[0]?.country ?? DEFAULT_PHONE_COUNTRY,
    properties: new Map(properties.map((p) => [p.id, p.country])),
    roomTypes: new Map(roomTypes.map((r) => [r.id, r.propertyId])),
  };
}

/** The countries to read a number with, in order, without repeats: own, then the property's, then the organisation's. */
export function phoneCountryOrder(
  pc: PhoneCountries,
  own: readonly (string | null | undefined)[],
  propertyId?: string | null,
): string[] {
  const property = propertyId ? pc.properties.get(propertyId) : undefined;
  const all = [...own, property, pc.orgDefault].filter((c): c is string => Boolean(c)).map((c) => c.toUpperCase());
  return [...new Set(all)];
}

/** True when the number is written internationally ("+…" or "00…"): no country is needed to read it. */
export const isInternational = (phone: string) => /^\s*(\+|00)/.test(phone);

/**
 * A person's phone in E.164 when one of `countries` reads it (in order), else as typed (the
 * caller's validation then reports it). Used before the resolver matches and stores the person,
 * so every later step reads the same number.
 */
export function phoneAsE164(phone: string, countries: readonly string[]): string {
  return normalisePhone(phone, countries)?.e164 ?? phone;
}
