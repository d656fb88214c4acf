import type { Ctx } from '../../../core/context.ts';
import type { TenantDb } from '../../../db/database.ts';
import type { PersonToResolve } from '../../bookings/index.ts';
import { ensureCatalogNames } from '../../guest-catalog/index.ts';
import { resolvePeople } from '../../identity/index.ts';
import type { BookingGroup, ReadRecord } from '../reading/index.ts';
import type { ApplyOptions, ApplyResult, RecordOutcome, RecordProblem } from './apply.types.ts';
import { type BookingUnit, applyBookings } from './booking-apply.ts';
import { detailsOf, incomingOf, profileOf } from './person-input.ts';
import { refreshPlannerStatsIfGrown } from './planner-stats.ts';
import { type FoldRule, foldRecord } from './profile-fold.ts';
import { type ProfileWrite, loadProfiles, writeProfiles } from './profile-store.ts';

/** One person of the file: a record, or the rows of one booking (its customer). */
interface Unit extends BookingUnit {
  reference?: string | undefined;
  /** Where the customer comes from: the resolver, an existing booking, or an earlier booking of the batch. */
  from: { resolve: number } | { guestId: string } | { unit: number };
}

const fold = (s: string) =>
  s
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();

/**
 * What a batch of records does to the database (issue 13, D-1 points 3, 5 and 6), in the caller's
 * transaction: every person goes through the identity resolver in one call (against existing
 * profiles and the earlier records of the file); a profile made by a record gets all it has, a
 * profile found is enriched, overwritten or skipped as `options.onExisting` says — and is written
 * only when something really changes. Tags and groups are created by name, the nine-tag cap
 * reported on the record; consents become ledger records (source and reference from `ctx`); notes
 * are not added twice. The rows of a booking export make one booking each through the bookings
 * module (source `import`, the file's reference as `externalRef`: never made twice), with its
 * stay guests as profiles (I-4). A fixed number of statements per batch.
 */
export async function applyRecords(
  ctx: Ctx,
  trx: TenantDb,
  items: Array<ReadRecord | BookingGroup>,
  options: ApplyOptions,
): Promise<ApplyResult> {
  const today = new Date().toISOString().slice(0, 10);
  const result: ApplyResult = {
    outcomes: [],
    bookings: { created: 0, existing: 0 },
    roomTypesCreated: [],
    tagsDropped: 0,
  };
  const problems = new Map<number, RecordProblem[]>();
  const problem = (record: number, field: string, code: string, message: string) =>
    problems.set(record, [...(problems.get(record) ?? []), { record, field, code, message }]);

  const groups = items
    .map((item) => ('records' in item ? item : { reference: undefined, records: [item] }))
    .filter((g) => g.records.length > 0);
  const refOf = (g: { reference?: string | undefined }) => g.reference?.trim().slice(0, 100) || undefined;

  // 1. Bookings of the file already imported: their customer is the profile the rows enrich.
  const refs = [...new Set(groups.map(refOf).filter((r): r is string => Boolean(r)))];
  const known = new Map<string, string | null>();
  if (refs.length) {
    const rows = await trx
      .selectFrom('booking')
      .select(['externalRef', 'customerId'])
      .where('source', '=', 'import')
      .where('externalRef', 'in', refs)
      .execute();
    for (const r of rows) if (r.externalRef) known.set(r.externalRef, r.customerId);
  }

  const catalog = await ensureCatalogNames(trx, ctx.orgId, {
    tags: groups.flatMap((g) => g.records.flatMap((r) => r.person.tags)),
    groups: groups.flatMap((g) => g.records.flatMap((r) => r.person.groups)),
  });

  // 2. Who goes through the resolver, in file order (a booking's stay guests after its customer).
  const people: PersonToResolve[] = [];
  const firstUnitOf = new Map<string, number>();
  const units: Unit[] = groups.map((g, k) => {
    const reference = refOf(g);
    const customer = g.records[0]!.person;
    const knownCustomer = reference ? known.get(reference) : undefined;
    const earlier = reference ? firstUnitOf.get(reference) : undefined;
    let from: Unit['from'];
    if (knownCustomer) from = { guestId: knownCustomer };
    else if (earlier !== undefined) from = { unit: earlier };
    else {
      from = { resolve: people.length };
      people.push({
        person: detailsOf(customer),
        profile: profileOf(customer, catalog),
        source: 'import',
        role: 'customer',
      });
    }
    const newBooking = Boolean(reference && g.records[0]!.booking && !known.has(reference) && earlier === undefined);
    if (reference && earlier === undefined) firstUnitOf.set(reference, k);
    const stays: number[] = [];
    if (newBooking) {
      const seen = new Set([fold(`${customer.givenName} ${customer.familyName}`)]);
      for (const r of g.records)
        for (const room of r.booking?.rooms ?? [])
          for (const guest of room.stayGuests) {
            const key = fold(`${guest.givenName} ${guest.familyName}`);
            if (!key || seen.has(key)) continue;
            seen.add(key);
            stays.push(people.length);
            people.push({
              person: { firstName: guest.givenName.slice(0, 100), lastName: guest.familyName.slice(0, 100) },
              source: 'import',
              role: 'stay',
            });
          }
    }
    return { records: g.records, reference, from, newBooking, stays };
  });
  await refreshPlannerStatsIfGrown(trx);
  const resolved = people.length
    ? await resolvePeople(ctx, trx, people, { deferTouch: true, enrich: false, newProfileHistory: false })
    : [];

  // 3. Each unit's profile (undefined: the person cannot have one) and whether the unit made it.
  const landing = units.map(() => ({ guestId: undefined as string | undefined, created: false }));
  units.forEach((u, k) => {
    const l = landing[k]!;
    if ('guestId' in u.from) l.guestId = u.from.guestId;
    else if ('unit' in u.from) l.guestId = landing[u.from.unit]!.guestId;
    else {
      const r = resolved[u.from.resolve]!;
      if ('error' in r) {
        const detail = r.error.details[0];
        problem(u.records[0]!.record, detail?.field ?? 'record', r.error.code, r.error.message);
      } else Object.assign(l, r);
    }
  });

  // 4. The records, in order, on their profiles' state; then one write for all.
  // The stay guests made here too: their one history row is written with the customers' (decision 0017).
  const madeStays = units.flatMap((u) =>
    u.stays.map((i) => resolved[i]!).flatMap((r) => ('guestId' in r && r.created ? [r.guestId] : [])),
  );
  const landed = [...landing.map((l) => l.guestId), ...madeStays];
  const ids = [...new Set(landed.filter((id): id is string => Boolean(id)))];
  const states = await loadProfiles(trx, ctx.orgId, ids);
  const writes = new Map<string, ProfileWrite>();
  const made = new Set([...landing.filter((l) => l.created).map((l) => l.guestId), ...madeStays]);
  for (const [id, state] of states)
    writes.set(id, {
      id,
      created: made.has(id),
      before: structuredClone(state),
      after: state,
      notes: [],
      consents: [],
    });
  const rule: FoldRule = {
    mode: options.onExisting,
    fields: options.overwriteFields ? new Set(options.overwriteFields) : undefined,
  };
  const outcomes = new Map<number, Omit<RecordOutcome, 'problems'>>();
  units.forEach((u, k) => {
    const l = landing[k]!;
    const write = l.guestId ? writes.get(l.guestId) : undefined;
    u.records.forEach((r, i) => {
      if (!l.guestId || !write) {
        if (!problems.has(r.record) || i > 0)
          problem(r.record, 'record', 'guest_not_imported', 'The person could not be made into a profile.');
        outcomes.set(r.record, { record: r.record, outcome: 'invalid' });
        return;
      }
      const creating = l.created && i === 0;
      const incoming = incomingOf(r, catalog, problem);
      const folded = foldRecord(write.after, incoming, creating ? { mode: 'fill' } : rule);
      if (folded.tagsDropped.length) {
        result.tagsDropped += folded.tagsDropped.length;
        problem(
          r.record,
          'tags',
          'too_many_tags',
          `A guest has at most 9 tags; left out: ${folded.tagsDropped.map((id) => catalog.tagNames.get(id) ?? id).join(', ')}.`,
        );
      }
      write.notes.push(...folded.notes);
      if (folded.consent !== undefined) write.consents.push(folded.consent);
      outcomes.set(r.record, {
        record: r.record,
        outcome: creating ? 'created' : folded.changed ? 'updated' : 'unchanged',
        guestId: l.guestId,
      });
    });
  });
  await writeProfiles(ctx, trx, [...writes.values()], catalog.tagNames, options.importId);

  // 5. The bookings.
  for (const u of units) if (u.reference && !u.newBooking && u.records[0]!.booking) result.bookings.existing += 1;
  await applyBookings(ctx, trx, units, landing, resolved, options, today, result, problem);

  for (const u of units)
    for (const r of u.records) {
      const o = outcomes.get(r.record) ?? { record: r.record, outcome: 'invalid' as const };
      result.outcomes.push({ ...o, problems: problems.get(r.record) ?? [] });
    }
  return result;
}
