import { sql, type Kysely } from 'kysely';
import { backfillConsentLedger } from '../../db/migrations/2026-12-07-0401-consent-ledger.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { customerLogin, registerCustomer, signedInCustomer, tokenFromEmail } from '../../../test/support/accounts.ts';
import { createTestApp, type Session, type TestApp } from '../../../test/support/app.ts';
import { engineName } from '../../../test/support/db.ts';

interface Consent {
  id: string;
  channel: string;
  purpose: string;
  status: string;
  source: string;
  ip: string | null;
  actor: { type: string | null; id: string | null; name: string | null };
  wording: { text: string; version: number | null; language: string | null } | null;
  fromMergedProfile: boolean;
}

describe(`consent ledger (${engineName})`, () => {
  let t: TestApp;
  let owner: Session;
  let keySecret: string;
  let keyId: string;
  const auth = (secret: string) => ({ authorization: `Bearer ${secret}` });

  beforeAll(async () => {
    t = await createTestApp();
    owner = await t.login();
    const key = await t.app.inject({
      method: 'POST',
      url: '/api/v1/api-keys',
      headers: owner.headers,
      payload: { name: 'CRM sync', scopes: ['guests:write', 'bookings:write'] },
    });
    expect(key.statusCode, key.body).toBe(201);
    keySecret = key.json().secret;
    keyId = key.json().id;
  });
  afterAll(() => t.close());

  const createGuest = async (payload: Record<string, unknown>, headers: Record<string, string> = owner.headers) => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/guests', headers, payload });
    expect(res.statusCode, res.body).toBe(201);
    return res.json<{ id: string; marketingConsent: boolean }>();
  };
  const consents = async (id: string, headers: Record<string, string> = owner.headers) => {
    const res = await t.app.inject({ method: 'GET', url: `/api/v1/guests/${id}/consents`, headers });
    expect(res.statusCode, res.body).toBe(200);
    return res.json<{ items: Consent[]; marketingConsent: boolean }>();
  };
  const record = (id: string, payload: Record<string, unknown>, headers: Record<string, string> = owner.headers) =>
    t.app.inject({ method: 'POST', url: `/api/v1/guests/${id}/consents`, headers, payload });
  const flag = async (id: string) =>
    (await t.app.inject({ method: 'GET', url: `/api/v1/guests/${id}`, headers: owner.headers })).json()
      .marketingConsent;

  it('records a guest created with consent and one changed by staff, newest first, with who', async () => {
    const g = await createGuest({ firstName: 'Ada', lastName: 'Consent', email: 'ada@c.test', marketingConsent: true });
    expect(g.marketingConsent).toBe(true);
    const patched = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/guests/${g.id}`,
      headers: owner.headers,
      payload: { marketingConsent: false },
    });
    expect(patched.json().marketingConsent).toBe(false);
    const list = await consents(g.id);
    expect(list.marketingConsent).toBe(false);
    expect(list.items.map((c) => [c.channel, c.purpose, c.status, c.source])).toEqual([
      ['email', 'marketing', 'withdrawn', 'staff'],
      ['email', 'marketing', 'granted', 'staff'],
    ]);
    expect(list.items[0]!.actor).toMatchObject({ type: 'staff', name: 'Owner' });
    expect(list.items[0]!.ip).toBeNull();
  });

  it('derives marketingConsent from the latest email+marketing record only', async () => {
    const g = await createGuest({ firstName: 'Bea', lastName: 'Derive' });
    expect((await record(g.id, { channel: 'sms', purpose: 'marketing', status: 'granted' })).statusCode).toBe(201);
    expect(await flag(g.id)).toBe(false);
    const granted = await record(g.id, {
      channel: 'email',
      purpose: 'marketing',
      status: 'granted',
      wording: { text: 'Yes, send me offers by e-mail', version: 3 },
    });
    expect(granted.statusCode, granted.body).toBe(201);
    expect(granted.json()).toMatchObject({
      source: 'staff',
      wording: { text: 'Yes, send me offers by e-mail', version: 3 },
    });
    expect(await flag(g.id)).toBe(true);
    await record(g.id, { channel: 'post', purpose: 'marketing', status: 'withdrawn' });
    expect(await flag(g.id)).toBe(true);
    await record(g.id, { channel: 'email', purpose: 'marketing', status: 'withdrawn' });
    expect(await flag(g.id)).toBe(false);
    const filtered = await t.app.inject({
      method: 'GET',
      url: `/api/v1/guests?marketingConsent=true&q=Derive`,
      headers: owner.headers,
    });
    expect(filtered.json().items).toHaveLength(0);
    const history = await t.app.inject({
      method: 'GET',
      url: `/api/v1/guests/${g.id}/history`,
      headers: owner.headers,
    });
    expect(history.statusCode).toBe(200);
    const fields = (history.json().items as { field: string }[]).map((h) => h.field);
    expect(fields.filter((f) => f === 'marketingConsent')).toHaveLength(2);
  });

  it('enforces the source from the caller: a key records `api` and cannot claim the booking site', async () => {
    const g = await createGuest({ firstName: 'Cy', lastName: 'Key' }, auth(keySecret));
    const claimed = await record(
      g.id,
      { channel: 'email', purpose: 'marketing', status: 'granted', source: 'booking_site' },
      auth(keySecret),
    );
    expect(claimed.statusCode).toBe(403);
    expect(claimed.json().error.code).toBe('consent_source_not_allowed');
    const staffClaim = await record(g.id, {
      channel: 'email',
      purpose: 'marketing',
      status: 'granted',
      source: 'account',
    });
    expect(staffClaim.statusCode).toBe(403);
    const ok = await record(g.id, { channel: 'email', purpose: 'marketing', status: 'granted' }, auth(keySecret));
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json()).toMatchObject({ source: 'api', actor: { type: 'api_key', id: keyId, name: 'CRM sync' } });
    const imported = await record(
      g.id,
      { channel: 'post', purpose: 'marketing', status: 'granted', source: 'import', reference: 'crm-export-2026.csv' },
      auth(keySecret),
    );
    expect(imported.json()).toMatchObject({ source: 'import', reference: 'crm-export-2026.csv' });
    expect(await flag(g.id)).toBe(true);
  });

  it('records the consent of a guest a connected tool books with (source api)', async () => {
    const { roomTypeId } = await t.addRoomType(owner, { name: 'Double', capacity: 2, nightlyPrice: 100, roomCount: 3 });
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/bookings',
      headers: auth(keySecret),
      payload: {
        source: 'api',
        externalRef: 'consent-1',
        checkIn: '2027-03-01',
        checkOut: '2027-03-03',
        roomTypeId,
        customer: { firstName: 'Dora', lastName: 'Booker', email: 'dora.booker@c.test', marketingConsent: true },
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    const list = await consents(res.json().customerId);
    expect(list.marketingConsent).toBe(true);
    expect(list.items[0]).toMatchObject({ source: 'api', status: 'granted', actor: { type: 'api_key', id: keyId } });
  });

  it("records the customer area's consent with source account and the IP, and the wording shown", async () => {
    const wording = await t.app.inject({
      method: 'POST',
      url: '/api/v1/consent/wordings',
      headers: owner.headers,
      payload: { language: 'en', text: 'I would like to receive the hotel newsletter.' },
    });
    expect(wording.statusCode, wording.body).toBe(201);
    expect(wording.json()).toMatchObject({ version: 1, current: true });
    const c = await signedInCustomer(t, 'eve.account@c.test', { firstName: 'Eve', lastName: 'Account' });
    const res = await t.app.inject({
      method: 'PATCH',
      url: '/api/v1/account/details',
      headers: { ...c.headers, 'x-forwarded-for': '203.0.113.9' },
      payload: { marketingConsent: true },
    });
    expect(res.statusCode, res.body).toBe(200);
    const list = await consents(c.guestId);
    expect(list.marketingConsent).toBe(true);
    expect(list.items[0]).toMatchObject({
      source: 'account',
      status: 'granted',
      actor: { type: 'customer', id: c.accountId },
      wording: { text: 'I would like to receive the hotel newsletter.', version: 1, language: 'en' },
    });
    expect(list.items[0]!.ip).toEqual(expect.any(String));
    await t.app.inject({
      method: 'PATCH',
      url: '/api/v1/account/details',
      headers: c.headers,
      payload: { marketingConsent: false },
    });
    expect((await consents(c.guestId)).items.map((i) => i.status)).toEqual(['withdrawn', 'granted']);
  });

  it("records a registration's consent when the account reaches its profile", async () => {
    await registerCustomer(t, { email: 'fay.reg@c.test', firstName: 'Fay', lastName: 'Reg', marketingConsent: true });
    const token = await tokenFromEmail(t, 'account.created', 'fay.reg@c.test');
    const set = await t.app.inject({
      method: 'POST',
      url: '/api/v1/account/set-password',
      payload: { token, password: 'customer-password-1' },
    });
    expect(set.statusCode, set.body).toBe(200);
    const c = await customerLogin(t, 'fay.reg@c.test', 'customer-password-1');
    const list = await consents(c.guestId);
    expect(list.marketingConsent).toBe(true);
    expect(list.items).toHaveLength(1);
    expect(list.items[0]).toMatchObject({
      source: 'account',
      status: 'granted',
      channel: 'email',
      purpose: 'marketing',
    });
  });

  it("keeps both profiles' records through a merge and gives them back on undo", async () => {
    const a = await createGuest({ firstName: 'Gil', lastName: 'Merge', email: 'gil1@c.test', marketingConsent: true });
    const b = await createGuest({ firstName: 'Gil', lastName: 'Merge', email: 'gil2@c.test' });
    await record(b.id, { channel: 'email', purpose: 'marketing', status: 'withdrawn' });
    await record(b.id, { channel: 'sms', purpose: 'marketing', status: 'granted' });
    const merged = await t.app.inject({
      method: 'POST',
      url: '/api/v1/guests/merge',
      headers: owner.headers,
      payload: { guestIds: [a.id, b.id], survivorId: a.id, choices: { marketingConsent: a.id } },
    });
    expect(merged.statusCode, merged.body).toBe(201);
    // The latest email+marketing record (b's withdrawal) decides, whatever was chosen.
    expect(merged.json().guest.marketingConsent).toBe(false);
    const list = await consents(a.id);
    expect(list.items).toHaveLength(3);
    expect(list.items.filter((i) => i.fromMergedProfile)).toHaveLength(2);
    const undo = await t.app.inject({
      method: 'POST',
      url: `/api/v1/merges/${merged.json().merge.id}/undo`,
      headers: owner.headers,
    });
    expect(undo.statusCode, undo.body).toBe(200);
    expect((await consents(a.id)).items).toHaveLength(1);
    expect(await flag(a.id)).toBe(true);
    expect((await consents(b.id)).items).toHaveLength(2);
    expect(await flag(b.id)).toBe(false);
  });

  it("knows the organisation's purposes: 400 for an unknown one, records one it added", async () => {
    const g = await createGuest({ firstName: 'Hal', lastName: 'Purpose' });
    const unknown = await record(g.id, { channel: 'email', purpose: 'surveys', status: 'granted' });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.code).toBe('unknown_consent_purpose');
    const added = await t.app.inject({
      method: 'POST',
      url: '/api/v1/consent/purposes',
      headers: owner.headers,
      payload: { key: 'surveys', names: { en: 'Guest surveys', es: 'Encuestas', fr: 'Enquêtes' } },
    });
    expect(added.statusCode, added.body).toBe(201);
    const again = await t.app.inject({
      method: 'POST',
      url: '/api/v1/consent/purposes',
      headers: owner.headers,
      payload: { key: 'surveys', names: { en: 'x' } },
    });
    expect(again.statusCode).toBe(409);
    const ok = await record(g.id, { channel: 'email', purpose: 'surveys', status: 'granted' });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(await flag(g.id)).toBe(false);
    const purposes = await t.app.inject({ method: 'GET', url: '/api/v1/consent/purposes', headers: owner.headers });
    expect(purposes.json().items.map((p: { key: string }) => p.key)).toEqual(['marketing', 'surveys']);
  });

  it("refuses without credentials (401), without permission (403), another organisation's guest (404)", async () => {
    const g = await createGuest({ firstName: 'Ike', lastName: 'Guard' });
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/guests/${g.id}/consents` })).statusCode).toBe(401);
    expect(
      (
        await t.app.inject({
          method: 'POST',
          url: `/api/v1/guests/${g.id}/consents`,
          payload: { channel: 'email', purpose: 'marketing', status: 'granted' },
        })
      ).statusCode,
    ).toBe(401);
    const ro = await t.addStaff('read_only');
    const readOnly = await t.login(ro.email, ro.password);
    expect((await consents(g.id, readOnly.headers)).items).toEqual([]);
    const refused = await record(g.id, { channel: 'email', purpose: 'marketing', status: 'granted' }, readOnly.headers);
    expect(refused.statusCode).toBe(403);
    const settings = await t.app.inject({
      method: 'POST',
      url: '/api/v1/consent/wordings',
      headers: readOnly.headers,
      payload: { language: 'en', text: 'x' },
    });
    expect(settings.statusCode).toBe(403);
    const other = await t.createOrg('Other Hotel');
    const o = await t.login(other.email, other.password);
    const theirs = await t.app.inject({ method: 'GET', url: `/api/v1/guests/${g.id}/consents`, headers: o.headers });
    expect(theirs.statusCode).toBe(404);
    const write = await record(g.id, { channel: 'email', purpose: 'marketing', status: 'granted' }, o.headers);
    expect(write.statusCode).toBe(404);
    expect(await flag(g.id)).toBe(false);
  });

  it('answers hostile input with a 4xx in the error shape', async () => {
    const g = await createGuest({ firstName: 'Jo', lastName: 'Hostile' });
    const bad = [
      { channel: 'fax', purpose: 'marketing', status: 'granted' },
      { channel: 'email', purpose: 'marketing', status: 'maybe' },
      { channel: 'email', purpose: 'Market ing', status: 'granted' },
      { channel: 'email', purpose: 'marketing', status: 'granted', wording: { text: 'x'.repeat(5000) } },
      { channel: 'email', purpose: 'marketing', status: 'granted', wording: { text: 'a\u0000b' } },
      { channel: 'email', purpose: 'marketing', status: 'granted', extra: 1 },
      { channel: 'email', purpose: 'marketing', status: 'granted', source: 'telepathy' },
    ];
    for (const payload of bad) {
      const res = await record(g.id, payload);
      expect(res.statusCode, JSON.stringify(payload)).toBeGreaterThanOrEqual(400);
      expect(res.statusCode, JSON.stringify(payload)).toBeLessThan(500);
      expect(res.json().error.code).toEqual(expect.any(String));
    }
    for (const id of ['x'.repeat(500), 'gst_%00', 'nope']) {
      const res = await t.app.inject({ method: 'GET', url: `/api/v1/guests/${id}/consents`, headers: owner.headers });
      expect(res.statusCode).toBeGreaterThanOrEqual(400);
      expect(res.statusCode).toBeLessThan(500);
    }
    expect((await consents(g.id)).items).toEqual([]);
  });

  it('refuses at commit any change of marketing_consent that bypasses the ledger', async () => {
    const g = await createGuest({ firstName: 'Kim', lastName: 'Bypass' });
    const db = t.database.forOrg(t.orgId);
    await expect(
      db.updateTable('guest').set({ marketingConsent: true }).where('id', '=', g.id).execute(),
    ).rejects.toThrow();
    await expect(
      db.transaction().execute(async (trx) => {
        await trx.updateTable('guest').set({ marketingConsent: true }).where('id', '=', g.id).execute();
      }),
    ).rejects.toThrow();
    await expect(
      db
        .insertInto('guest')
        .values({
          orgId: t.orgId,
          id: 'gst_bypass',
          firstName: 'X',
          lastName: 'Y',
          marketingConsent: true,
          createdAt: new Date(),
          updatedAt: new Date(),
          firstContactAt: new Date(),
          lastActivityAt: new Date(),
        } as never)
        .execute(),
    ).rejects.toThrow();
    expect(await flag(g.id)).toBe(false);
    // Every guest's flag equals what its ledger derives.
    const drift = await sql<{ n: number }>`
      select count(*)::int as n from guest where marketing_consent <> guest_marketing_consent(org_id, id)`.execute(
      t.database.system,
    );
    expect(drift.rows[0]!.n).toBe(0);
  });
});

describe(`consent ledger migration (${engineName})`, () => {
  it('gives each consenting guest without records one migrated grant, and the derived state stays', async () => {
    const t = await createTestApp();
    try {
      const owner = await t.login();
      const make = async (payload: Record<string, unknown>) =>
        (await t.app.inject({ method: 'POST', url: '/api/v1/guests', headers: owner.headers, payload })).json()
          .id as string;
      const manual = await make({ firstName: 'Old', lastName: 'Checkbox', marketingConsent: true });
      const imported = await make({ firstName: 'Old', lastName: 'Import', marketingConsent: true, source: 'import' });
      const none = await make({ firstName: 'Old', lastName: 'None' });
      // The state before the ledger: the flag set, no record (deleting records does not touch the flag).
      await t.database.system.deleteFrom('guestConsent').execute();
      await backfillConsentLedger(t.database.system as unknown as Kysely<unknown>);
      await backfillConsentLedger(t.database.system as unknown as Kysely<unknown>);
      const rows = await t.database.system.selectFrom('guestConsent').selectAll().orderBy('guestId').execute();
      expect(rows.map((r) => [r.guestId, r.source, r.status, r.channel, r.purpose, r.migrated]).sort()).toEqual(
        [
          [manual, 'staff', 'granted', 'email', 'marketing', true],
          [imported, 'import', 'granted', 'email', 'marketing', true],
        ].sort(),
      );
      expect(rows.some((r) => r.guestId === none)).toBe(false);
      const list = await t.app.inject({
        method: 'GET',
        url: `/api/v1/guests/${manual}/consents`,
        headers: owner.headers,
      });
      expect(list.json()).toMatchObject({ marketingConsent: true, items: [{ migrated: true, source: 'staff' }] });
    } finally {
      await t.close();
    }
  });
});

describe(`consent from the booking site (${engineName})`, () => {
  it("records a checkout consent as the booking site's, with the IP and the wording version the form showed", async () => {
    const t = await createTestApp();
    try {
      const owner = await t.login();
      const { propertyId, roomTypeId } = await t.addRoomType(owner, {
        name: 'Double',
        capacity: 2,
        nightlyPrice: 100,
        roomCount: 5,
      });
      for (const text of ['Send me offers (v1).', 'Send me the newsletter and offers (v2).'])
        await t.app.inject({
          method: 'POST',
          url: '/api/v1/consent/wordings',
          headers: owner.headers,
          payload: { language: 'en', text },
        });
      const shown = await t.app.inject({ method: 'GET', url: '/api/v1/public/consent-wording?language=en' });
      expect(shown.statusCode, shown.body).toBe(200);
      expect(shown.json()).toMatchObject({ version: 2, text: 'Send me the newsletter and offers (v2).' });
      const checkout = (email: string, extra: object, remoteAddress: string) =>
        t.app.inject({
          method: 'POST',
          url: '/api/v1/public/checkout',
          remoteAddress,
          payload: {
            propertyId,
            items: [{ roomTypeId, checkIn: '2027-05-01', checkOut: '2027-05-03', adults: 2 }],
            customer: {
              firstName: 'Site',
              lastName: 'Visitor',
              email,
              language: 'en',
              marketingConsent: true,
              ...extra,
            },
          },
        });
      const bad = await checkout('site.bad@c.test', { consentWording: { version: 9, language: 'en' } }, '198.51.100.6');
      expect(bad.statusCode).toBe(400);
      expect(bad.json().error.code).toBe('unknown_consent_wording');
      const res = await checkout(
        'site.visitor@c.test',
        { consentWording: { version: 1, language: 'en' } },
        '198.51.100.7',
      );
      expect(res.statusCode, res.body).toBe(201);
      const booking = (
        await t.app.inject({
          method: 'GET',
          url: `/api/v1/bookings/${res.json().bookings[0].id}`,
          headers: owner.headers,
        })
      ).json();
      const list = (
        await t.app.inject({
          method: 'GET',
          url: `/api/v1/guests/${booking.customerId}/consents`,
          headers: owner.headers,
        })
      ).json();
      expect(list.marketingConsent).toBe(true);
      expect(list.items).toEqual([
        expect.objectContaining({
          source: 'booking_site',
          status: 'granted',
          ip: '198.51.100.7',
          wording: { text: 'Send me offers (v1).', version: 1, language: 'en' },
        }),
      ]);
    } finally {
      await t.close();
    }
  });
});
