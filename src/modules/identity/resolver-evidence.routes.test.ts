import { describe, expect, it } from 'vitest';
import { customerBooker, useAppWithRoomType } from '../../../test/support/app-setup.ts';
import { engineName } from '../../../test/support/db.ts';

// Issue 14 through the real booking API and database resolver: the cases a receptionist calls
// one person are merged automatically; families and twins stay apart.
describe(`identity: evidence-weighted automatic decisions (${engineName})`, () => {
  const setup = useAppWithRoomType(500);
  const book = customerBooker(setup, { prefix: 'E', checkIn: '2027-10-01', checkOut: '2027-10-02' });
  const decisionOf = (guestId: string) =>
    setup.t.database
      .forOrg(setup.t.orgId)
      .selectFrom('identityDecision')
      .selectAll()
      .where('guestId', '=', guestId)
      .where('outcome', '=', 'matched')
      .execute();

  it('same phone and birth date, surname with a one-letter slip: one person', async () => {
    const a = await book({ firstName: 'Iker', lastName: 'Ruiz', phone: '+34 612 000 111', birthDate: '1984-02-11' });
    const b = await book({ firstName: 'Iker', lastName: 'Ruis', phone: '612000111', birthDate: '1984-02-11' });
    expect(b).toBe(a);
    const decisions = await decisionOf(a);
    expect(decisions.map((d) => d.rule)).toContain('evidence');
  });

  it('same phone and birth date, first and last name swapped: one person', async () => {
    const a = await book({
      firstName: 'Nerea',
      lastName: 'Etxeberria',
      phone: '+34 699 111 222',
      birthDate: '1991-07-30',
    });
    const b = await book({ firstName: 'ETXEBERRIA', lastName: 'NEREA', phone: '699111222', birthDate: '1991-07-30' });
    expect(b).toBe(a);
  });

  it('same phone and birth date, one with a personal e-mail, the other with a relay address or none', async () => {
    const base = { firstName: 'Hélène', lastName: 'Roux', phone: '+33 6 55 44 33 22', birthDate: '1979-10-05' };
    const a = await book({ ...base, email: 'helene.roux@orange.fr' });
    const b = await book({ ...base, firstName: 'HELENE', email: 'hroux.384756@guest.booking.com' }, 'ota');
    const c = await book(base);
    expect(b).toBe(a);
    expect(c).toBe(a);
  });

  it('same e-mail and phone, name in capitals without accents and one surname missing: one person', async () => {
    const a = await book({
      firstName: 'José María',
      lastName: 'Núñez',
      secondLastName: 'Gómez',
      email: 'jm.nunez@gmail.com',
      phone: '+34 655 000 222',
    });
    const b = await book({
      firstName: 'JOSE MARIA',
      lastName: 'NUNEZ',
      email: 'JM.Nunez@gmail.com',
      phone: '655000222',
    });
    expect(b).toBe(a);
  });

  it('twins sharing a phone and a birth date, and a parent and child sharing an e-mail, stay apart', async () => {
    const twin = { lastName: 'Moreau', phone: '+33 6 11 22 33 44', birthDate: '2004-06-18' };
    const lea = await book({ ...twin, firstName: 'Léa' });
    const chloe = await book({ ...twin, firstName: 'Chloé' });
    expect(chloe).not.toBe(lea);
    const parent = await book({
      firstName: 'Martine',
      lastName: 'Lefèvre',
      email: 'lefevre@free.fr',
      birthDate: '1962-04-09',
    });
    const child = await book({
      firstName: 'Hugo',
      lastName: 'Lefevre',
      email: 'lefevre@free.fr',
      birthDate: '1995-12-01',
    });
    expect(child).not.toBe(parent);
  });

  it('a family stays apart: another first name, or the same name with another birth date', async () => {
    // Same surname, birth date and phone, another first name (no shared document): not merged.
    const family = { lastName: 'Iturbe', phone: '+34 688 123 321', birthDate: '2010-05-14' };
    const ane = await book({ ...family, firstName: 'Ane' });
    const jon = await book({ ...family, firstName: 'Jon' });
    expect(jon).not.toBe(ane);
    // Father and son: same name and phone, birth dates 30 years apart: not merged.
    const father = await book({
      firstName: 'Koldo',
      lastName: 'Arana',
      phone: '+34 688 000 777',
      birthDate: '1960-02-03',
    });
    const son = await book({ firstName: 'Koldo', lastName: 'Arana', phone: '688000777', birthDate: '1990-08-21' });
    expect(son).not.toBe(father);
    // A one-letter slip in a short first name is not another person (issue 14: "clearly different").
    const luke = await book({ firstName: 'Luke', lastName: 'Hemm', phone: '+34 688 555 444', birthDate: '1990-01-02' });
    const luk = await book({ firstName: 'Luk', lastName: 'Hemm', phone: '688555444', birthDate: '1990-01-02' });
    expect(luk).toBe(luke);
  });

  it('"cautious" mode asks for more evidence than "balanced"', async () => {
    // 25 bits: first name, a similar surname, the phone and a birth date with a one-digit slip.
    const pair = async (first: string, last: string, slip: string, phone: string) => [
      await book({ firstName: first, lastName: last, phone, birthDate: '1970-01-02' }),
      await book({ firstName: first, lastName: slip, phone, birthDate: '1970-01-03' }),
    ];
    const [a, b] = await pair('Ana', 'Sanz', 'Sans', '+34 677 888 999');
    expect(b).toBe(a);
    await setup.t.database.system
      .updateTable('organisation')
      .set({ settings: JSON.stringify({ identity: { mode: 'cautious' } }) })
      .where('id', '=', setup.t.orgId)
      .execute();
    try {
      const [c, d] = await pair('Eva', 'Gil', 'Gill', '+34 677 888 000');
      expect(d).not.toBe(c);
    } finally {
      await setup.t.database.system
        .updateTable('organisation')
        .set({ settings: '{}' })
        .where('id', '=', setup.t.orgId)
        .execute();
    }
  });
});
