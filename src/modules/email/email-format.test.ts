import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, engineName, type TestDatabase } from '../../../test/support/db.ts';
import type { Ctx } from '../../core/context.ts';
import { createOrganisation } from '../tenancy/index.ts';
import { queueEmail } from './index.ts';

// Issue 11, point 26: e-mails printed ISO timestamps and "290.00 EUR"; the property's time zone
// was stored but unused. Now values are written in the recipient's language and that time zone.
describe(`e-mail values in the recipient's language and the property's time zone (${engineName})`, () => {
  let t: TestDatabase;
  let ctx: Ctx;
  let otherProperty: string;
  beforeAll(async () => {
    t = await createTestDatabase();
    const { orgId, propertyId } = await createOrganisation(t.database.system, { name: 'Miramar', propertyName: 'Sea' });
    await t.database.system
      .updateTable('property')
      .set({ timezone: 'Europe/Madrid' })
      .where('id', '=', propertyId)
      .execute();
    otherProperty = 'prp_newyork';
    await t.database.system
      .insertInto('property')
      .values({ orgId, id: otherProperty, name: 'NY', timezone: 'America/New_York', currency: 'USD' })
      .execute();
    ctx = {
      db: t.database.forOrg(orgId),
      orgId,
      actor: { actorType: 'system', actorId: null },
      requestId: null,
      permissions: 'system' as const,
    };
  });
  afterAll(() => t.destroy());

  const render = async (
    language: string,
    event: 'booking.confirmation' | 'account.created',
    data: Record<string, unknown>,
    propertyId?: string,
  ) => {
    const { id } = await ctx.db
      .transaction()
      .execute((trx) => queueEmail(ctx, trx, { event, to: 'anna@guest.test', language, data, propertyId }));
    const row = await ctx.db
      .selectFrom('emailMessage')
      .select('bodyText')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    return row.bodyText;
  };
  const booking = {
    firstName: 'Anna',
    reference: 'R-1',
    checkIn: '2027-01-10',
    checkOut: '2027-01-12',
    total: '290.00',
    currency: 'EUR',
  };

  it('writes the total as money and the stay dates as dates, per language', async () => {
    const en = await render('en', 'booking.confirmation', booking);
    expect(en).toContain('Total: €290.00');
    expect(en).toContain('Arrival: 10 January 2027');
    const es = await render('es', 'booking.confirmation', booking);
    expect(es).toMatch(/Total: 290,00\s€/);
    expect(es).toContain('Llegada: 10 de enero de 2027');
    const fr = await render('fr', 'booking.confirmation', { ...booking, total: 1234.5 });
    expect(fr).toMatch(/Total : 1\s234,50\s€/);
    expect(fr).toContain('Arrivée : 10 janvier 2027');
    expect(en + es + fr).not.toMatch(/290\.00 EUR|2027-01-10/);
  });

  it("writes a moment in the property's time zone, with the zone's name", async () => {
    const expiresAt = new Date('2027-01-05T17:30:00Z');
    const madrid = await render('en', 'account.created', { firstName: 'Anna', expiresAt });
    expect(madrid).toMatch(/5 January 2027(,| at) 18:30 \(CET\)/);
    expect(madrid).not.toContain('2027-01-05');
    const newYork = await render('es', 'account.created', { firstName: 'Anna', expiresAt }, otherProperty);
    expect(newYork).toMatch(/5 de enero de 2027(,| a las) 12:30 \((GMT-5|EST)\)/);
  });
});
