import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { blindIndex, isSealed, open, seal, sealedKeyId, type Keyring } from '../../core/secret-box.ts';
import { normaliseDocumentNumber } from './guest-document.ts';

/**
 * Keeping every stored document number under the current key (docs/guide/privacy/documents.md):
 * values stored before encryption are sealed at start-up, and `clientela keys rotate` re-seals
 * values sealed under an earlier key. Both walk the same places, in batches of one transaction each,
 * selecting only what is not yet under the current key, so an interrupted run resumes where it stopped:
 * - `guest.document_number` (and its blind index),
 * - `guest_history` old/new values of the `document` field,
 * - `guest_merge.snapshot` (the merged-away rows kept for undo).
 */

export interface ResealProgress {
  place: 'guest' | 'guest_history' | 'guest_merge';
  done: number;
}

const BATCH = 500;

/** True when a stored value must be (re)sealed: plain text, or sealed under another key. */
const stale = (ring: Keyring, v: string) => !isSealed(v) || sealedKeyId(v) !== ring.current.id;

function reseal(ring: Keyring, v: string): string {
  return seal(ring, isSealed(v) ? open(ring, v) : v);
}

/** A JSON value with every document number in it under the current key (and blind indexes to match). */
function resealJson(ring: Keyring, value: unknown, rootKey?: string): { value: unknown; changed: boolean } {
  let changed = false;
  const walk = (v: unknown, key?: string, parentKey?: string): unknown => {
    if (typeof v === 'string') {
      const isNumber = key === 'documentNumber' || (key === 'number' && parentKey === 'document');
      if ((isNumber || isSealed(v)) && stale(ring, v)) {
        changed = true;
        return reseal(ring, v);
      }
      return v;
    }
    if (Array.isArray(v)) return v.map((x) => walk(x, undefined, key));
    if (v && typeof v === 'object') {
      const out: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v)) out[k] = walk(x, k, key);
      if (typeof out.documentNumber === 'string' && 'documentNumberIndex' in out) {
        const idx = blindIndex(ring, normaliseDocumentNumber(open(ring, out.documentNumber)));
        if (out.documentNumberIndex !== idx) {
          out.documentNumberIndex = idx;
          changed = true;
        }
      }
      return out;
    }
    return v;
  };
  return { value: walk(value, rootKey), changed };
}

/** Seals or re-seals every document number not under the current key; returns how many values changed. */
export async function resealDocuments(
  db: Kysely<DB>,
  ring: Keyring,
  onProgress: (p: ResealProgress) => void = () => undefined,
): Promise<number> {
  const current = `enc:v1:${ring.current.id}:%`;
  let total = 0;
  // guest.document_number
  for (let done = 0; ;) {
    const n = await db.transaction().execute(async (trx) => {
      const rows = await trx
        .selectFrom('guest')
        .select(['orgId', 'id', 'documentNumber'])
        .where('documentNumber', 'is not', null)
        .where('documentNumber', 'not like', current)
        .orderBy('orgId')
        .orderBy('id')
        .limit(BATCH)
        .forUpdate()
        .execute();
      for (const r of rows) {
        const plain = isSealed(r.documentNumber ?? '') ? open(ring, r.documentNumber ?? '') : (r.documentNumber ?? '');
        await trx
          .updateTable('guest')
          .set({
            documentNumber: seal(ring, plain),
            documentNumberIndex: blindIndex(ring, normaliseDocumentNumber(plain)),
          })
          .where('orgId', '=', r.orgId)
          .where('id', '=', r.id)
          .execute();
      }
      return rows.length;
    });
    if (!n) break;
    done += n;
    total += n;
    onProgress({ place: 'guest', done });
  }
  total += await resealJsonRows(db, ring, 'guest_history', onProgress);
  total += await resealJsonRows(db, ring, 'guest_merge', onProgress);
  return total;
}

/** History values of the document field, and merge snapshots, walked in id order with a cursor. */
async function resealJsonRows(
  db: Kysely<DB>,
  ring: Keyring,
  place: 'guest_history' | 'guest_merge',
  onProgress: (p: ResealProgress) => void,
): Promise<number> {
  let after = '';
  let done = 0;
  for (;;) {
    const n = await db.transaction().execute(async (trx) => {
      const rows =
        place === 'guest_history'
          ? await trx
              .selectFrom('guestHistory')
              .select(['orgId', 'id', 'oldValue', 'newValue'])
              .where('field', '=', 'document')
              .where(sql<boolean>`(org_id || ':' || id) > ${after}`)
              .orderBy(sql`org_id || ':' || id`)
              .limit(BATCH)
              .forUpdate()
              .execute()
          : (
              await trx
                .selectFrom('guestMerge')
                .select(['orgId', 'id', 'snapshot'])
                .where(sql<boolean>`(org_id || ':' || id) > ${after}`)
                .where(sql<boolean>`snapshot::text like '%"documentNumber": "%'`)
                .orderBy(sql`org_id || ':' || id`)
                .limit(BATCH)
                .forUpdate()
                .execute()
            ).map((r) => ({ ...r, oldValue: r.snapshot, newValue: undefined }));
      for (const r of rows) {
        const root = place === 'guest_history' ? 'document' : undefined;
        const a = resealJson(ring, r.oldValue, root);
        const b = resealJson(ring, r.newValue, root);
        if (!a.changed && !b.changed) continue;
        done++;
        if (place === 'guest_history')
          await trx
            .updateTable('guestHistory')
            .set({ oldValue: JSON.stringify(a.value), newValue: JSON.stringify(b.value) })
            .where('orgId', '=', r.orgId)
            .where('id', '=', r.id)
            .execute();
        else
          await trx
            .updateTable('guestMerge')
            .set({ snapshot: JSON.stringify(a.value) })
            .where('orgId', '=', r.orgId)
            .where('id', '=', r.id)
            .execute();
      }
      const last = rows.at(-1);
      if (last) after = `${last.orgId}:${last.id}`;
      return rows.length;
    });
    if (!n) break;
    onProgress({ place, done });
  }
  return done;
}

/**
 * The key ids stored values were sealed with that the keyring does not hold (start-up refuses to
 * run with them: those documents could not be read, and a rotation could not move them).
 */
export async function findUnknownDocumentKeys(db: Kysely<DB>, ring: Keyring): Promise<string[]> {
  const known = [...ring.all.keys()];
  const { rows } = await sql<{ keyId: string }>`
    select distinct split_part(document_number, ':', 3) as key_id from guest
     where document_number like 'enc:v1:%'
       and not (split_part(document_number, ':', 3) = any(${known}::text[]))
     limit 10`.execute(db);
  return rows.map((r) => r.keyId);
}
