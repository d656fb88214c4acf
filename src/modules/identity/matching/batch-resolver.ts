import { blockingKeys } from './blocking.ts';
import { type Decision, type MatchSettings, DEFAULT_MATCH_SETTINGS } from './decide.ts';
import { buildNameFrequencies } from './model.ts';
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
  /** The blocking keys it is indexed under: the first record's list, made a set once enriched. */
  keys: Set<string> | readonly string[];
  /** Index of the last record that collected it as a candidate (dedupe without a Set per record). */
  seenBy: number;
}

/**
 * Resolves records in order, as bookings would arrive: each one is compared with the profiles
 * that share a blocking key, then attached to one (I-2 rules 2–3) or made a new profile with
 * duplicate candidates (rule 4). Uses the same `resolveAgainst` as the database resolver.
 */
export function resolveBatch(records: readonly PersonRecord[], options: BatchOptions = {}): BatchResult {
  const given = options.settings ?? DEFAULT_MATCH_SETTINGS;
  const subjects = records.map((r) => prepareSubject(r));
  // Without a stored model, the name frequencies come from the records themselves (the
  // organisation's profiles to be), as Splink computes them from its input.
  const settings = given.model?.names
    ? given
    : {
        ...given,
        model: {
          ...given.model,
          names: buildNameFrequencies(subjects.map((s) => ({ given: s.name.givenKey, family: s.name.familyKey }))),
        },
      };
  const maxBlock = options.maxBlockSize ?? 500;
  const index = new Map<string, Profile[]>();
  const profileOf = new Map<string, string>();
  const duplicates: BatchPair[] = [];
  const related: BatchPair[] = [];
  let comparisons = 0;

  const indexMoreKeys = (profile: Profile, keys: Iterable<string>) => {
    const known = profile.keys instanceof Set ? profile.keys : (profile.keys = new Set(profile.keys));
    for (const k of keys) {
      if (known.has(k)) continue;
      known.add(k);
      const block = index.get(k);
      if (block) block.push(profile);
      else index.set(k, [profile]);
    }
  };

  records.forEach((record, i) => {
    const subject = subjects[i]!;
    const keys = blockingKeys(subject);
    // Each key's block is looked up once: read for candidates (first come first), then appended
    // to when the record starts a profile. The keys of one record are distinct.
    const blocks: (Profile[] | undefined)[] = new Array<Profile[] | undefined>(keys.length);
    const candidates: Candidate<Profile>[] = [];
    for (let k = 0; k < keys.length; k++) {
      const block = index.get(keys[k]!);
      blocks[k] = block;
      if (!block || block.length > maxBlock) continue;
      for (const p of block) {
        if (p.seenBy === i) continue;
        p.seenBy = i;
        candidates.push({ profileId: p, subject: p.subject });
      }
    }
    comparisons += candidates.length;
    const resolution = resolveAgainst(subject, candidates, settings);

    let profile: Profile;
    if (resolution.match) {
      profile = resolution.match.profileId;
      profile.person = enrichPerson(profile.person, record);
      profile.subject = prepareSubject(profile.person);
      indexMoreKeys(profile, blockingKeys(profile.subject));
    } else {
      profile = { id: `p-${record.id}`, firstRecord: record.id, person: record, subject, keys, seenBy: i };
      for (let k = 0; k < keys.length; k++) {
        const block = blocks[k];
        if (block) block.push(profile);
        else index.set(keys[k]!, [profile]);
      }
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
