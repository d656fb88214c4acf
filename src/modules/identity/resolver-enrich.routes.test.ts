import { describe, expect, it } from 'vitest';
import { customerBooker, useAppWithRoomType } from '../../../test/support/app-setup.ts';
import { engineName } from '../../../test/support/db.ts';

interface HistoryItem {
  field: string;
  oldValue: unknown;
  newValue: unknown;
  actor: { type: string; id: string | null; name: string | null };
}

describe(`a booking enriches a known guest's profile, with history (${engineName})`, () => {
  const setup = useAppWithRoomType(50);
  const book = customerBooker(setup, { prefix: 'E', checkIn: '2027-10-01', checkOut: '2027-10-03' });
  const get = async (url: string) => {
    const res = await setup.t.app.inject({ method: 'GET', url, headers: { cookie: setup.s.cookie } });
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };

  it('records a new phone in the guest history, keeps the names and the primary e-mail', async () => {
    const id = await book({ firstName: 'Mercedes', lastName: 'Ruiz', email: 'mercedes.ruiz@example.es' });
    const before = await get(`/api/v1/guests/${id}`);
    const again = await book({
      firstName: 'MERCEDES',
      lastName: 'ruiz',
      email: 'Mercedes.Ruiz@example.es',
      phone: '+34 699 111 222',
      birthDate: '1980-04-12',
    });
    expect(again).toBe(id);

    const guest = await get(`/api/v1/guests/${id}`);
    expect(guest.firstName).toBe('Mercedes');
    expect(guest.lastName).toBe('Ruiz');
    expect(guest.phones).toEqual([expect.objectContaining({ e164: '+34699111222', primary: true })]);
    expect(guest.emails).toEqual([expect.objectContaining({ email: 'mercedes.ruiz@example.es', primary: true })]);
    expect(guest.birthDate).toBe('1980-04-12');
    expect(new Date(guest.lastActivityAt).getTime()).toBeGreaterThanOrEqual(new Date(before.lastActivityAt).getTime());

    const history = (await get(`/api/v1/guests/${id}/history?limit=50`)).items as HistoryItem[];
    const phones = history.find((h) => h.field === 'phones');
    expect(phones).toBeDefined();
    expect(phones?.oldValue).toEqual([]);
    expect(phones?.newValue).toEqual([
      { e164: '+34699111222', display: '+34 699 111 222', primary: true, label: null },
    ]);
    expect(phones?.actor.type).toBe('staff');
    expect(phones?.actor.name).toBeTruthy();
    expect(history.find((h) => h.field === 'birthDate')).toMatchObject({ oldValue: null, newValue: '1980-04-12' });
    // The same e-mail in another case is not a change; the names are never written.
    expect(history.filter((h) => ['emails', 'firstName', 'lastName'].includes(h.field) && h.oldValue !== null)).toEqual(
      [],
    );
  });

  it('a booking that brings nothing new writes no history but still moves the activity and the counters', async () => {
    const id = await book({ firstName: 'Ines', lastName: 'Sala', email: 'ines.sala@example.es', country: 'ES' });
    const before = await get(`/api/v1/guests/${id}`);
    const historyBefore = (await get(`/api/v1/guests/${id}/history?limit=50`)).items as HistoryItem[];
    await new Promise((r) => setTimeout(r, 5));
    const again = await book({ firstName: 'INES', lastName: 'sala', email: 'Ines.Sala@example.es', country: 'ES' });
    expect(again).toBe(id);
    const guest = await get(`/api/v1/guests/${id}`);
    expect(guest).toMatchObject({ bookingCount: 2, revenue: 400, country: 'ES' });
    expect(guest.emails).toEqual([expect.objectContaining({ email: 'ines.sala@example.es', primary: true })]);
    expect(new Date(guest.lastActivityAt).getTime()).toBeGreaterThan(new Date(before.lastActivityAt).getTime());
    expect(new Date(guest.updatedAt).getTime()).toBeGreaterThan(new Date(before.updatedAt).getTime());
    expect((await get(`/api/v1/guests/${id}/history?limit=50`)).items).toEqual(historyBefore);
  });

  it('counts every booking of one guest arriving at once under different keys (e-mail or phone)', async () => {
    const id = await book({
      firstName: 'Leire',
      lastName: 'Otxoa',
      email: 'leire.o@example.es',
      phone: '+34 677 000 111',
    });
    // Other nights each: nothing but the guest row makes these bookings wait for one another.
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        setup.t.app.inject({
          method: 'POST',
          url: '/api/v1/bookings',
          headers: setup.s.headers,
          payload: {
            source: 'api',
            externalRef: `E-parallel-${i}`,
            checkIn: `2028-01-${String(i + 1).padStart(2, '0')}`,
            checkOut: `2028-01-${String(i + 2).padStart(2, '0')}`,
            roomTypeName: 'double',
            customer:
              i % 2
                ? { firstName: 'Leire', lastName: 'Otxoa', email: 'leire.o@example.es' }
                : { firstName: 'Leire', lastName: 'Otxoa', phone: '+34677000111' },
          },
        }),
      ),
    );
    expect(results.map((r) => r.statusCode)).toEqual(Array(12).fill(201));
    expect(new Set(results.map((r) => r.json().customerId))).toEqual(new Set([id]));
    expect(await get(`/api/v1/guests/${id}`)).toMatchObject({ bookingCount: 13, revenue: 1400 });
  });

  it('adds a second e-mail as non-primary and records the whole list', async () => {
    const id = await book({ firstName: 'Hugo', lastName: 'Martin', phone: '+33 6 98 76 54 32' });
    await book({ firstName: 'Hugo', lastName: 'Martin', phone: '+33698765432', email: 'hugo@example.fr' });
    const again = await book({ firstName: 'Hugo', lastName: 'Martin', phone: '+33698765432', email: 'hm@example.fr' });
    expect(again).toBe(id);
    const guest = await get(`/api/v1/guests/${id}`);
    expect(guest.emails.map((e: { email: string; primary: boolean }) => [e.email, e.primary])).toEqual([
      ['hugo@example.fr', true],
      ['hm@example.fr', false],
    ]);
    const history = (await get(`/api/v1/guests/${id}/history?limit=50`)).items as HistoryItem[];
    const emails = history.filter((h) => h.field === 'emails');
    expect(emails.map((h) => (h.newValue as unknown[]).length)).toEqual([2, 1]);
    expect(emails[0]?.oldValue).toEqual([{ email: 'hugo@example.fr', primary: true, label: null }]);
  });
});
