import { openDatabase } from './src/db/database.ts';
import { blockingKeys, compareSubjects, decideMatch } from './src/modules/identity/matching/index.ts';
import { loadProfiles, nextProfileIds } from './src/modules/identity-rescan/rescan-profiles.ts';
import { loadMatchSettings } from './src/modules/identity/index.ts';
const database = await openDatabase({ kind: 'postgres', url: process.env.DATABASE_URL!, poolSize: 2 });
const org = await database.system.selectFrom('organisation').select('id').executeTakeFirstOrThrow();
const db = database.forOrg(org.id);
let after = ''; const subjects = []; const blocks = new Map<string, number[]>();
let t = performance.now(); let tRead = 0, tKeys = 0;
for (;;) {
  const t0 = performance.now();
  const ids = await nextProfileIds(db, org.id, after, 10000); if (!ids.length) break;
  const page = await loadProfiles(db, org.id, ids);
  const t1 = performance.now(); tRead += t1 - t0;
  for (const id of ids) { const p = page.get(id)!; const n = subjects.length; subjects.push(p.subject);
    for (const k of blockingKeys(p.subject)) { const l = blocks.get(k); if (l) l.push(n); else blocks.set(k, [n]); } }
  tKeys += performance.now() - t1;
  after = ids[ids.length - 1]!;
}
console.log('read s', (tRead/1000).toFixed(1), 'keys s', (tKeys/1000).toFixed(1), 'profiles', subjects.length, 'keys', blocks.size);
const byPrefix = new Map<string, {blocks: number, pairs: number, skipped: number}>();
for (const [k, l] of blocks) { const pre = k.slice(0, k.indexOf(':')); const e = byPrefix.get(pre) ?? {blocks:0,pairs:0,skipped:0}; if (l.length > 500) e.skipped++; else if (l.length>1) { e.blocks++; e.pairs += l.length*(l.length-1)/2; } byPrefix.set(pre, e); }
console.log([...byPrefix].sort((a,b)=>b[1].pairs-a[1].pairs).map(([k,v])=>`${k} ${v.blocks} ${v.pairs} skip${v.skipped}`).join('\n'));
const settings = await loadMatchSettings(db, org.id);
let c = 0; const t2 = performance.now();
for (let i = 0; i + 1 < 20000; i += 1) { decideMatch(compareSubjects(subjects[i]!, subjects[i + 1]!, settings.model), settings); c++; }
console.log('judge µs', ((performance.now() - t2) * 1000 / c).toFixed(1));
await database.close();
