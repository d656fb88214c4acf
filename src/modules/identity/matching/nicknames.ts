import { NICKNAMES } from './nicknames.data.ts';
import { nameTokens } from './normalise.ts';

/** Folded given name (tokens joined by a space) → the full names it may stand for. */
const CANONICAL = new Map<string, Set<string>>();

function foldName(name: string): string {
  return nameTokens(name).join(' ');
}

function addForm(form: string, canonical: string): void {
  if (!form) return;
  let set = CANONICAL.get(form);
  if (!set) CANONICAL.set(form, (set = new Set()));
  set.add(canonical);
}

for (const block of Object.values(NICKNAMES)) {
  for (const line of block.split('\n')) {
    const [full, forms] = line.split('=');
    if (!full || forms === undefined) continue;
    const canonical = foldName(full);
    addForm(canonical, canonical);
    addForm(canonical.replace(/ /g, ''), canonical);
    for (const form of forms.split(',')) addForm(foldName(form), canonical);
  }
}

/** The full names a folded given name may stand for (itself included). */
export function canonicalGivenNames(folded: string): ReadonlySet<string> {
  return CANONICAL.get(folded) ?? new Set([folded]);
}

/** Whether the name is listed as a full given name or a short form. */
export function isKnownGivenName(folded: string): boolean {
  return CANONICAL.has(folded);
}

/** True when one folded given name is a listed short form of the other (`pepe`/`jose`, `bob`/`robert`). */
export function areNicknames(a: string, b: string): boolean {
  if (!a || !b || a === b) return false;
  const ca = canonicalGivenNames(a);
  const cb = canonicalGivenNames(b);
  for (const c of ca) if (cb.has(c)) return true;
  return false;
}

/** How many distinct names the table knows (for tests and the documentation). */
export function nicknameTableSize(): number {
  return CANONICAL.size;
}
