import type { TenantDb } from '../../db/database.ts';
import type { ErasureTerms } from './scrub.ts';

/** Everything that identifies the person being erased, collected before anything is removed. */
export interface ErasureSubject {
  orgId: string;
  guestId: string;
  /** The guest and every profile merged into it (their data lives on in merge logs). */
  guestIds: string[];
  /** Merges the person took part in, as survivor or merged-away profile (transitively). */
  mergeIds: string[];
  /** Customer accounts linked to the profile or named with one of its e-mails. */
  accountIds: string[];
  /** Bookings the guest made (customer) and bookings they stayed on (party). */
  customerBookingIds: string[];
  partyBookingIds: string[];
  emails: string[];
  terms: ErasureTerms;
}

type Row = Record<string, unknown>;
const str = (v: unknown): string[] => (typeof v === 'string' && v.trim() ? [v.trim()] : []);
const nameOf = (r: Row) => [r.firstName, r.lastName, r.secondLastName].flatMap(str).join(' ');

/** Reads the guest, the profiles merged into it (from the merge log) and everything naming them. */
export async function collectErasureSubject(trx: TenantDb, orgId: string, guestId: string): Promise<ErasureSubject> {
  const { guestIds, mergeIds, snapshots } = await collectMerges(trx, guestId);
  const guests: Row[] = [
    ...(await trx.selectFrom('guest').selectAll().where('id', '=', guestId).execute()),
    ...snapshots.map((s) => s.row),
  ];
  const emails = await trx.selectFrom('guestEmail').select('email').where('guestId', 'in', guestIds).execute();
  const phones = await trx
    .selectFrom('guestPhone')
    .select(['e164', 'display'])
    .where('guestId', 'in', guestIds)
    .execute();
  const addresses: Row[] = await trx.selectFrom('guestAddress').selectAll().where('guestId', 'in', guestIds).execute();
  const customerBookings = await trx
    .selectFrom('booking')
    .select(['id', 'contactEmail'])
    .where('customerId', 'in', guestIds)
    .execute();
  const party = await trx.selectFrom('bookingGuest').select('bookingId').where('guestId', 'in', guestIds).execute();

  const emailSet = new Set<string>();
  for (const e of [
    ...emails.map((e) => e.email),
    ...guests.flatMap((g) => str(g.email)),
    ...snapshots.flatMap((s) => s.emails),
    ...customerBookings.flatMap((b) => str(b.contactEmail)),
  ])
    emailSet.add(e.toLowerCase());
  const accounts = await trx
    .selectFrom('customerAccount')
    .selectAll()
    .where((eb) =>
      eb.or([
        eb('guestId', 'in', guestIds),
        ...(emailSet.size ? [eb(eb.fn('lower', ['username']), 'in', [...emailSet])] : []),
      ]),
    )
    .execute();
  for (const a of accounts) if (a.username.includes('@')) emailSet.add(a.username.toLowerCase());

  const people: Row[] = [...guests, ...accounts];
  const phoneList = [
    ...phones.map((p) => p.e164),
    ...guests.flatMap((g) => str(g.phone)),
    ...snapshots.flatMap((s) => s.phones.map((p) => p.e164)),
    ...accounts.flatMap((a) => str(a.phone)),
  ];
  const addressLines = [
    ...addresses,
    ...snapshots.flatMap((s) => s.addresses),
    ...accounts.map((a) => (a.address ?? {}) as Row),
  ].flatMap((a) => [a.name, a.street, a.postcode].flatMap(str));
  // Whole values are scrubbed from anyone's records; what could name someone else too (a single
  // name, an address line, a postcode) only from the person's own records (see scrub.ts).
  const fullNames = people.flatMap((p) => [nameOf(p), [p.lastName, p.firstName].flatMap(str).join(' ')]);
  const terms: ErasureTerms = {
    phrases: [
      ...fullNames.filter((n) => /\s/.test(n)),
      ...people.flatMap((p) => [...str(p.nativeName), ...str(p.documentNumber), ...str(p.username)]),
      ...phones.map((p) => p.display),
      ...phoneList,
      ...emailSet,
    ],
    words: [
      ...fullNames.filter((n) => !/\s/.test(n)),
      ...people
        .flatMap((p) => [p.firstName, p.lastName, p.secondLastName, p.nativeName].flatMap(str))
        .flatMap((n) => n.split(/[\s\-'’.,]+/)),
      ...addressLines,
    ].filter((w) => w.length >= 3),
    phones: [...new Set(phoneList)],
  };
  return {
    orgId,
    guestId,
    guestIds,
    mergeIds,
    accountIds: accounts.map((a) => a.id),
    customerBookingIds: customerBookings.map((b) => b.id),
    partyBookingIds: party.map((p) => p.bookingId),
    emails: [...emailSet],
    terms,
  };
}

interface Snapshot {
  row: Row;
  emails: string[];
  phones: { e164: string }[];
  addresses: Row[];
}

/**
 * The merges around the guest. A merge into the guest that still stands brings its merged-away
 * profiles (the same person, whose ids live on in bookings and logs) and is followed further; any
 * merge naming one of them (also an undone one, whose snapshot still holds the person) is erased.
 */
async function collectMerges(trx: TenantDb, guestId: string) {
  const guestIds = new Set([guestId]);
  const mergeIds = new Set<string>();
  const snapshots: Snapshot[] = [];
  for (let frontier = [guestId]; frontier.length;) {
    const merges = await trx
      .selectFrom('guestMerge')
      .select(['id', 'survivorId', 'mergedIds', 'snapshot', 'undoneAt'])
      .where((eb) =>
        eb.or([eb('survivorId', 'in', frontier), ...frontier.map((id) => eb(eb.val(id), '=', eb.fn.any('mergedIds')))]),
      )
      .execute();
    frontier = [];
    for (const m of merges) {
      if (mergeIds.has(m.id)) continue;
      mergeIds.add(m.id);
      const follows = !m.undoneAt && guestIds.has(m.survivorId);
      if (follows)
        for (const id of m.mergedIds)
          if (!guestIds.has(id)) {
            guestIds.add(id);
            frontier.push(id);
          }
      const snap = m.snapshot as { merged?: Snapshot[]; survivor?: Snapshot };
      for (const s of [...(snap.merged ?? []), ...(snap.survivor ? [snap.survivor] : [])])
        if (follows || guestIds.has(String(s.row?.id))) snapshots.push(normalise(s));
    }
  }
  return { guestIds: [...guestIds], mergeIds: [...mergeIds], snapshots };
}

function normalise(s: Partial<Snapshot> & { emails?: unknown[]; phones?: unknown[] }): Snapshot {
  const rec = (v: unknown): Row => (v && typeof v === 'object' ? (v as Row) : {});
  return {
    row: rec(s.row),
    emails: (s.emails ?? []).flatMap((e) => (typeof e === 'string' ? [e] : str(rec(e).email))),
    phones: (s.phones ?? []).flatMap((p) => str(rec(p).e164).map((e164) => ({ e164 }))),
    addresses: (s.addresses ?? []).map(rec),
  };
}
