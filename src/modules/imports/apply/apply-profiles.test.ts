import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, engineName, type TestDatabase } from '../../../../test/support/db.ts';
import { apply, csv, fixture, newOrg, outcomesOf, readItems } from './apply-test-helpers.ts';
import { createGuest, getGuest, openDocumentNumber } from '../../guests/index.ts';
import type { Ctx } from '../../../core/context.ts';

const HEAD =
  'Guest ID,Title,First name,Last name,E-mails,Phones,Birth date,Language,Nationality,Address line 1,Address line 2,City,Region,Postcode,Country,Document type,Document number,Company,Tags,Groups,Newsletter,Notes';

describe(`applying guest records (${engineName})`, () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(() => t.destroy());

  /** Rows of a table in the context's organisation. */
  const count = async (ctx: Ctx, table: string) => {
    const { rows } = await sql<{ n: number }>`
      select count(*)::int as n from ${sql.table(table)} where org_id = ${ctx.orgId}`.execute(ctx.db);
    return rows[0]!.n;
  };

  it("imports Clientela's own export with every value kind; the same file twice changes nothing", async () => {
    const { ctx } = await newOrg(t.database, 'Own');
    const items = await readItems(fixture('clientela.csv'));
    const first = await apply(ctx, items);
    expect(first.outcomes.every((o) => o.outcome === 'created')).toBe(true);
    const maria = await getGuest(ctx, first.outcomes[0]!.guestId!);
    expect(maria).toMatchObject({
      firstName: 'María José',
      lastName: 'García López',
      email: 'maria.garcia@example.es',
      phone: '+34612345678',
      birthDate: '1984-02-29',
      language: 'es',
      nationality: 'ES',
      country: 'ES',
      documentType: 'passport',
      marketingConsent: true,
      source: 'import',
    });
    // Documents are sealed like the profile form does; the blind index finds them.
    expect(maria.documentNumber).not.toContain('XDA123456');
    expect(openDocumentNumber(maria.documentNumber!)).toBe('XDA123456');
    expect(maria.documentNumberIndex).toBeTruthy();
    const emails = await ctx.db.selectFrom('guestEmail').select('email').where('guestId', '=', maria.id).execute();
    expect(emails.map((e) => e.email).sort()).toEqual(['maria.garcia@example.es', 'mj@example.com']);
    const address = await ctx.db.selectFrom('guestAddress').selectAll().where('guestId', '=', maria.id).execute();
    expect(address).toMatchObject([
      { street: 'Calle Mayor 1, 2º B', city: 'Madrid', postcode: '28013', isPrimary: true },
    ]);
    const tags = await ctx.db.selectFrom('tag').select(['id', 'name']).where('id', 'in', maria.tagIds).execute();
    expect(tags.map((x) => x.name).sort()).toEqual(['Repeat', 'VIP']);
    const consents = await ctx.db.selectFrom('guestConsent').selectAll().where('guestId', '=', maria.id).execute();
    expect(consents).toMatchObject([
      { purpose: 'marketing', status: 'granted', source: 'import', reference: 'imp_test1' },
    ]);
    const notes = await ctx.db.selectFrom('guestNote').select('body').where('guestId', '=', maria.id).execute();
    expect(notes.map((n) => n.body)).toEqual(['Prefers a quiet room,\naway from the lift']);
    // Decision 0017: ONE "created" row holding what the profile started with (its records folded
    // in: tags and consent too), the document apart in its own row (key rotation reseals it there).
    const rows = await ctx.db
      .selectFrom('guestHistory')
      .select(['field', 'oldValue', 'newValue'])
      .where('guestId', '=', maria.id)
      .orderBy('id')
      .execute();
    expect(rows.map((r) => r.field)).toEqual(['created', 'document']);
    expect(rows[0]!.newValue).toMatchObject({
      source: 'import',
      importId: 'imp_test1',
      values: {
        firstName: 'María José',
        lastName: 'García López',
        birthDate: '1984-02-29',
        nationality: 'ES',
        marketingConsent: true,
        emails: [
          { email: 'maria.garcia@example.es', primary: true },
          { email: 'mj@example.com', primary: false },
        ],
        addresses: [{ street: 'Calle Mayor 1, 2º B', city: 'Madrid', postcode: '28013', primary: true }],
        tags: expect.arrayContaining(['Repeat', 'VIP']),
      },
    });
    expect((rows[1]!.newValue as { number: string }).number).not.toContain('XDA123456');

    const guests = await count(ctx, 'guest');
    const history = await count(ctx, 'guest_history');
    const consentRows = await count(ctx, 'guest_consent');
    const noteRows = await count(ctx, 'guest_note');
    const again = await apply(ctx, await readItems(fixture('clientela.csv')));
    expect(again.outcomes.map((o) => o.outcome)).toEqual(first.outcomes.map(() => 'unchanged'));
    expect(again.outcomes.map((o) => o.guestId)).toEqual(first.outcomes.map((o) => o.guestId));
    expect(await count(ctx, 'guest')).toBe(guests);
    expect(await count(ctx, 'guest_history')).toBe(history);
    expect(await count(ctx, 'guest_consent')).toBe(consentRows);
    expect(await count(ctx, 'guest_note')).toBe(noteRows);
    expect((await getGuest(ctx, maria.id)).updatedAt).toEqual(maria.updatedAt);
  });

  it('dedupes against earlier records of the batch, of earlier batches and existing profiles', async () => {
    const { ctx } = await newOrg(t.database, 'Dedupe');
    const lines = [
      HEAD,
      'a,,Ana,López,ana@example.com,,,,,,,,,,,,,,,,,',
      'b,,Ana,López,ana@example.com,+34 612 000 001,,,,,,,,,,,,,,,,',
      'c,,Bob,Stone,bob@example.com,,,,,,,,,,,,,,,,,',
      'd,,Bob,Stone,bob@example.com,,1970-01-02,,,,,,,,,,,,,,,',
    ];
    // A profile staff made before the import: the file's Bob is him.
    const bob = await createGuest(ctx, { firstName: 'Bob', lastName: 'Stone', email: 'bob@example.com' });
    const r = await apply(ctx, await readItems(csv(lines)), {}, 2);
    expect(outcomesOf(r)).toEqual(['1:created', '2:updated', '3:unchanged', '4:updated']);
    expect(r.outcomes[2]!.guestId).toBe(bob.id);
    expect(r.outcomes[1]!.guestId).toBe(r.outcomes[0]!.guestId);
    expect(r.outcomes[3]!.guestId).toBe(r.outcomes[2]!.guestId);
    const ana = await getGuest(ctx, r.outcomes[0]!.guestId!);
    expect(ana.phone).toBe('+34612000001');
    expect((await getGuest(ctx, r.outcomes[2]!.guestId!)).birthDate).toBe('1970-01-02');
    expect(await count(ctx, 'guest')).toBe(2);
  });

  it('enrich fills and adds, never overwrites; overwrite replaces the chosen fields; skip leaves a match', async () => {
    const { ctx } = await newOrg(t.database, 'Modes');
    const base = await apply(
      ctx,
      await readItems(csv([HEAD, 'a,,Eva,Martín,eva@example.com,,1980-05-05,es,,,,,,,,,,,,,,'])),
    );
    const id = base.outcomes[0]!.guestId!;
    const next = [HEAD, 'a,,Eva,Martín,eva@example.com;eva2@example.com,+34 612 000 002,1980-05-05,fr,FR,,,,,,,,,,,,,'];
    const skipped = await apply(ctx, await readItems(csv(next)), { onExisting: 'skip' });
    expect(outcomesOf(skipped)).toEqual(['1:unchanged']);
    expect((await getGuest(ctx, id)).phone).toBeNull();

    const enriched = await apply(ctx, await readItems(csv(next)), { onExisting: 'enrich' });
    expect(outcomesOf(enriched)).toEqual(['1:updated']);
    const eva = await getGuest(ctx, id);
    expect(eva).toMatchObject({ birthDate: '1980-05-05', language: 'es', nationality: 'FR', phone: '+34612000002' });
    const emails = await ctx.db
      .selectFrom('guestEmail')
      .selectAll()
      .where('guestId', '=', id)
      .orderBy('position')
      .execute();
    expect(emails.map((e) => [e.email, e.isPrimary])).toEqual([
      ['eva@example.com', true],
      ['eva2@example.com', false],
    ]);
    const history = await ctx.db.selectFrom('guestHistory').select('field').where('guestId', '=', id).execute();
    expect(history.map((h) => h.field)).toEqual(expect.arrayContaining(['nationality', 'emails', 'phones']));

    const overwritten = await apply(ctx, await readItems(csv(next)), {
      onExisting: 'overwrite',
      overwriteFields: ['language'],
    });
    expect(outcomesOf(overwritten)).toEqual(['1:updated']);
    expect(await getGuest(ctx, id)).toMatchObject({ birthDate: '1980-05-05', language: 'fr', nationality: 'FR' });
    const again = await apply(ctx, await readItems(csv(next)), { onExisting: 'overwrite' });
    expect(outcomesOf(again)).toEqual(['1:unchanged']);
  });

  it('creates tags and groups by name, holds the nine-tag cap and reports what it dropped', async () => {
    const { ctx } = await newOrg(t.database, 'Tags');
    const tags = Array.from({ length: 11 }, (_, i) => `T${i + 1}`).join(';');
    const r = await apply(
      ctx,
      await readItems(csv([HEAD, `a,,Tim,Tag,tim@example.com,,,,,,,,,,,,,,${tags},Press;Friends,,`])),
    );
    expect(r.tagsDropped).toBe(2);
    expect(r.outcomes[0]!.problems).toMatchObject([{ record: 1, field: 'tags', code: 'too_many_tags' }]);
    const tim = await getGuest(ctx, r.outcomes[0]!.guestId!);
    expect(tim.tagIds).toHaveLength(9);
    const groups = await ctx.db
      .selectFrom('guestGroup')
      .select(['id', 'name'])
      .where('id', 'in', tim.groupIds)
      .execute();
    expect(groups.map((g) => g.name)).toEqual(expect.arrayContaining(['Press', 'Friends']));
    expect(await count(ctx, 'tag')).toBeGreaterThanOrEqual(11);
    // Importing again: still nine, the same two reported, nothing changed.
    const again = await apply(
      ctx,
      await readItems(csv([HEAD, `a,,Tim,Tag,tim@example.com,,,,,,,,,,,,,,${tags},Press;Friends,,`])),
    );
    expect(outcomesOf(again)).toEqual(['1:unchanged']);
    expect(again.tagsDropped).toBe(2);
  });

  it('records a consent only when the state changes, and an enriching import does not contradict the ledger', async () => {
    const { ctx } = await newOrg(t.database, 'Consent');
    const r = await apply(ctx, await readItems(csv([HEAD, 'a,,Nia,No,nia@example.com,,,,,,,,,,,,,,,,no,'])));
    const id = r.outcomes[0]!.guestId!;
    const consents = () => ctx.db.selectFrom('guestConsent').selectAll().where('guestId', '=', id).execute();
    expect(await consents()).toHaveLength(0);
    await apply(ctx, await readItems(csv([HEAD, 'a,,Nia,No,nia@example.com,,,,,,,,,,,,,,,,yes,'])));
    expect(await consents()).toMatchObject([{ status: 'granted', source: 'import', reference: 'imp_test1' }]);
    const r3 = await apply(ctx, await readItems(csv([HEAD, 'a,,Nia,No,nia@example.com,,,,,,,,,,,,,,,,no,'])));
    expect(outcomesOf(r3)).toEqual(['1:unchanged']);
    expect(await consents()).toHaveLength(1);
    await apply(ctx, await readItems(csv([HEAD, 'a,,Nia,No,nia@example.com,,,,,,,,,,,,,,,,no,'])), {
      onExisting: 'overwrite',
    });
    expect((await consents()).map((c) => c.status).sort()).toEqual(['granted', 'withdrawn']);
    expect((await getGuest(ctx, id)).marketingConsent).toBe(false);
  });
});
