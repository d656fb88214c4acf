// Identity matching: pure functions, no database. The database resolver prepares stored profiles
// with `prepareSubject`, fetches candidates by `blockingKeys`, and calls `resolveAgainst`
// (which runs `compareSubjects` + `decideMatch` on each candidate).
export { type BatchPair, type BatchResult, type PersonRecord, resolveBatch } from './batch-resolver.ts';
export { blockingKeys, soundKey } from './blocking.ts';
export { type Comparison, type Evidence, type MatchModel, type SharedKey, compareSubjects } from './compare.ts';
export {
  type Decision,
  type DecisionKind,
  type DecisionRule,
  type MatchMode,
  type MatchSettings,
  DEFAULT_MATCH_SETTINGS,
  decideMatch,
} from './decide.ts';
export { type NormalisedEmail, detectRelayChannel, normaliseEmail } from './email.ts';
export { type PersonField, fieldForHeader, mapHeaders, rowToPerson } from './headers.ts';
export { compareNames, prepareName } from './names.ts';
export { areNicknames } from './nicknames.ts';
export { foldText, nameTokens } from './normalise.ts';
export { PersonCsvError, parsePersonCsv, readPersonCsv } from './person-csv.ts';
export { normalisePhoneE164 } from './phone.ts';
export { type Candidate, type Resolution, type ScoredCandidate, enrichPerson, resolveAgainst } from './resolve.ts';
export { damerauLevenshtein, jaroWinkler } from './similarity.ts';
export { type AddressInput, type MatchSubject, type PersonInput, prepareSubject } from './subject.ts';
export { type MatchWeights, THRESHOLDS, WEIGHTS, weightToProbability } from './weights.ts';
export { type NameFrequencies, buildNameFrequencies, tfAdjustment } from './model.ts';
export { type EmOptions, type EmResult, EM_MIN_PAIRS, EM_MIN_PROFILES, estimateWeights } from './em.ts';
export {
  type ExplainField,
  type Explanation,
  explainEvidence,
  explainInWords,
  explainReasons,
  explanationInEnglish,
} from './explain.ts';
