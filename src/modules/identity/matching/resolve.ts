import { compareSubjects } from './compare.ts';
import { type Decision, type MatchSettings, decideMatch } from './decide.ts';
import type { AddressInput, MatchSubject, PersonInput } from './subject.ts';

/** A stored profile fetched as a candidate (by its blocking keys). */
export interface Candidate<P> {
  profileId: P;
  subject: MatchSubject;
}

export interface ScoredCandidate<P> {
  profileId: P;
  decision: Decision;
}

/**
 * What to do with one incoming person: attach to `match` (rule (2) or (3)), or create a new
 * profile; either way, queue `duplicates` and show `related`.
 */
export interface Resolution<P> {
  match?: ScoredCandidate<P>;
  duplicates: ScoredCandidate<P>[];
  related: ScoredCandidate<P>[];
}

/**
 * Resolves one incoming person against candidate profiles: compares with each, decides, and
 * picks the best automatic match. When several profiles qualify, the best wins and the others
 * become duplicate candidates (two existing profiles are never merged without a person).
 */
export function resolveAgainst<P>(
  incoming: MatchSubject,
  candidates: Iterable<Candidate<P>>,
  settings: MatchSettings,
): Resolution<P> {
  const same: ScoredCandidate<P>[] = [];
  const duplicates: ScoredCandidate<P>[] = [];
  const related: ScoredCandidate<P>[] = [];
  for (const c of candidates) {
    const decision = decideMatch(compareSubjects(incoming, c.subject, settings.model), settings);
    const scored = { profileId: c.profileId, decision };
    if (decision.kind === 'same') same.push(scored);
    else if (decision.kind === 'candidate') duplicates.push(scored);
    else if (decision.kind === 'related') related.push(scored);
  }
  same.sort((a, b) => b.decision.weight - a.decision.weight);
  duplicates.push(...same.slice(1));
  duplicates.sort((a, b) => b.decision.weight - a.decision.weight);
  const match = same[0];
  return match ? { match, duplicates, related } : { duplicates, related };
}

const MAX_VALUES = 10;

function addValues(into: readonly string[] | undefined, from: readonly string[] | undefined): string[] {
  const out = [...(into ?? [])];
  for (const v of from ?? []) if (v.trim() && !out.includes(v) && out.length < MAX_VALUES) out.push(v);
  return out;
}

function sameAddress(a: AddressInput, b: AddressInput): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * SPEC I-1 enrichment: the profile keeps its name and birth date, fills what was missing, and
 * gains the new e-mails, phones, documents and addresses.
 */
export function enrichPerson(profile: PersonInput, incoming: PersonInput): PersonInput {
  const addresses = [...(profile.addresses ?? [])];
  for (const a of incoming.addresses ?? [])
    if (addresses.length < MAX_VALUES && !addresses.some((x) => sameAddress(x, a))) addresses.push(a);
  return {
    firstName: profile.firstName?.trim() ? profile.firstName : incoming.firstName,
    lastName: profile.lastName?.trim() ? profile.lastName : incoming.lastName,
    birthDate: profile.birthDate?.trim() ? profile.birthDate : incoming.birthDate,
    emails: addValues(profile.emails, incoming.emails),
    phones: addValues(profile.phones, incoming.phones),
    documentIds: addValues(profile.documentIds, incoming.documentIds),
    addresses,
    country: profile.country ?? incoming.country,
  };
}
