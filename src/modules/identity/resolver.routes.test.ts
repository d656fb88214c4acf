import { describe, expect, it } from 'vitest';
import { customerBooker, useAppWithRoomType } from '../../../test/support/app-setup.ts';
import { engineName } from '../../../test/support/db.ts';

describe(`identity resolution of booking guests (${engineName})`, () => {
  const setup = useAppWithRoomType(500);
  const book = customerBooker(setup, { prefix: 'R', checkIn: '2027-09-01', checkOut: '2027-09-02' });

  it('keeps Anna and Ben Hemm, who share an e-mail, as two people (shown as related)', async () => {
    const anna = await book({ firstName: 'Anna', lastName: 'Hemm', email: 'hemm@example.com' });
    const ben = await book({ firstName: 'Ben', lastName: 'Hemm', email: 'hemm@example.com' });
    expect(ben).not.toBe(anna);
    const pairs = await setup.t.database
      .forOrg(setup.t.orgId)
      .selectFrom('duplicateCandidate')
      .selectAll()
      .where('guestA', 'in', [anna, ben])
      .where('guestB', 'in', [anna, ben])
      .execute();
    expect(pairs).toHaveLength(1);
    expect(pairs[0]?.kind).toBe('related');
  });

  it('recognises "JOSE GARCIA" +34 612 345 678 and "José García López" 0034612345678 as one person', async () => {
    const a = await book({ firstName: 'JOSE', lastName: 'GARCIA', phone: '+34 612 345 678' });
    const b = await book({ firstName: 'José', lastName: 'García', secondLastName: 'López', phone: '0034612345678' });
    expect(b).toBe(a);
    const guest = (
      await setup.t.app.inject({ method: 'GET', url: `/api/v1/guests/${a}`, headers: { cookie: setup.s.cookie } })
    ).json();
    expect(guest.bookingCount).toBe(2);
    const decision = await setup.t.database
      .forOrg(setup.t.orgId)
      .selectFrom('identityDecision')
      .selectAll()
      .where('guestId', '=', a)
      .where('outcome', '=', 'matched')
      .executeTakeFirstOrThrow();
    expect(decision.rule).toBe('key_and_compatible_name');
    expect(decision.reasons.join(' ')).toMatch(/phone/);
  });

  it('enriches the profile with a new e-mail when a known guest books again', async () => {
    const a = await book({ firstName: 'Claire', lastName: 'Dubois', phone: '+33 6 12 34 56 78', country: 'FR' });
    const b = await book({
      firstName: 'claire',
      lastName: 'DUBOIS',
      phone: '06 12 34 56 78',
      email: 'claire.dubois@example.fr',
      country: 'FR',
    });
    expect(b).toBe(a);
    const guest = (
      await setup.t.app.inject({ method: 'GET', url: `/api/v1/guests/${a}`, headers: { cookie: setup.s.cookie } })
    ).json();
    expect(guest.emails.map((e: { email: string }) => e.email)).toEqual(['claire.dubois@example.fr']);
  });

  it('never links two people through an OTA relay address', async () => {
    const a = await book({ firstName: 'Tom', lastName: 'Baker', email: 'tbaker.123@guest.booking.com' }, 'ota');
    const b = await book({ firstName: 'Tom', lastName: 'Baker', email: 'tbaker.123@guest.booking.com' }, 'ota');
    expect(b).not.toBe(a);
  });

  it('does not merge namesakes without contact data unless "match on name alone" is on', async () => {
    const a = await book({ firstName: 'Pedro', lastName: 'Sánchez' });
    const b = await book({ firstName: 'Pedro', lastName: 'Sanchez' });
    expect(b).not.toBe(a);
    await setup.t.database.system
      .updateTable('organisation')
      .set({ settings: JSON.stringify({ identity: { matchOnNameAlone: true } }) })
      .where('id', '=', setup.t.orgId)
      .execute();
    try {
      const c = await book({ firstName: 'Lucía', lastName: 'Fernández' });
      const d = await book({ firstName: 'Lucia', lastName: 'Fernandez' });
      expect(d).toBe(c);
    } finally {
      await setup.t.database.system
        .updateTable('organisation')
        .set({ settings: '{}' })
        .where('id', '=', setup.t.orgId)
        .execute();
    }
  });
});
