import { sql } from 'kysely';
import { countOf, orNone, type ErasureRun } from './erasure-run.ts';
import { scrubColumns } from './scrub-columns.ts';

// The profile and what hangs off it. Rows are deleted by guest id (the guest and the profiles
// merged into it); other guests' free text is scrubbed of the person's whole names and contacts.

export async function eraseGuestLists(
  { trx, subject }: ErasureRun,
  table: 'guestEmail' | 'guestPhone' | 'guestAddress',
) {
  return countOf(await trx.deleteFrom(table).where('guestId', 'in', subject.guestIds).executeTakeFirst());
}

/**
 * The guest's search tokens, found through its primary key (org, token, guest) with the tokens the
 * profile lists: the table has no index by guest, and a scan of it costs tens of milliseconds at
 * 100,000 guests (bench/erasure.ts). Profiles merged into the guest lost theirs at the merge.
 */
export async function eraseSearchTokens({ trx, subject }: ErasureRun) {
  const rows = await sql<{ tokens: string[] }>`
    select search_tokens as tokens from guest where org_id = ${subject.orgId} and id = any(${subject.guestIds}::text[])`.execute(
    trx,
  );
  const tokens = [...new Set(rows.rows.flatMap((r) => r.tokens))];
  if (!tokens.length) return 0;
  const r = await sql`
    delete from guest_search_token
     where org_id = ${subject.orgId} and token = any(${tokens}::text[]) and guest_id = any(${subject.guestIds}::text[])`.execute(
    trx,
  );
  return Number(r.numAffectedRows ?? 0);
}

/**
 * The guest's name keys (namesake lookup), through the primary key (org, key, guest) with the keys
 * its names give; the rows of profiles merged into it went with them at the merge.
 */
export async function eraseNameKeys({ trx, subject }: ErasureRun) {
  const r = await sql`
    delete from guest_name_key k
     using guest g cross join unnest(guest_name_keys(g.first_name, g.last_name, g.second_last_name)) gk
     where g.org_id = ${subject.orgId} and g.id = any(${subject.guestIds}::text[])
       and k.org_id = g.org_id and k.key = gk and k.guest_id = g.id`.execute(trx);
  return Number(r.numAffectedRows ?? 0);
}

/** The phone-number fragments of the person's phones, through the primary key (org, suffix, guest). */
export async function erasePhoneSuffixes({ trx, subject }: ErasureRun) {
  if (!subject.terms.phones.length) return 0;
  const r = await sql`
    delete from guest_phone_suffix
     where org_id = ${subject.orgId}
       and suffix = any(array(select unnest(phone_suffixes(p)) from unnest(${subject.terms.phones}::text[]) p))
       and guest_id = any(${subject.guestIds}::text[])`.execute(trx);
  return Number(r.numAffectedRows ?? 0);
}

/** Suggestion words are shared by the organisation: a word goes when no remaining guest has it. */
export async function eraseSearchWords({ trx, subject }: ErasureRun) {
  const words = [...new Set([...subject.terms.words, ...subject.terms.phrases].join(' ').split(/\s+/))].join(' ');
  const r = await sql`
    delete from search_word w
     where w.org_id = ${subject.orgId}
       and w.word = any(search_words(${words}))
       and not exists (select 1 from guest_search_token t where t.org_id = w.org_id and t.token = w.word)`.execute(trx);
  return Number(r.numAffectedRows ?? 0);
}

export async function eraseNotes(run: ErasureRun) {
  const { trx, subject } = run;
  const deleted = countOf(
    await trx.deleteFrom('guestNote').where('guestId', 'in', subject.guestIds).executeTakeFirst(),
  );
  const scrubbed = await scrubColumns(
    trx,
    subject.orgId,
    { table: 'guest_note', key: ['id'], columns: [{ name: 'body', kind: 'text' }] },
    run.org,
  );
  return deleted + scrubbed;
}

export async function eraseHistory(run: ErasureRun) {
  const { trx, subject } = run;
  const deleted = countOf(
    await trx.deleteFrom('guestHistory').where('guestId', 'in', subject.guestIds).executeTakeFirst(),
  );
  const scrubbed = await scrubColumns(
    trx,
    subject.orgId,
    {
      table: 'guest_history',
      key: ['id'],
      columns: [
        { name: 'old_value', kind: 'json' },
        { name: 'new_value', kind: 'json' },
        { name: 'actor_name', kind: 'text' },
      ],
    },
    run.org,
  );
  return deleted + scrubbed;
}

export async function eraseIdentityDecisions(run: ErasureRun) {
  const { trx, subject } = run;
  const deleted = countOf(
    await trx.deleteFrom('identityDecision').where('guestId', 'in', subject.guestIds).executeTakeFirst(),
  );
  const scrubbed = await scrubColumns(
    trx,
    subject.orgId,
    { table: 'identity_decision', key: ['id'], columns: [{ name: 'reasons', kind: 'json' }] },
    run.org,
  );
  return deleted + scrubbed;
}

export async function eraseDuplicatePairs(run: ErasureRun) {
  const { trx, subject } = run;
  const deleted = countOf(
    await trx
      .deleteFrom('duplicateCandidate')
      .where((eb) => eb.or([eb('guestA', 'in', subject.guestIds), eb('guestB', 'in', subject.guestIds)]))
      .executeTakeFirst(),
  );
  const scrubbed = await scrubColumns(
    trx,
    subject.orgId,
    { table: 'duplicate_candidate', key: ['guest_a', 'guest_b'], columns: [{ name: 'reasons', kind: 'json' }] },
    run.org,
  );
  return deleted + scrubbed;
}

/** A running identity rescan's stored plan: the steps naming the profile go, the others' reasons are scrubbed. */
export async function eraseRescanSteps(run: ErasureRun) {
  const { trx, subject } = run;
  const deleted = countOf(
    await trx
      .deleteFrom('identityRescanStep')
      .where(sql<boolean>`guest_ids && ${sql.val(orNone(subject.guestIds))}::text[]`)
      .executeTakeFirst(),
  );
  const scrubbed = await scrubColumns(
    trx,
    subject.orgId,
    { table: 'identity_rescan_step', key: ['rescan_id', 'seq'], columns: [{ name: 'decisions', kind: 'json' }] },
    run.org,
  );
  return deleted + scrubbed;
}

/** The profile row itself (the KPI and count triggers on `guest` keep the counters right). */
export async function eraseGuestRow({ trx, subject }: ErasureRun) {
  return countOf(await trx.deleteFrom('guest').where('id', 'in', orNone(subject.guestIds)).executeTakeFirst());
}

/** Other profiles never hold the person in their own columns, except the block reason (free text). */
export async function scrubOtherGuests(run: ErasureRun) {
  return scrubColumns(
    run.trx,
    run.subject.orgId,
    { table: 'guest', key: ['id'], columns: [{ name: 'block_reason', kind: 'text' }] },
    run.org,
  );
}

/**
 * The consent ledger (P-4): the person's records go with them. An anonymous "proof" would keep the time, IP and
 * wording that could tie it back to them; the audit log keeps that the person was erased.
 */
export async function eraseConsents({ trx, subject }: ErasureRun) {
  const ids = orNone(subject.guestIds);
  return countOf(
    await trx
      .deleteFrom('guestConsent')
      .where((eb) => eb.or([eb('guestId', 'in', ids), eb('subjectGuestId', 'in', ids)]))
      .executeTakeFirst(),
  );
}
