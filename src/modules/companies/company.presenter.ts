import { sql } from 'kysely';
import type { TenantDb } from '../../db/database.ts';
import type { CompanyRow } from '../../db/schema.ts';
import type { Company } from './company.schemas.ts';

export interface CompanyExtras {
  contactCount: number;
  purchasingContactId: string | null;
}

/** Contact counts and purchasing contacts of some companies, in their order. */
export async function companyExtras(db: TenantDb, ids: string[]): Promise<CompanyExtras[]> {
  if (!ids.length) return [];
  const rows = await db
    .selectFrom('companyContact')
    .select([
      'companyId',
      sql<number>`count(*)::int`.as('contactCount'),
      sql<string | null>`min(guest_id) filter (where 'purchasing' = any (roles))`.as('purchasingContactId'),
    ])
    .where('companyId', 'in', ids)
    .groupBy('companyId')
    .execute();
  const byId = new Map(rows.map((r) => [r.companyId, r]));
  return ids.map((id) => ({
    contactCount: Number(byId.get(id)?.contactCount ?? 0),
    purchasingContactId: byId.get(id)?.purchasingContactId ?? null,
  }));
}

export function presentCompany(
  row: CompanyRow,
  extras: CompanyExtras = { contactCount: 0, purchasingContactId: null },
): Company {
  return {
    id: row.id,
    name: row.name,
    legalName: row.legalName,
    taxId: row.taxId,
    country: row.country,
    language: row.language,
    billingAddress: {
      street: row.billingStreet,
      city: row.billingCity,
      postcode: row.billingPostcode,
      region: row.billingRegion,
      country: row.billingCountry,
    },
    groupId: row.groupId,
    discount: row.discount === null ? null : Number(row.discount),
    rateCode: row.rateCode,
    paymentTerms: row.paymentTerms,
    notes: row.notes,
    tags: row.tags,
    contactCount: extras.contactCount,
    purchasingContactId: extras.purchasingContactId,
    status: row.status,
    statusReason: row.statusReason,
    createdAt: new Date(row.createdAt).toISOString(),
    updatedAt: new Date(row.updatedAt).toISOString(),
  };
}
