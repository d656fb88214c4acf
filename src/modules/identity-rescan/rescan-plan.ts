import type { TenantDb } from '../../db/database.ts';
import {
  type Decision,
  type MatchSettings,
  type MatchSubject,
  blockingKeys,
  compareSubjects,
  decideMatch,
} from '../identity/matching/index.ts';
import { type RescanProfile, loadProfiles, nextProfileIds } from './rescan-profiles.ts';

/** Profiles read per page while planning (a few set-based reads each). */
export const PLAN_PAGE_SIZE = 10_000;
/** Keys shared by more profiles than this are skipped, as the batch resolver skips them. */
const MAX_BLOCK = 500;
/**
 * Partners judged per profile through its blocking keys, the most selective keys first (the
 * smallest blocks: a shared e-mail, phone, name sound with birth date… before a name sound in a
 * town). Two writings of one person share several small blocks, so they meet early; the cap keeps
 * the comparisons linear in the number of profiles (at 1,000,000 profiles the loose keys' blocks
 * alone hold tens of millions of pairs, each judgement costing tens of microseconds), as the live
 * resolver caps its candidates (25 by name, 50 by key).
 */
export const PAIR_BUDGET = 10;
/** At most this many profiles become one in one merge (the merge API's own limit). */
const MAX_MERGE = 10;
/** Profile numbers take the low 24 bits of an index entry: 16,777,215 profiles at most. */
const INDEX_BITS = 24;
const INDEX_MASK = (1 << INDEX_BITS) - 1;

/** A profile as the plan keeps it: what the comparison and the survivor choice read. */
interface PlanProfile {
  id: string;
  subject: MatchSubject;
  bookingCount: number;
  createdAt: string;
  hasAccount: boolean;
}

/** One automatic merge: the survivor first, and for each merged profile the decision that joined it. */
export interface PlannedMerge {
  survivorId: string;
  mergedIds: string[];
  decisions: Decision[];
}

export interface PlannedPair {
  a: string;
  b: string;
  kind: 'candidate' | 'related';
  decision: Decision;
}

/** Where planning spent its time (ms): reading pages (waiting for the database), keying, judging, grouping. */
export interface PlanTimings {
  read: number;
  keys: number;
  index: number;
  judge: number;
  group: number;
}

export interface RescanPlan {
  timings: PlanTimings;
  merges: PlannedMerge[];
  /** Pairs written to the review queue with today's kind, score and reasons. */
  pairs: PlannedPair[];
  /** Open queue pairs that no longer resemble each other. */
  removals: [string, string][];
  counters: {
    compared: number;
    merges: number;
    mergedProfiles: number;
    queued: number;
    related: number;
    removed: number;
    skipped: number;
  };
}

export interface PlanInput {
  settings: MatchSettings;
  /** Pairs (`pairKey`) a person separated: dismissed in the queue or by undoing a merge. */
  blocked: Set<string>;
  /** Open queue pairs (`[a, b]`): judged again even when no blocking key joins them. */
  open: [string, string][];
  pageSize?: number;
  /** After each page of profiles read (a heartbeat and the progress). */
  onPage?: (read: number) => Promise<void>;
  /**
   * Every page's worth of profiles judged: the judging gives the event loop back there (a server
   * running the job keeps answering) and the caller beats its heartbeat.
   */
  onJudged?: (judged: number) => Promise<void>;
}

// Two 32-bit hashes of a key (FNV-1a and a murmur-style mix), written into module variables so
// hashing allocates nothing: 32 + 8 bits of them go into an index entry (a collision only adds a
// comparison, the decision is made on the profiles themselves).
let hashHi = 0;
let hashLo = 0;
function hashKey(key: string): void {
  let a = 0x811c9dc5;
  let b = 0x9747b28c ^ key.length;
  for (let i = 0; i < key.length; i++) {
    const c = key.charCodeAt(i);
    a = Math.imul(a ^ c, 16777619);
    b = Math.imul(b ^ c, 0x5bd1e995);
    b ^= b >>> 15;
  }
  a ^= a >>> 16;
  a = Math.imul(a, 0x85ebca6b);
  a ^= a >>> 13;
  b ^= b >>> 13;
  b = Math.imul(b, 0xc2b2ae35);
  b ^= b >>> 16;
  hashHi = a >>> 0;
  hashLo = b >>> 0;
}

/** A growable list of 64-bit index entries (key hash high, profile number low), as 32-bit halves. */
class EntryList {
  words = new Uint32Array(1 << 20);
  length = 0;
  push(hi: number, lo: number) {
    if (2 * this.length + 2 > this.words.length) {
      const grown = new Uint32Array(this.words.length * 2);
      grown.set(this.words);
      this.words = grown;
    }
    // Little-endian: the low word first, so the 64-bit view sorts by (hi, lo).
    this.words[2 * this.length] = lo;
    this.words[2 * this.length + 1] = hi;
    this.length++;
  }
}

/**
 * Reads every profile of the organisation in id order, a page at a time (no query per profile),
 * and keeps what the comparison needs in memory, with an index of its blocking keys.
 */
async function readProfiles(db: TenantDb, orgId: string, input: PlanInput, timings: PlanTimings) {
  const profiles: PlanProfile[] = [];
  const entries = new EntryList();
  const size = input.pageSize ?? PLAN_PAGE_SIZE;
  // One page read ahead while the current one is keyed (the database and this process work at once).
  const fetchPage = async (after: string) => {
    const ids = await nextProfileIds(db, orgId, after, size);
    return { ids, page: ids.length ? await loadProfiles(db, orgId, ids) : new Map<string, RescanProfile>() };
  };
  let next = fetchPage('');
  for (;;) {
    const t0 = performance.now();
    const { ids, page } = await next;
    timings.read += performance.now() - t0;
    if (!ids.length) break;
    next = fetchPage(ids[ids.length - 1]!);
    const t1 = performance.now();
    for (const id of ids) {
      const p = page.get(id);
      if (!p) continue;
      const n = profiles.length;
      if (n > INDEX_MASK) throw new Error('Too many profiles for one rescan');
      profiles.push({
        id: p.id,
        subject: p.subject,
        bookingCount: p.bookingCount,
        createdAt: p.createdAt,
        hasAccount: p.hasAccount,
      });
      for (const key of blockingKeys(p.subject)) {
        hashKey(key);
        entries.push(hashHi, (((hashLo >>> INDEX_BITS) << INDEX_BITS) | n) >>> 0);
      }
    }
    timings.keys += performance.now() - t1;
    await input.onPage?.(profiles.length);
  }
  return { profiles, entries };
}

/**
 * The blocks (profiles sharing a key, 2 to MAX_BLOCK of them) each profile belongs to, from the
 * sorted index: `sorted` holds the entries, `blockStart`/`blockEnd` each block's range in it, and
 * `ofProfile`/`offsets` each profile's blocks (compressed rows).
 */
function buildBlocks(entries: EntryList, count: number) {
  const words = entries.words.subarray(0, 2 * entries.length);
  new BigUint64Array(words.buffer, words.byteOffset, entries.length).sort();
  const starts: number[] = [];
  const ends: number[] = [];
  const perProfile = new Uint32Array(count + 1);
  let k = 0;
  while (k < entries.length) {
    const hi = words[2 * k + 1]!;
    const top = words[2 * k]! >>> INDEX_BITS;
    let e = k + 1;
    while (e < entries.length && words[2 * e + 1] === hi && words[2 * e]! >>> INDEX_BITS === top) e++;
    if (e - k >= 2 && e - k <= MAX_BLOCK) {
      starts.push(k);
      ends.push(e);
      for (let x = k; x < e; x++) perProfile[(words[2 * x]! & INDEX_MASK) + 1]!++;
    }
    k = e;
  }
  for (let i = 1; i <= count; i++) perProfile[i]! += perProfile[i - 1]!;
  const offsets = perProfile;
  const ofProfile = new Uint32Array(offsets[count]!);
  const fill = offsets.slice(0, count);
  for (let b = 0; b < starts.length; b++)
    for (let x = starts[b]!; x < ends[b]!; x++) ofProfile[fill[words[2 * x]! & INDEX_MASK]!++] = b;
  return { words, blockStart: Uint32Array.from(starts), blockEnd: Uint32Array.from(ends), ofProfile, offsets };
}

/** The profile that stays: the one with a customer account, else the most bookings, else the oldest. */
function chooseSurvivor(group: PlanProfile[]): PlanProfile {
  return [...group].sort(
    (a, b) =>
      Number(b.hasAccount) - Number(a.hasAccount) ||
      b.bookingCount - a.bookingCount ||
      a.createdAt.localeCompare(b.createdAt) ||
      a.id.localeCompare(b.id),
  )[0]!;
}

const pairKeyOf = (i: number, j: number) => (i < j ? i * 2 ** INDEX_BITS + j : j * 2 ** INDEX_BITS + i);

/**
 * Plans a rescan of the whole organisation (issue 14 point 5) in memory: reads every profile once,
 * finds the pairs sharing a blocking key (`blockingKeys`, as the resolvers, oversized keys skipped
 * as the batch resolver skips them) plus the pairs open in the review queue, and judges each pair
 * once with the organisation's settings (`compareSubjects` + `decideMatch`, the live resolver's
 * rules). Automatic merges are grouped transitively, strongest pair first, but a group only grows
 * when every member is the same person as every other (a shared e-mail with two first names stays
 * a family), holds at most one customer account and at most MAX_MERGE profiles; a pair that could
 * not join is left for a person (queued). Pairs a person separated are never merged nor queued.
 */
export async function planRescan(db: TenantDb, orgId: string, input: PlanInput): Promise<RescanPlan> {
  const { settings, blocked } = input;
  const timings: PlanTimings = { read: 0, keys: 0, index: 0, judge: 0, group: 0 };
  const { profiles, entries } = await readProfiles(db, orgId, input, timings);
  let t = performance.now();
  const n = profiles.length;
  const indexOf = new Map<string, number>();
  profiles.forEach((p, i) => indexOf.set(p.id, i));
  const isBlocked = (i: number, j: number) => {
    const a = profiles[i]!.id;
    const b = profiles[j]!.id;
    return blocked.has(a < b ? `${a} ${b}` : `${b} ${a}`);
  };
  // Open queue pairs: judged from their first profile's turn.
  const openKeys = new Set<number>();
  const extra = new Map<number, number[]>();
  for (const [a, b] of input.open) {
    const i = indexOf.get(a);
    const j = indexOf.get(b);
    if (i === undefined || j === undefined || i === j) continue;
    openKeys.add(pairKeyOf(i, j));
    const lo = Math.min(i, j);
    const list = extra.get(lo) ?? [];
    list.push(Math.max(i, j));
    extra.set(lo, list);
  }

  const { words, blockStart, blockEnd, ofProfile, offsets } = buildBlocks(entries, n);
  entries.words = new Uint32Array(0);
  timings.index = performance.now() - t;
  t = performance.now();
  const judge = (i: number, j: number) =>
    decideMatch(compareSubjects(profiles[i]!.subject, profiles[j]!.subject, settings.model), settings);

  const counters = { compared: 0, merges: 0, mergedProfiles: 0, queued: 0, related: 0, removed: 0, skipped: 0 };
  const same: { i: number; j: number; decision: Decision }[] = [];
  const queue: { i: number; j: number; kind: 'candidate' | 'related'; decision: Decision }[] = [];
  const distinctOpen: [number, number][] = [];
  const seen = new Int32Array(n).fill(-1);
  const consider = (i: number, j: number) => {
    seen[j] = i;
    const decision = judge(i, j);
    counters.compared++;
    if (decision.kind === 'distinct') {
      if (openKeys.has(pairKeyOf(i, j))) distinctOpen.push([i, j]);
      return;
    }
    if (isBlocked(i, j)) return;
    if (decision.kind === 'same') same.push({ i, j, decision });
    else queue.push({ i, j, kind: decision.kind, decision });
  };
  const sizeOf = (b: number) => blockEnd[b]! - blockStart[b]!;
  for (let i = 0; i < n; i++) {
    const own = ofProfile.subarray(offsets[i], offsets[i + 1]).sort((x, y) => sizeOf(x) - sizeOf(y) || x - y);
    let judged = 0;
    for (let m = 0; m < own.length && judged < PAIR_BUDGET; m++) {
      const b = own[m]!;
      for (let x = blockStart[b]!; x < blockEnd[b]! && judged < PAIR_BUDGET; x++) {
        const j = words[2 * x]! & INDEX_MASK;
        if (j > i && seen[j] !== i) {
          consider(i, j);
          judged++;
        }
      }
    }
    for (const j of extra.get(i) ?? []) if (seen[j] !== i) consider(i, j);
    if ((i + 1) % (input.pageSize ?? PLAN_PAGE_SIZE) === 0) {
      await new Promise<void>((resolve) => setImmediate(resolve));
      await input.onJudged?.(i + 1);
    }
  }
  timings.judge = performance.now() - t;
  t = performance.now();

  // Groups: strongest pairs first; two groups join only if every cross pair is the same person.
  same.sort((x, y) => y.decision.weight - x.decision.weight);
  const sameKeys = new Set(same.map((e) => pairKeyOf(e.i, e.j)));
  const groupOf = new Int32Array(n).fill(-1);
  const groups: { members: number[]; joined: Map<number, Decision> }[] = [];
  const membersOf = (i: number) => (groupOf[i]! >= 0 ? groups[groupOf[i]!]!.members : [i]);
  for (const e of same) {
    const ga = groupOf[e.i]!;
    const gb = groupOf[e.j]!;
    if (ga >= 0 && ga === gb) continue;
    const A = membersOf(e.i);
    const B = membersOf(e.j);
    const accounts = (list: number[]) => list.some((x) => profiles[x]!.hasAccount);
    const fits =
      A.length + B.length <= MAX_MERGE &&
      !(accounts(A) && accounts(B)) &&
      A.every((x) =>
        B.every(
          (y) =>
            (x === e.i && y === e.j) ||
            (!isBlocked(x, y) && (sameKeys.has(pairKeyOf(x, y)) || judge(x, y).kind === 'same')),
        ),
      );
    if (!fits) {
      counters.skipped++;
      queue.push({ i: e.i, j: e.j, kind: 'candidate', decision: e.decision });
      continue;
    }
    let target = ga >= 0 ? ga : gb;
    if (target < 0) {
      target = groups.length;
      groups.push({ members: [], joined: new Map() });
    }
    const group = groups[target]!;
    for (const x of [...A, ...B]) {
      if (groupOf[x] === target) continue;
      groupOf[x] = target;
      group.members.push(x);
    }
    const other = ga >= 0 && gb >= 0 ? groups[target === ga ? gb : ga] : undefined;
    if (other) {
      for (const [x, d] of other.joined) group.joined.set(x, d);
      other.members = [];
    }
    if (!group.joined.has(e.i)) group.joined.set(e.i, e.decision);
    if (!group.joined.has(e.j)) group.joined.set(e.j, e.decision);
  }

  const survivorOf = new Int32Array(n).fill(-1);
  const merges: PlannedMerge[] = [];
  for (const g of groups) {
    if (g.members.length < 2) continue;
    const survivor = chooseSurvivor(g.members.map((x) => profiles[x]!));
    const s = indexOf.get(survivor.id)!;
    const merged = g.members.filter((x) => x !== s).sort((x, y) => x - y);
    for (const x of g.members) survivorOf[x] = s;
    merges.push({
      survivorId: survivor.id,
      mergedIds: merged.map((x) => profiles[x]!.id),
      decisions: merged.map((x) => g.joined.get(x)!),
    });
    counters.merges++;
    counters.mergedProfiles += merged.length;
  }
  // Survivors in id order: the merges apply in a stable order.
  merges.sort((x, y) => (x.survivorId < y.survivorId ? -1 : 1));

  // The queue: pairs re-pointed to where their profiles will live, each pair once (the strongest).
  const live = (i: number) => (survivorOf[i]! >= 0 ? survivorOf[i]! : i);
  const rows = new Map<number, { i: number; j: number; kind: 'candidate' | 'related'; decision: Decision }>();
  for (const q of queue) {
    const a = live(q.i);
    const b = live(q.j);
    if (a === b || isBlocked(a, b)) continue;
    const key = pairKeyOf(a, b);
    const seenRow = rows.get(key);
    if (!seenRow || q.decision.weight > seenRow.decision.weight) rows.set(key, { ...q, i: a, j: b });
  }
  const pairs: PlannedPair[] = [];
  for (const r of rows.values()) {
    const [a, b] = [profiles[r.i]!.id, profiles[r.j]!.id].sort() as [string, string];
    pairs.push({ a, b, kind: r.kind, decision: r.decision });
    if (r.kind === 'related') counters.related++;
    else counters.queued++;
  }
  pairs.sort((x, y) => (x.a === y.a ? (x.b < y.b ? -1 : 1) : x.a < y.a ? -1 : 1));
  const gone = (i: number) => survivorOf[i]! >= 0 && survivorOf[i] !== i;
  const removals = distinctOpen
    .filter(([i, j]) => !gone(i) && !gone(j) && !rows.has(pairKeyOf(i, j)))
    .map(([i, j]) => [profiles[i]!.id, profiles[j]!.id].sort() as [string, string]);
  counters.removed = removals.length;
  timings.group = performance.now() - t;
  return { merges, pairs, removals, counters, timings };
}
