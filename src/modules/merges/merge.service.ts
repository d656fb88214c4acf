import type { Ctx } from '../../core/context.ts';
import { AppError, conflict, invalid } from '../../core/errors.ts';
import { newId } from '../../core/ids.ts';
import type { TenantDb } from '../../db/database.ts';
import { recordAudit } from '../audit/index.ts';
import { moveGuestBookings } from '../bookings/index.ts';
import {
  addGuestAliases,
  applyMergeToSurvivor,
  deleteMergedGuests,
  fieldValueFor,
  findActorName,
  loadGuestSnapshots,
  lockGuests,
  moveGuestNotesAndHistory,
  presentGuest,
  presentGuests,
  recordGuestChanges,
  refreshGuestBookingStats,
  type GuestSnapshot,
} from '../guests/index.ts';
import { findLatestMarketingConsentHolder, moveGuestConsents } from '../consent/index.ts';
import { moveIdentityRecords } from '../identity/index.ts';
import { moveCompanyContacts } from '../companies/index.ts';
import { moveCustomerAccounts } from '../accounts/index.ts';
import { moveGuestEmails } from '../email/index.ts';
// The file itself, not communication/index.ts (which reaches the HTTP layer): no import cycle at start-up.
import { moveGuestThreads } from '../communication/thread-merge.ts';
import { planMerge, type MergePlan } from './merge.plan.ts';
import type { MergeInput, MergePreview } from './merge.schemas.ts';
import { getMerge } from './merge-read.service.ts';
import type { MergeMoves } from './merge-undo.service.ts';

const nameOf = (row: GuestSnapshot['row']) =>
  [row.firstName, row.lastName, row.secondLastName].filter((s) => typeof s === 'string' && s).join(' ');

/** Input checks that need no database: the survivor is one of the profiles, choices name them. */
function checkInput(input: MergeInput): void {
  const details: { field: string; message: string }[] = [];
  if (!input.guestIds.includes(input.survivorId))
    details.push({ field: 'survivorId', message: 'must be one of guestIds' });
  for (const [field, guestId] of Object.entries(input.choices ?? {}))
    if (guestId !== undefined && !input.guestIds.includes(guestId))
      details.push({ field: `choices.${field}`, message: 'must be one of guestIds' });
  if (details.length) throw invalid('validation_failed', 'The merge request is not valid', details);
}

/** Loads and locks the profiles; 404 naming the first unknown id; 409 when two have an account. */
async function loadProfiles(trx: TenantDb, input: MergeInput) {
  const rows = await lockGuests(trx, [...input.guestIds].sort());
  const missing = input.guestIds.findIndex((id) => !rows.some((r) => r.id === id));
  if (missing >= 0)
    throw new AppError('not_found', 'guest_not_found', 'Guest not found', [
      { field: `guestIds.${missing}`, message: 'not found' },
    ]);
  const withAccount = await trx
    .selectFrom('customerAccount')
    .select('guestId')
    .where('guestId', 'in', input.guestIds)
    .execute();
  const holders = new Set([
    ...rows.filter((r) => r.userId).map((r) => r.id),
    ...withAccount.flatMap((a) => (a.guestId ? [a.guestId] : [])),
  ]);
  if (holders.size > 1)
    throw conflict(
      'two_accounts',
      'Two of these profiles have a customer account; only one account can remain',
      [...holders].map((id) => ({
        field: `guestIds.${input.guestIds.indexOf(id)}`,
        message: 'has a customer account',
      })),
    );
  const ordered = await loadGuestSnapshots(trx, input.guestIds);
  return { rows: input.guestIds.map((id) => rows.find((r) => r.id === id)!), ordered };
}

interface MergeRun {
  mergeId: string;
  plan: MergePlan;
  moves: MergeMoves;
  before: Awaited<ReturnType<typeof presentGuests>>;
}

/** Runs a whole merge in the caller's transaction (preview rolls it back; merge commits). */
async function runMerge(ctx: Ctx, trx: TenantDb, input: MergeInput, at: Date): Promise<MergeRun> {
  checkInput(input);
  const { rows, ordered } = await loadProfiles(trx, input);
  const before = await presentGuests(ctx, rows, trx);
  const survivor = ordered.find((g) => g.row.id === input.survivorId)!;
  const others = ordered.filter((g) => g.row.id !== input.survivorId);
  const fromIds = others.map((g) => g.row.id);
  const tagIds = [...new Set(ordered.flatMap((g) => g.row.tagIds as string[]))];
  const tags = tagIds.length
    ? await trx.selectFrom('tag').select(['id', 'name']).where('id', 'in', tagIds).execute()
    : [];
  // Consent is not chosen: the merged ledgers decide it (P-4), so the flag comes from the profile
  // holding the latest marketing e-mail record (the survivor's when none has one).
  const consentHolder = (await findLatestMarketingConsentHolder(trx, input.guestIds)) ?? survivor.row.id;
  const plan = planMerge({
    survivor,
    ordered,
    choices: { ...input.choices, marketingConsent: consentHolder },
    tagNames: new Map(tags.map((t) => [t.id, t.name])),
    newAddressId: () => newId('adr'),
  });
  const bookings = await moveGuestBookings(trx, fromIds, survivor.row.id);
  const identity = await moveIdentityRecords(trx, ctx.orgId, fromIds, survivor.row.id);
  const accounts = await moveCustomerAccounts(trx, fromIds, survivor.row.id);
  const emails = await moveGuestEmails(trx, fromIds, survivor.row.id);
  const threads = await moveGuestThreads(trx, fromIds, survivor.row.id);
  const { notes, history } = await moveGuestNotesAndHistory(trx, fromIds, survivor.row.id);
  const consents = await moveGuestConsents(trx, fromIds, survivor.row.id);
  const companies = await moveCompanyContacts(trx, ctx.orgId, fromIds, survivor.row.id);
  await deleteMergedGuests(trx, fromIds);
  await applyMergeToSurvivor(trx, ctx.orgId, survivor.row.id, plan.after, plan.add, at);
  await refreshGuestBookingStats(trx, [survivor.row.id]);
  // Last activity is the latest of the profiles (the stats refresh would stamp "now").
  const lastActivityAt = (plan.after.lastActivityAt ?? survivor.row.lastActivityAt) as string;
  await trx.updateTable('guest').set({ lastActivityAt }).where('id', '=', survivor.row.id).execute();
  const moves: MergeMoves = {
    bookings,
    identity,
    accounts,
    emails,
    threads,
    notes,
    history,
    consents,
    companies,
    survivor: {
      before: plan.before,
      after: { ...plan.after, lastActivityAt },
      addedEmails: plan.add.emails.map((e) => e.email),
      addedPhones: plan.add.phones.map((p) => p.e164),
      addedAddressIds: plan.add.addresses.map((a) => a.id),
      addedTagIds: plan.addedTagIds,
      addedGroupIds: plan.addedGroupIds,
    },
  };
  const mergeId = newId('mrg', at.getTime());
  const mergedNames = others.map((g) => nameOf(g.row));
  const actorName = await findActorName(ctx, trx);
  await trx
    .insertInto('guestMerge')
    .values({
      orgId: ctx.orgId,
      id: mergeId,
      survivorId: survivor.row.id,
      mergedIds: fromIds,
      mergedNames,
      choices: JSON.stringify(plan.choices),
      snapshot: JSON.stringify({ survivor, merged: others }),
      moves: JSON.stringify(moves),
      createdAt: at,
      createdByType: ctx.actor.actorType,
      createdById: ctx.actor.actorId,
      createdByName: actorName,
    })
    .execute();
  await addGuestAliases(trx, ctx.orgId, fromIds, survivor.row.id, mergeId);
  await recordGuestChanges(
    ctx,
    trx,
    survivor.row.id,
    [...plan.changes, { field: 'merged', oldValue: null, newValue: { mergeId, mergedIds: fromIds, mergedNames } }],
    at,
  );
  await recordAudit(
    ctx,
    'guest.merged',
    { type: 'guest', id: survivor.row.id },
    { mergeId, mergedIds: fromIds, choices: plan.choices },
    trx,
  );
  return { mergeId, plan, moves, before };
}

class PreviewDone extends Error {
  constructor(readonly preview: MergePreview) {
    super('preview');
  }
}

/**
 * What a merge would do, without saving anything: the merge runs for real in a transaction that
 * is then rolled back, so the preview can never disagree with the merge.
 */
export async function previewMerge(ctx: Ctx, input: MergeInput): Promise<MergePreview> {
  try {
    await ctx.db.transaction().execute(async (trx) => {
      const run = await runMerge(ctx, trx, input, new Date());
      const survivor = await trx
        .selectFrom('guest')
        .selectAll()
        .where('id', '=', input.survivorId)
        .executeTakeFirstOrThrow();
      const { bookings, notes, history } = run.moves;
      const bookingIds = new Set(
        [...bookings.moved, ...bookings.dropped, ...bookings.customers].map((b) => b.bookingId),
      );
      throw new PreviewDone({
        survivorId: input.survivorId,
        guests: run.before,
        fields: run.plan.fields.map((f) => ({
          ...f,
          values: f.values.map((v) => ({ ...v, value: fieldValueFor(ctx, f.field, v.value) })),
        })),
        result: await presentGuest(ctx, survivor, trx),
        moves: {
          bookings: bookingIds.size,
          notes: notes.length,
          emails: run.plan.add.emails.length,
          phones: run.plan.add.phones.length,
          addresses: run.plan.add.addresses.length,
          historyEntries: history.length,
          droppedTags: run.plan.droppedTags,
        },
      });
    });
  } catch (err) {
    if (err instanceof PreviewDone) return err.preview;
    throw err;
  }
  throw new Error('unreachable: the preview transaction always rolls back');
}

/**
 * A merge in the caller's transaction (the identity rescan commits many with its checkpoint),
 * recorded and undoable like any other; answers the merge's id.
 */
export async function mergeGuestsInTransaction(ctx: Ctx, trx: TenantDb, input: MergeInput): Promise<string> {
  return (await runMerge(ctx, trx, input, new Date())).mergeId;
}

/** Merges two or more profiles into the survivor (SPEC I-5), in one transaction; recorded and undoable. */
export async function mergeGuests(ctx: Ctx, input: MergeInput) {
  const at = new Date();
  const mergeId = await ctx.db.transaction().execute(async (trx) => (await runMerge(ctx, trx, input, at)).mergeId);
  const guest = await ctx.db
    .selectFrom('guest')
    .selectAll()
    .where('id', '=', input.survivorId)
    .executeTakeFirstOrThrow();
  return { merge: await getMerge(ctx, mergeId), guest: await presentGuest(ctx, guest) };
}
