import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../../../test/support/app.ts';
import { engineName } from '../../../test/support/db.ts';
import { ensureCatalogDefaults, PREDEFINED_TAGS } from './index.ts';

describe(`guest catalogs: titles, tags, groups (${engineName})`, () => {
  let t: TestApp;
  let owner: Session;
  beforeAll(async () => {
    t = await createTestApp();
    owner = await t.login();
  });
  afterAll(() => t.close());

  const call = (
    method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
    url: string,
    payload?: Record<string, unknown>,
    s = owner,
  ) => t.app.inject({ method, url: `/api/v1${url}`, headers: s.headers, ...(payload ? { payload } : {}) });
  const items = async (url: string) => (await call('GET', url)).json().items;

  it('gives every organisation the default titles, predefined tags and the three groups', async () => {
    const titles = await items('/titles');
    expect(titles.map((x: { labels: { en: string } }) => x.labels.en)).toEqual(['Mr.', 'Mrs.', 'Ms.', 'Dr.']);
    expect(titles[0]).toMatchObject({ labels: { en: 'Mr.', es: 'Sr.', fr: 'M.' }, position: 0 });
    const tags = await items('/tags');
    expect(
      tags
        .filter((x: { predefined: boolean }) => x.predefined)
        .map((x: { name: string }) => x.name)
        .sort(),
    ).toEqual([...PREDEFINED_TAGS].sort());
    expect(tags[0]).toMatchObject({ guestCount: 0, color: null });
    const groups = await items('/groups');
    expect(groups.slice(0, 3)).toMatchObject([
      { name: 'Visitor', systemKind: 'visitor', discountPercent: 0, priceDisplay: 'everyone', memberCount: 0 },
      { name: 'Guest', systemKind: 'guest' },
      { name: 'Customer', systemKind: 'customer' },
    ]);

    const other = await t.createOrg('Second hotel');
    const b = await t.login(other.email, other.password);
    expect((await call('GET', '/tags', undefined, b)).json().items).toHaveLength(PREDEFINED_TAGS.length);
    expect((await call('GET', '/groups', undefined, b)).json().items).toHaveLength(3);
  });

  it('ensures the defaults idempotently without bringing back deleted titles', async () => {
    const dr = (await items('/titles')).find((x: { labels: { en: string } }) => x.labels.en === 'Dr.');
    expect((await call('DELETE', `/titles/${dr.id}`)).statusCode).toBe(204);
    await ensureCatalogDefaults(t.database.system, t.orgId);
    await ensureCatalogDefaults(t.database.system, t.orgId);
    expect(await items('/titles')).toHaveLength(3);
    expect(await items('/tags')).toHaveLength(PREDEFINED_TAGS.length);
    expect(await items('/groups')).toHaveLength(3);
  });

  it('manages titles with translated labels', async () => {
    const created = await call('POST', '/titles', { labels: { en: 'Prof.', es: 'Prof.ª' } });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ labels: { en: 'Prof.', es: 'Prof.ª', fr: 'Prof.' } });
    const renamed = await call('PATCH', `/titles/${created.json().id}`, { labels: { fr: 'Pr' } });
    expect(renamed.json().labels).toEqual({ en: 'Prof.', es: 'Prof.ª', fr: 'Pr' });
    const guest = (await call('POST', '/guests', { firstName: 'T', titleId: created.json().id })).json();
    expect(guest.titleId).toBe(created.json().id);
    expect((await call('DELETE', `/titles/${created.json().id}`)).statusCode).toBe(204);
    expect((await call('GET', `/guests/${guest.id}`)).json().titleId).toBeNull();
    expect((await call('DELETE', `/titles/${created.json().id}`)).statusCode).toBe(404);
  });

  it('keeps predefined tags by name and refuses to rename or delete them', async () => {
    const vip = (await items('/tags')).find((x: { name: string }) => x.name === 'VIP');
    const rename = await call('PATCH', `/tags/${vip.id}`, { name: 'Very Important' });
    expect(rename.statusCode).toBe(409);
    expect(rename.json().error.code).toBe('tag_predefined');
    expect((await call('PATCH', `/tags/${vip.id}`, { color: '#FFD700' })).json()).toMatchObject({
      name: 'VIP',
      color: '#ffd700',
    });
    expect((await call('DELETE', `/tags/${vip.id}`)).json().error.code).toBe('tag_predefined');
    const dup = await call('POST', '/tags', { name: 'vip' });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error).toMatchObject({ code: 'tag_name_taken', details: [{ field: 'name' }] });
  });

  it('counts guests per tag and removes a deleted tag from its guests, with history', async () => {
    const golf = (await call('POST', '/tags', { name: 'Golf', color: '#2f9e44' })).json();
    const guest = (await call('POST', '/guests', { firstName: 'G', tags: ['VIP', 'Golf'] })).json();
    const counted = (await items('/tags')).find((x: { id: string }) => x.id === golf.id);
    expect(counted.guestCount).toBe(1);
    expect((await call('DELETE', `/tags/${golf.id}`)).statusCode).toBe(204);
    expect((await call('GET', `/guests/${guest.id}`)).json().tags).toEqual(['VIP']);
    const history = (await call('GET', `/guests/${guest.id}/history`)).json().items;
    expect(history[0]).toMatchObject({
      field: 'tags',
      oldValue: ['VIP', 'Golf'],
      newValue: ['VIP'],
      actor: { type: 'staff', name: 'Owner' },
    });
  });

  it('refuses to delete the three default groups and counts members', async () => {
    const groups = await items('/groups');
    for (const g of groups.slice(0, 3)) {
      const res = await call('DELETE', `/groups/${g.id}`);
      expect(res.statusCode).toBe(409);
      expect(res.json().error.code).toBe('group_undeletable');
    }
    const vipGroup = await call('POST', '/groups', {
      name: 'Loyalty gold',
      discountPercent: 12.5,
      priceDisplay: 'logged_in',
    });
    expect(vipGroup.statusCode).toBe(201);
    expect(vipGroup.json()).toMatchObject({
      discountPercent: 12.5,
      priceDisplay: 'logged_in',
      systemKind: null,
      memberCount: 0,
    });
    const customer = groups[2];
    const guest = (
      await call('POST', '/guests', { firstName: 'M', groupIds: [vipGroup.json().id, customer.id] })
    ).json();
    expect(guest.groupIds).toEqual([vipGroup.json().id, customer.id]);
    expect((await items('/groups')).find((g: { id: string }) => g.id === customer.id).memberCount).toBe(1);
    expect((await call('PATCH', `/groups/${customer.id}`, { discountPercent: 5 })).json().discountPercent).toBe(5);
    expect((await call('DELETE', `/groups/${vipGroup.json().id}`)).statusCode).toBe(204);
    expect((await call('GET', `/guests/${guest.id}`)).json().groupIds).toEqual([customer.id]);
    const bad = await call('POST', '/guests', { firstName: 'M', groupIds: ['grp_nope'] });
    expect(bad.json().error).toMatchObject({ code: 'unknown_group', details: [{ field: 'groupIds' }] });
  });

  it('lets reception read the catalogs but only settings:write manage them', async () => {
    const r = await t.addStaff('reception');
    const s = await t.login(r.email, r.password);
    expect((await call('GET', '/tags', undefined, s)).statusCode).toBe(200);
    expect((await call('POST', '/tags', { name: 'Nope' }, s)).statusCode).toBe(403);
  });
});
