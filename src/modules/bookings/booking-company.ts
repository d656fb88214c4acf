import { invalid, type AppError } from '../../core/errors.ts';
import type { TenantDb } from '../../db/database.ts';

/**
 * The company a booking is made for and the company's contact who made it (issue 15, C-4): the
 * company must exist in the organisation and the contact must be one of its contacts (the database
 * enforces the same with foreign keys; this gives the caller a field-named 400 first).
 */
export async function checkBookingCompany(
  trx: TenantDb,
  companyId: string | null | undefined,
  contactId: string | null | undefined,
  prefix = '',
): Promise<void> {
  if (contactId && !companyId)
    throw invalid('company_required', 'A contact books for a company: give companyId too', [
      { field: `${prefix}companyId`, message: 'required with contactId' },
    ]);
  if (!companyId) return;
  const found = await trx.selectFrom('company').select(['id']).where('id', '=', companyId).executeTakeFirst();
  if (!found)
    throw invalid('unknown_company', 'Unknown company', [{ field: `${prefix}companyId`, message: 'not found' }]);
  if (!contactId) return;
  const contact = await trx
    .selectFrom('companyContact')
    .select('guestId')
    .where('companyId', '=', companyId)
    .where('guestId', '=', contactId)
    .executeTakeFirst();
  if (!contact)
    throw invalid('unknown_contact', 'This person is not a contact of the company', [
      { field: `${prefix}contactId`, message: 'not a contact of this company' },
    ]);
}

/** `checkBookingCompany` for a batch in two statements: a booking whose company or contact is wrong fails alone. */
export async function checkBatchCompanies(
  trx: TenantDb,
  items: { input: { companyId?: string | undefined; contactId?: string | undefined }; i: number }[],
  fail: (i: number, error: AppError) => void,
): Promise<void> {
  const named = items.filter(({ input }) => input.companyId || input.contactId);
  if (!named.length) return;
  const companyIds = [...new Set(named.flatMap(({ input }) => (input.companyId ? [input.companyId] : [])))];
  const companies = new Set(
    companyIds.length
      ? (await trx.selectFrom('company').select('id').where('id', 'in', companyIds).execute()).map((c) => c.id)
      : [],
  );
  const contacts = new Set(
    companyIds.length
      ? (
          await trx
            .selectFrom('companyContact')
            .select(['companyId', 'guestId'])
            .where('companyId', 'in', companyIds)
            .execute()
        ).map((c) => `${c.companyId}\u0000${c.guestId}`)
      : [],
  );
  for (const { input, i } of named) {
    const field = '';
    if (!input.companyId)
      fail(
        i,
        invalid('company_required', 'A contact books for a company: give companyId too', [
          { field: `${field}companyId`, message: 'required with contactId' },
        ]),
      );
    else if (!companies.has(input.companyId))
      fail(i, invalid('unknown_company', 'Unknown company', [{ field: `${field}companyId`, message: 'not found' }]));
    else if (input.contactId && !contacts.has(`${input.companyId}\u0000${input.contactId}`))
      fail(
        i,
        invalid('unknown_contact', 'This person is not a contact of the company', [
          { field: `${field}contactId`, message: 'not a contact of this company' },
        ]),
      );
  }
}
