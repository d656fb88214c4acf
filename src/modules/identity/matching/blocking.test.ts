import { describe, expect, it } from 'vitest';
import { blockingKeys } from './blocking.ts';
import { type PersonInput, prepareSubject } from './subject.ts';

// Issue 14 point 3: two records of one person must share at least one blocking key.
const keys = (p: PersonInput) => new Set(blockingKeys(prepareSubject(p)));
const shared = (a: PersonInput, b: PersonInput) => [...keys(a)].filter((k) => keys(b).has(k));

describe('blocking keys', () => {
  it('finds a birth date typed with day and month the other way round', () => {
    expect(
      shared({ lastName: 'Rey', birthDate: '1990-03-07' }, { firstName: 'Ana', birthDate: '1990-07-03' }),
    ).toContain('b:19900307');
  });

  it('finds the same postcode with the same first-name start and an unrelated surname', () => {
    const a = { firstName: 'Iker', lastName: 'Ruiz', addresses: [{ postcode: '48001' }] };
    const b = { firstName: 'Ikerne', lastName: 'Zabala', addresses: [{ postcode: '48001' }] };
    expect(shared(a, b)).toContain('pg:48001:ik');
  });

  it('finds a mailbox name written with other dots and digits, and a company domain but never a webmail', () => {
    expect(shared({ emails: ['j.riley9@tennett.net'] }, { emails: ['jriley@bennett.net'] })).toContain('ell:jriley');
    expect(shared({ emails: ['ana@garner-bridges.com'] }, { emails: ['pablo@garner-bridges.com'] })).toContain(
      'ed:garner-bridges.com',
    );
    expect(shared({ emails: ['ana@gmail.com'] }, { emails: ['pablo@gmail.com'] })).toEqual([]);
  });

  it('finds a name with a slip that changes its sound, in the same town', () => {
    // "Jacskon" does not sound like "Jackson" (j-k-s-k / j-k-s-n) but starts like it.
    const a = { firstName: 'Jacskon', addresses: [{ city: 'Belfast' }] };
    const b = { firstName: 'Jackson', lastName: 'Lee', addresses: [{ city: 'Belfast' }] };
    expect(shared(a, b).some((k) => k.startsWith('p3c:jac:'))).toBe(true);
    // The same town and birth year, names garbled beyond recognition.
    expect(
      shared({ ...a, firstName: 'Kcajson', birthDate: '2009-11-10' }, { ...b, birthDate: '2009-01-02' }),
    ).toContain(
      `cy:${[...keys({ addresses: [{ city: 'Belfast' }], birthDate: '2009-01-02' })].find((k) => k.startsWith('cy:'))!.slice(3)}`,
    );
  });

  it('finds e-mails one slip apart, also in the domain, and a mailbox name with two letters swapped', () => {
    expect(shared({ emails: ['gdavidron@johnson-bsown.com'] }, { emails: ['gdavidson@johnson-brown.com'] })).toContain(
      'eld:gdavidon',
    );
    expect(shared({ emails: ['h.k@sharp.co'] }, { emails: ['h.k@sharp.com'] })).toContain('efd:hksharpco');
    expect(shared({ emails: ['iirpce@carr.cm'] }, { emails: ['iprice@carr.com'] })).toContain('els:ceiipr');
    // OTA relay addresses are never keys, not even one slip away.
    const relay = keys({ emails: ['jsmith.842101@guest.booking.com'] });
    expect([...relay].filter((k) => k.startsWith('e'))).toEqual([]);
  });

  it('finds a name with letters swapped or doubled and a birth year one or ten years off', () => {
    // "Wiliams" / "Williasm" sound different (w-l-m-s / w-l-s-m) but use the same letters.
    const a = { firstName: 'Nancy', lastName: 'Wiliams', birthDate: '1972-02-17' };
    expect(shared(a, { lastName: 'Williasm', birthDate: '1971-01-18' })).toContain('ly1:ailmsw:986');
    // 1974 / 1984, the same month.
    expect(
      shared({ lastName: 'Green', birthDate: '1974-10-05' }, { lastName: 'Green', birthDate: '1984-10-03' }),
    ).toContain('lm:egnr:410');
    // Two years apart: not the same pair of years.
    expect(shared(a, { lastName: 'Williasm', birthDate: '1974-05-01' }).some((k) => k.startsWith('ly'))).toBe(false);
  });
});
