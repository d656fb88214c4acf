import type { Ctx } from '../../../core/context.ts';
import type { AccountSubject, GuestSubject, Section } from './section.ts';
import { iso, isoOrNull } from './section.ts';

async function titleOf(ctx: Ctx, id: string | null, language: string | null): Promise<string | null> {
  if (!id) return null;
  const row = await ctx.db.selectFrom('title').select('labels').where('id', '=', id).executeTakeFirst();
  if (!row) return null;
  return row.labels[language ?? 'en'] ?? row.labels.en ?? Object.values(row.labels)[0] ?? null;
}

async function namesOf(ctx: Ctx, table: 'tag' | 'guestGroup', ids: string[]): Promise<string[]> {
  if (!ids.length) return [];
  const rows = await ctx.db.selectFrom(table).select(['id', 'name']).where('id', 'in', ids).execute();
  const byId = new Map(rows.map((r) => [r.id, r.name]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

/** The guest profile's own fields, with its title, tags and groups by name. */
export const guestProfile: Section<GuestSubject, 'profile'> = async (ctx, { guest: g }) => ({
  id: g.id,
  title: await titleOf(ctx, g.titleId, g.language),
  firstName: g.firstName,
  lastName: g.lastName,
  secondLastName: g.secondLastName,
  nativeName: g.nativeName,
  language: g.language,
  nationality: g.nationality,
  country: g.country,
  birthDate: g.birthDate,
  username: g.username,
  source: g.source,
  tags: await namesOf(ctx, 'tag', g.tagIds),
  groups: await namesOf(ctx, 'guestGroup', g.groupIds),
  blocked: g.blockedAt ? { at: iso(g.blockedAt), reason: g.blockReason } : null,
  firstContactAt: isoOrNull(g.firstContactAt),
  lastActivityAt: isoOrNull(g.lastActivityAt),
  createdAt: iso(g.createdAt),
  updatedAt: isoOrNull(g.updatedAt),
});

/** The details the account entered itself (docs/security/customer-accounts.md), never the CRM profile's. */
export const accountProfile: Section<AccountSubject, 'profile'> = async (_ctx, { account: a }) => ({
  id: a.id,
  title: null,
  firstName: a.firstName,
  lastName: a.lastName,
  secondLastName: null,
  nativeName: null,
  language: a.language,
  nationality: null,
  country: a.address?.country ?? null,
  birthDate: null,
  username: a.username,
  source: a.origin,
  tags: [],
  groups: [],
  blocked: null,
  firstContactAt: null,
  lastActivityAt: isoOrNull(a.lastLoginAt),
  createdAt: iso(a.createdAt),
  updatedAt: isoOrNull(a.updatedAt),
});
