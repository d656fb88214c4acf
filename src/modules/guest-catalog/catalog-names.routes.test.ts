import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../../../test/support/app.ts';
import { engineName } from '../../../test/support/db.ts';
import { PREDEFINED_TAGS } from './catalog-defaults.ts';
import { PREDEFINED_TAG_NAMES } from './catalog-names.ts';

/** Issue 11 point 26: predefined tags and default groups are named in en, es and fr. */
describe(`catalog names per language (${engineName})`, () => {
  let t: TestApp;
  let s: Session;
  beforeAll(async () => {
    t = await createTestApp();
    s = await t.login();
  });
  afterAll(() => t.close());

  const list = async (url: string) =>
    (await t.app.inject({ method: 'GET', url, headers: s.headers })).json<{
      items: { name: string; label: string; names: Record<string, string>; systemKind?: string | null }[];
    }>().items;

  it('names every predefined tag in the three languages', () => {
    for (const tag of PREDEFINED_TAGS) expect(Object.keys(PREDEFINED_TAG_NAMES[tag] ?? {})).toEqual(['en', 'es', 'fr']);
  });

  it('answers the name in the language asked for, all names always, and keeps `name` as the key', async () => {
    const tags = await list('/api/v1/tags?lang=es');
    expect(tags.find((x) => x.name === 'Regular')).toMatchObject({
      label: 'Habitual',
      names: { en: 'Regular', es: 'Habitual', fr: 'Habitué' },
    });
    const groups = await list('/api/v1/groups?lang=fr');
    expect(groups.find((g) => g.systemKind === 'visitor')).toMatchObject({
      name: 'Visitor',
      label: 'Visiteur',
      names: { en: 'Visitor', es: 'Visitante', fr: 'Visiteur' },
    });
    expect((await list('/api/v1/groups')).find((g) => g.systemKind === 'guest')?.label).toBe('Guest');
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/tags?lang=0', headers: s.headers })).statusCode).toBe(
      400,
    );
  });

  it('uses a custom name in every language once staff rename a default group, and for their own tags', async () => {
    const customer = (await list('/api/v1/groups')).find((g) => g.systemKind === 'customer') as unknown as {
      id: string;
    };
    await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/groups/${customer.id}`,
      headers: s.headers,
      payload: { name: 'Members' },
    });
    await t.app.inject({ method: 'POST', url: '/api/v1/tags', headers: s.headers, payload: { name: 'Surfers' } });
    expect((await list('/api/v1/groups?lang=es')).find((g) => g.systemKind === 'customer')).toMatchObject({
      label: 'Members',
      names: { en: 'Members', es: 'Members', fr: 'Members' },
    });
    expect((await list('/api/v1/tags?lang=fr')).find((x) => x.name === 'Surfers')?.label).toBe('Surfers');
  });
});
