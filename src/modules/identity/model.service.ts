import { sql } from 'kysely';
import type { TenantDb } from '../../db/database.ts';
import { enqueueJob } from '../../jobs/queue.ts';
import {
  type MatchModel,
  type MatchWeights,
  type NameFrequencies,
  buildNameFrequencies,
  estimateWeights,
  prepareSubject,
} from './matching/index.ts';

/**
 * The organisation's identity model (issue 14): name frequencies for the term-frequency
 * adjustment and EM-estimated m/u weights, computed offline by the job `identity.model` (or on
 * demand) and read by the resolver through a per-process cache keyed by the row's version.
 */

/** The job that (re)builds an organisation's model. */
export const IDENTITY_MODEL_JOB = 'identity.model';

/** A name is written into the model only when at least this many profiles share it. */
export const STORED_NAME_MIN = 5;
/** Profiles read to build the model (the most recent ones beyond that). */
export const MODEL_SAMPLE = 200_000;

interface StoredNames {
  total: number;
  givenCount: number;
  familyCount: number;
  givenCollision: number;
  familyCollision: number;
  given: [string, number][];
  family: [string, number][];
}

const common = (m: ReadonlyMap<string, number>): [string, number][] =>
  [...m].filter(([, c]) => c >= STORED_NAME_MIN).sort((a, b) => b[1] - a[1]);

function storeNames(f: NameFrequencies): StoredNames {
  return {
    total: f.total,
    givenCount: f.givenCount,
    familyCount: f.familyCount,
    givenCollision: f.givenCollision,
    familyCollision: f.familyCollision,
    given: common(f.given),
    family: common(f.family),
  };
}

function readNames(s: StoredNames): NameFrequencies {
  return { ...s, given: new Map(s.given), family: new Map(s.family) };
}

export interface IdentityModelSummary {
  profiles: number;
  pairs: number;
  emWeights: boolean;
  version: number;
  computedAt: string;
}

/**
 * Serialises the organisation's model builds with its erasures (transaction-scoped advisory lock):
 * a build that read an erased guest cannot store its counts after the erasure deleted the model,
 * and a build queued by an erasure reads the guests only once the erasure has committed.
 */
export async function lockIdentityModel(trx: TenantDb, orgId: string): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtextextended(${`identity-model:${orgId}`}, 0))`.execute(trx);
}

/** What a process's cached model is checked against: changes with every build, also after a delete. */
const stampOf = sql<string>`version || '@' || (extract(epoch from computed_at) * 1000000)::bigint`;
/** The model's stamp for the organisation in `orgId` (SQL, for the resolver's settings read). */
export const identityModelStamp = (orgId: string) =>
  sql<string | null>`(select ${stampOf} from identity_model where org_id = ${orgId})`;

/** Builds and stores the organisation's model; answers what it stored. */
export async function computeIdentityModel(trx: TenantDb, orgId: string): Promise<IdentityModelSummary> {
  await lockIdentityModel(trx, orgId);
  const rows = await trx
    .selectFrom('guest')
    .select(['firstName', 'lastName', 'secondLastName', 'birthDate', 'country', 'email', 'phone'])
    .where('orgId', '=', orgId)
    .orderBy('createdAt', 'desc')
    .limit(MODEL_SAMPLE)
    .execute();
  const subjects = rows.map((g) =>
    prepareSubject({
      firstName: g.firstName,
      lastName: [g.lastName, g.secondLastName].filter(Boolean).join(' '),
      emails: g.email ? [g.email] : [],
      phones: g.phone ? [g.phone] : [],
      birthDate: g.birthDate,
      country: g.country,
    }),
  );
  const names = buildNameFrequencies(subjects.map((s) => ({ given: s.name.givenKey, family: s.name.familyKey })));
  const em = estimateWeights(subjects, { seed: 1 });
  const values = {
    names: JSON.stringify(storeNames(names)),
    weights: em ? JSON.stringify(em.weights) : null,
    profiles: subjects.length,
    pairs: em?.pairs ?? 0,
  };
  const saved = await trx
    .insertInto('identityModel')
    .values({ orgId, ...values })
    .onConflict((oc) =>
      oc.column('orgId').doUpdateSet({ ...values, version: sql`identity_model.version + 1`, computedAt: sql`now()` }),
    )
    .returning(['version', 'computedAt'])
    .executeTakeFirstOrThrow();
  return {
    profiles: values.profiles,
    pairs: values.pairs,
    emWeights: em !== undefined,
    version: saved.version,
    computedAt: new Date(saved.computedAt).toISOString(),
  };
}

export async function identityModelSummary(trx: TenantDb, orgId: string): Promise<IdentityModelSummary | null> {
  const row = await trx
    .selectFrom('identityModel')
    .select(['profiles', 'pairs', 'version', 'computedAt', sql<boolean>`weights is not null`.as('emWeights')])
    .where('orgId', '=', orgId)
    .executeTakeFirst();
  return row ? { ...row, emWeights: Boolean(row.emWeights), computedAt: new Date(row.computedAt).toISOString() } : null;
}

const CACHE = new Map<string, { stamp: string; model: MatchModel }>();

/**
 * The organisation's model at `stamp` (identityModelStamp; read once per process and stamp). The
 * stamp, not the version alone: a model deleted by an erasure and built again starts at version 1.
 */
export async function loadIdentityModel(trx: TenantDb, orgId: string, stamp: string): Promise<MatchModel | undefined> {
  const cached = CACHE.get(orgId);
  if (cached?.stamp === stamp) return cached.model;
  const row = await trx
    .selectFrom('identityModel')
    .select(['names', 'weights', stampOf.as('stamp')])
    .where('orgId', '=', orgId)
    .executeTakeFirst();
  if (!row) return undefined;
  const model: MatchModel = {
    names: readNames(row.names as StoredNames),
    ...(row.weights ? { weights: row.weights as MatchWeights } : {}),
  };
  if (CACHE.size > 1000) CACHE.clear();
  CACHE.set(orgId, { stamp: row.stamp, model });
  return model;
}

/**
 * Erasure (P-2): deletes the organisation's model (its name counts may include the erased guest)
 * inside the erasure's transaction, after any build in progress has committed (lockIdentityModel),
 * and queues a rebuild in the same transaction, so it runs only once the erasure has committed and
 * reads the guests without the erased one. Answers the rows deleted.
 */
export async function eraseIdentityModel(trx: TenantDb, orgId: string): Promise<number> {
  await lockIdentityModel(trx, orgId);
  const deleted = Number(
    (await trx.deleteFrom('identityModel').where('orgId', '=', orgId).executeTakeFirst()).numDeletedRows,
  );
  CACHE.delete(orgId);
  if (deleted)
    await enqueueJob(
      trx,
      IDENTITY_MODEL_JOB,
      { orgId },
      { orgId, dedupeKey: `identity-model:${orgId}`, maxAttempts: 2 },
    );
  return deleted;
}
