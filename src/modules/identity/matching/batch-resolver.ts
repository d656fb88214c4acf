import { blockingKeys } from './blocking.ts';
import { type Decision, type MatchSettings, DEFAULT_MATCH_SETTINGS } from './decide.ts';
import { type Candidate, enrichPerson, resolveAgainst } from './resolve.ts';
import { type MatchSubject, type PersonInput, prepareSubject } from './subject.ts';

/** One input row: an id and the person it describes. */
export interface PersonRecord extends PersonInput {
  id: string;
}

export interface BatchPair {
  /** The incoming record and a record of the profile it resembles. */
  recordA: string;
  recordB: string;
  decision: Decision;
}

export interface BatchResult {
  /** record id → profile id (`p-` + the id of the profile's first record). */
  profileOf: Map<string, string>;
  /** Review queue: possible duplicates, best first. */
  duplicates: BatchPair[];
  /** Same e-mail/phone but another first name: kept apart, shown as related. */
  related: BatchPair[];
  /** Comparisons made (incoming record × candidate profile). */
  comparisons: number;
}

export interface BatchOptions {
  settings?: MatchSettings;
  /** Keys shared by more profiles than this are skipped (a common name in a big city). */
  maxBlockSize?: number;
  onProgress?: (done: number, total: number) => void;
}

interface Profile {
  id: string;
  firstRecord: string;
  person: PersonInput;
  subject: MatchSubject;
  keys: Set<string>;
}

/**
 * Resolves records in order, as bookings would arrive: each one is compared with the profiles
 * that share a blocking key, then attached to one (I-2 rules 2–3) or made a new profile with
 * duplicate candidates (rule 4). Uses the same `resolveAgainst` as the database resolver.
 */
export function resolveBatch(records: readonly PersonRecord[], options: BatchOptions = {}): BatchResult {
  const settings = options.settings ?? DEFAULT_MATCH_SETTINGS;
  const maxBlock = options.maxBlockSize ?? 500;
  const index = new Map<string, Profile[]>();
  const profileOf = new Map<string, string>();
  const duplicates: BatchPair[] = [];
  const related: BatchPair[] = [];
  let comparisons = 0;

  const indexKeys = (profile: Profile, keys: Iterable<string>) => {
    for (const k of keys) {
      if (profile.keys.has(k)) continue;
      profile.keys.add(k);
      const block = index.get(k);
      if (block) block.push(profile);
      else index.set(k, [profile]);
    }
  };

  records.forEach((record, i) => {
    const subject = prepareSubject(record);
    const keys = blockingKeys(subject);
    const seen = new Set<Profile>();
    for (const k of keys) {
      const block = index.get(k);
      if (!block || block.length > maxBlock) continue;
      for (const p of block) seen.add(p);
    }
    comparisons += seen.size;
    const candidates: Candidate<Profile>[] = [...seen].map((p) => ({ profileId: p, subject: p.subject }));
    const resolution = resolveAgainst(subject, candidates, settings);

    let profile: Profile;
    if (resolution.match) {
      profile = resolution.match.profileId;
      profile.person = enrichPerson(profile.person, record);
      profile.subject = prepareSubject(profile.person);
      indexKeys(profile, blockingKeys(profile.subject));
    } else {
      profile = { id: `p-${record.id}`, firstRecord: record.id, person: record, subject, keys: new Set() };
      indexKeys(profile, keys);
    }
    profileOf.set(record.id, profile.id);
    for (const d of resolution.duplicates)
      if (d.profileId !== profile)
        duplicates.push({ recordA: record.id, recordB: d.profileId.firstRecord, decision: d.decision });
    for (const r of resolution.related)
      related.push({ recordA: record.id, recordB: r.profileId.firstRecord, decision: r.decision });
    if (options.onProgress && (i + 1) % 5000 === 0) options.onProgress(i + 1, records.length);
  });

  duplicates.sort((a, b) => b.decision.weight - a.decision.weight);
  return { profileOf, duplicates, related, comparisons };
}
