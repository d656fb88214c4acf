import { sql } from 'kysely';
import { newId } from '../../core/ids.ts';
import type { TenantDb } from '../../db/database.ts';
import { insertGuest } from '../guests/index.ts';
import type { PersonDetails, PersonResolver } from '../bookings/index.ts';
import {
  type Candidate,
  DEFAULT_MATCH_SETTINGS,
  type MatchSettings,
  type PersonInput,
  type ScoredCandidate,
  foldText,
  nameTokens,
  prepareSubject,
  resolveAgainst,
} from './matching/index.ts';

const MAX_NAME_CANDIDATES = 25;

/**
 * The one resolver every entry point uses (I-1, I-2): finds the profile of an incoming person
 * by e-mail or phone with a compatible name (or by name alone when the organisation allows it),
 * enriches it, or creates a new profile; records the decision with its rule, score and reasons,
 * and queues possible duplicates and related people. Runs in the caller's transaction; an
 * advisory lock per identity key makes simultaneous arrivals of one new person create one
 * profile (I-6).
 */
export const resolvePerson: PersonResolver = async (ctx, trx, person, meta) => {
  const input = toPersonInput(person);
  const incoming = prepareSubject(input);
  await lockIdentityKeys(trx, ctx.orgId, identityKeys(person, incoming.emailKeys, incoming.phones));
  const settings = await matchSettings(trx, ctx.orgId);
  const candidates = await loadCandidates(trx, person, incoming.phones);
  const resolution = resolveAgainst(incoming, candidates, settings);

  let guestId: string;
  if (resolution.match) {
    guestId = resolution.match.profileId;
    await enrichGuest(trx, ctx.orgId, guestId, person, incoming.phones);
  } else {
    const created = await insertGuest(ctx, trx, {
      titleId: person.titleId,
      firstName: person.firstName,
      lastName: person.lastName,
      secondLastName: person.secondLastName,
      email: person.email,
      phone: person.phone,
      language: person.language,
      country: person.country,
      defaultCountry: person.country,
      birthDate: person.birthDate,
      marketingConsent: person.marketingConsent,
      source: sourceOf(meta.source),
    });
    guestId = created.id;
  }
  const decided = resolution.match?.decision;
  await trx
    .insertInto('identityDecision')
    .values({
      orgId: ctx.orgId,
      id: newId('idd'),
      guestId,
      source: meta.source,
      role: meta.role,
      outcome: resolution.match ? 'matched' : 'created',
      rule: decided?.rule ?? 'new_profile',
      score: decided?.score ?? 0,
      reasons: JSON.stringify(decided?.reasons ?? ['no profile with the same e-mail or phone and a compatible name']),
    })
    .execute();
  await queuePairs(trx, ctx.orgId, guestId, [...resolution.duplicates, ...resolution.related]);
  return guestId;
};

/** Organisation setting "match on name alone" (off by default: namesakes are common). */
export async function matchSettings(trx: TenantDb, orgId: string): Promise<MatchSettings> {
  const org = await trx.selectFrom('organisation').select('settings').where('id', '=', orgId).executeTakeFirst();
  const identity = (org?.settings as { identity?: { matchOnNameAlone?: unknown } } | undefined)?.identity;
  return { ...DEFAULT_MATCH_SETTINGS, matchOnNameAlone: identity?.matchOnNameAlone === true };
}

function toPersonInput(p: PersonDetails): PersonInput {
  return {
    firstName: p.firstName,
    lastName: [p.lastName, p.secondLastName].filter(Boolean).join(' '),
    emails: p.email ? [p.email] : [],
    phones: p.phone ? [p.phone] : [],
    birthDate: p.birthDate ?? null,
    country: p.country ?? null,
  };
}

function identityKeys(p: PersonDetails, emailKeys: string[], phones: string[]): string[] {
  const keys = [...emailKeys.map((k) => `e:${k}`), ...phones.map((k) => `p:${k}`)];
  // Without contact data, two arrivals of the same name must still not race.
  if (!keys.length) keys.push(`n:${foldText(`${p.firstName} ${p.lastName}`)}`);
  return keys.sort();
}

async function lockIdentityKeys(trx: TenantDb, orgId: string, keys: string[]): Promise<void> {
  for (const key of keys) {
    await sql`select pg_advisory_xact_lock(hashtextextended(${`${orgId}:${key}`}, 0))`.execute(trx);
  }
}

/** Profiles sharing an e-mail or phone, or the first and last name words (for the review queue). */
async function loadCandidates(trx: TenantDb, p: PersonDetails, phones: string[]): Promise<Candidate<string>[]> {
  const ids = new Set<string>();
  const email = p.email?.trim().toLowerCase();
  if (email)
    for (const r of await trx.selectFrom('guestEmail').select('guestId').where('email', '=', email).limit(50).execute())
      ids.add(r.guestId);
  if (phones.length)
    for (const r of await trx
      .selectFrom('guestPhone')
      .select('guestId')
      .where('e164', 'in', phones)
      .limit(50)
      .execute())
      ids.add(r.guestId);
  const first = nameTokens(p.firstName)[0];
  const last = nameTokens(p.lastName)[0];
  if (first && last) {
    const byName = await trx
      .selectFrom('guestSearchToken as a')
      .innerJoin('guestSearchToken as b', (j) => j.onRef('b.guestId', '=', 'a.guestId').on('b.token', '=', first))
      .select('a.guestId')
      .where('a.token', '=', last)
      .limit(MAX_NAME_CANDIDATES)
      .execute();
    for (const r of byName) ids.add(r.guestId);
  }
  if (!ids.size) return [];
  const list = [...ids];
  const [guests, emails, phoneRows] = await Promise.all([
    trx
      .selectFrom('guest')
      .select(['id', 'firstName', 'lastName', 'secondLastName', 'birthDate', 'country'])
      .where('id', 'in', list)
      .execute(),
    trx.selectFrom('guestEmail').select(['guestId', 'email']).where('guestId', 'in', list).execute(),
    trx.selectFrom('guestPhone').select(['guestId', 'e164']).where('guestId', 'in', list).execute(),
  ]);
  return guests.map((g) => ({
    profileId: g.id,
    subject: prepareSubject({
      firstName: g.firstName,
      lastName: [g.lastName, g.secondLastName].filter(Boolean).join(' '),
      emails: emails.filter((e) => e.guestId === g.id).map((e) => e.email),
      phones: phoneRows.filter((e) => e.guestId === g.id).map((e) => e.e164),
      birthDate: g.birthDate,
      country: g.country,
    }),
  }));
}

/** I-1: the interaction enriches the profile — a new e-mail or phone is added, gaps are filled. */
async function enrichGuest(
  trx: TenantDb,
  orgId: string,
  guestId: string,
  p: PersonDetails,
  phones: string[],
): Promise<void> {
  const email = p.email?.trim().toLowerCase();
  if (email) {
    const has = await trx.selectFrom('guestEmail').select('email').where('guestId', '=', guestId).execute();
    if (!has.some((e) => e.email === email)) {
      await trx
        .insertInto('guestEmail')
        .values({ orgId, guestId, email, isPrimary: has.length === 0, position: has.length, label: null })
        .execute();
      if (!has.length) await trx.updateTable('guest').set({ email }).where('id', '=', guestId).execute();
    }
  }
  const e164 = phones[0];
  if (e164 && p.phone) {
    const has = await trx.selectFrom('guestPhone').select('e164').where('guestId', '=', guestId).execute();
    if (!has.some((x) => x.e164 === e164)) {
      await trx
        .insertInto('guestPhone')
        .values({
          orgId,
          guestId,
          e164,
          display: p.phone,
          isPrimary: has.length === 0,
          position: has.length,
          label: null,
        })
        .execute();
      if (!has.length)
        await trx.updateTable('guest').set({ phone: e164, phoneDisplay: p.phone }).where('id', '=', guestId).execute();
    }
  }
  await trx
    .updateTable('guest')
    .set({
      birthDate: sql<string>`coalesce(birth_date, ${p.birthDate ?? null}::date)`,
      language: sql<string>`coalesce(language, ${p.language ?? null})`,
      country: sql<string>`coalesce(country, ${p.country ?? null})`,
      lastActivityAt: new Date(),
      updatedAt: new Date(),
    })
    .where('id', '=', guestId)
    .execute();
}

/** Queues possible duplicates and related people; a dismissed pair stays dismissed and untouched. */
async function queuePairs(
  trx: TenantDb,
  orgId: string,
  guestId: string,
  pairs: ScoredCandidate<string>[],
): Promise<void> {
  for (const pair of pairs) {
    if (pair.profileId === guestId) continue;
    const [a, b] = [guestId, pair.profileId].sort() as [string, string];
    const kind = pair.decision.kind === 'related' ? 'related' : 'candidate';
    await trx
      .insertInto('duplicateCandidate')
      .values({
        orgId,
        guestA: a,
        guestB: b,
        kind,
        score: pair.decision.score,
        rule: pair.decision.rule,
        reasons: JSON.stringify(pair.decision.reasons),
      })
      .onConflict((oc) =>
        oc
          .columns(['orgId', 'guestA', 'guestB'])
          .doUpdateSet((eb) => ({
            score: eb.fn('greatest', ['duplicateCandidate.score', eb.ref('excluded.score')]),
            updatedAt: new Date(),
          }))
          // "Not the same person" is for good: a dismissed pair is neither reopened nor touched.
          .where('duplicateCandidate.status', '<>', 'dismissed'),
      )
      .execute();
  }
}

function sourceOf(source: string): 'booking' | 'form' | 'import' | 'registration' | 'api' | 'manual' {
  if (source === 'import') return 'import';
  if (source === 'form') return 'form';
  if (source === 'registration') return 'registration';
  return 'booking';
}
