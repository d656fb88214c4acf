import {
  documentNumberIndexOf,
  type FieldChange,
  type GuestSnapshot,
  MAX_TAGS,
  type SurvivorAdditions,
} from '../guests/index.ts';

/** The profile fields staff choose a winner for (contract "Merge / unmerge API"). */
export const MERGE_FIELDS = [
  'titleId',
  'firstName',
  'lastName',
  'secondLastName',
  'nativeName',
  'language',
  'nationality',
  'country',
  'birthDate',
  'document',
  'marketingConsent',
  'companyId',
] as const;
export type MergeField = (typeof MERGE_FIELDS)[number];

type Row = GuestSnapshot['row'];

export interface FieldPlan {
  field: MergeField;
  values: { guestId: string; value: unknown }[];
  chosenGuestId: string;
  conflict: boolean;
}

export interface MergePlan {
  fields: FieldPlan[];
  choices: Record<string, string>;
  /** Survivor columns the merge changes: before (to undo) and after. */
  before: Record<string, unknown>;
  after: Record<string, unknown>;
  add: SurvivorAdditions;
  droppedTags: string[];
  /** Tag ids and group ids the survivor gains (an undo takes back exactly these). */
  addedTagIds: string[];
  addedGroupIds: string[];
  changes: FieldChange[];
}

const json = (v: unknown) => JSON.stringify(v ?? null);
const isEmpty = (v: unknown) => v === null || v === undefined || v === '';

function valueOf(row: Row, field: MergeField): unknown {
  if (field !== 'document') return row[field] ?? (field === 'marketingConsent' ? false : null);
  const { documentType: type, documentNumber: number, documentCountry: issuingCountry, documentExpiry: expiry } = row;
  return type || number || issuingCountry || expiry
    ? { type: type ?? null, number: number ?? null, issuingCountry: issuingCountry ?? null, expiry: expiry ?? null }
    : null;
}

function columnsOf(field: MergeField, value: unknown): Record<string, unknown> {
  if (field !== 'document') return { [field]: value };
  const d = value as { type: unknown; number: unknown; issuingCountry: unknown; expiry: unknown } | null;
  return {
    documentType: d?.type ?? null,
    documentNumber: d?.number ?? null,
    // The chosen profile's encrypted number moves as stored; its blind index follows it.
    documentNumberIndex: typeof d?.number === 'string' ? documentNumberIndexOf(d.number) : null,
    documentCountry: d?.issuingCountry ?? null,
    documentExpiry: d?.expiry ?? null,
  };
}

/** Union of a list: the survivor's items first, then new ones of the others in order; one primary. */
function unionList<T extends { isPrimary: boolean; position: number }>(
  own: T[],
  others: T[][],
  keyOf: (item: T) => string,
  fresh: (item: T) => T = (item) => item,
): T[] {
  const seen = new Set(own.map(keyOf));
  let position = Math.max(-1, ...own.map((i) => i.position)) + 1;
  let hasPrimary = own.some((i) => i.isPrimary);
  const added: T[] = [];
  for (const item of others.flat()) {
    if (seen.has(keyOf(item))) continue;
    seen.add(keyOf(item));
    // The survivor's primary stays primary; a survivor without one takes the first primary that arrives.
    const isPrimary = !hasPrimary && item.isPrimary;
    hasPrimary ||= isPrimary;
    added.push({ ...fresh(item), isPrimary, position: position++ });
  }
  if (!hasPrimary && added[0]) added[0] = { ...added[0], isPrimary: true };
  return added;
}

const addressKey = (a: GuestSnapshot['addresses'][number]) =>
  json([a.name, a.street, a.city, a.region, a.postcode, a.country].map((s) => (s ?? '').trim().toLowerCase()));

/**
 * Decides what the survivor looks like after the merge (pure): per field the chosen profile's
 * value (by default the survivor's, or the first profile that has one), lists unioned, tags up
 * to the cap, earliest first contact, latest activity, the block and the account kept.
 */
export function planMerge(input: {
  survivor: GuestSnapshot;
  ordered: GuestSnapshot[];
  choices: Partial<Record<MergeField, string>>;
  tagNames: Map<string, string>;
  newAddressId: () => string;
}): MergePlan {
  const { survivor, ordered } = input;
  const others = ordered.filter((g) => g.row.id !== survivor.row.id);
  const s = survivor.row;
  const after: Record<string, unknown> = {};
  const choices: Record<string, string> = {};
  const fields = MERGE_FIELDS.map((field): FieldPlan => {
    const values = ordered.map((g) => ({ guestId: g.row.id, value: valueOf(g.row, field) }));
    const fallback = isEmpty(valueOf(s, field)) ? values.find((v) => !isEmpty(v.value)) : undefined;
    const chosenGuestId = input.choices[field] ?? fallback?.guestId ?? s.id;
    const distinct = new Set(values.filter((v) => !isEmpty(v.value)).map((v) => json(v.value)));
    choices[field] = chosenGuestId;
    Object.assign(after, columnsOf(field, values.find((v) => v.guestId === chosenGuestId)?.value ?? null));
    return { field, values, chosenGuestId, conflict: distinct.size > 1 };
  });

  const add: SurvivorAdditions = {
    emails: unionList(
      survivor.emails,
      others.map((g) => g.emails),
      (e) => e.email,
    ),
    phones: unionList(
      survivor.phones,
      others.map((g) => g.phones),
      (p) => p.e164,
    ),
    addresses: unionList(
      survivor.addresses,
      others.map((g) => g.addresses),
      addressKey,
      (a) => ({
        ...a,
        id: input.newAddressId(),
      }),
    ),
  };
  const primaryEmail = [...survivor.emails, ...add.emails].find((e) => e.isPrimary);
  const primaryPhone = [...survivor.phones, ...add.phones].find((p) => p.isPrimary);
  Object.assign(after, {
    email: primaryEmail?.email ?? null,
    phone: primaryPhone?.e164 ?? null,
    phoneDisplay: primaryPhone?.display ?? null,
  });

  const tagsOf = (r: Row) => (r.tagIds as string[] | undefined) ?? [];
  const allTags = [...new Set([survivor, ...others].flatMap((g) => tagsOf(g.row)))];
  after.tagIds = allTags.slice(0, MAX_TAGS);
  const droppedTags = allTags.slice(MAX_TAGS).map((id) => input.tagNames.get(id) ?? id);
  after.groupIds = [...new Set([survivor, ...others].flatMap((g) => (g.row.groupIds as string[] | undefined) ?? []))];

  const account = [survivor, ...others].find((g) => g.row.userId);
  after.userId = account?.row.userId ?? null;
  after.username = s.username ?? account?.row.username ?? others.find((g) => g.row.username)?.row.username ?? null;
  const blocked = [survivor, ...others].find((g) => g.row.blockedAt);
  after.blockedAt = blocked?.row.blockedAt ?? null;
  after.blockReason = blocked?.row.blockReason ?? null;
  const times = (k: string) => ordered.map((g) => Date.parse(String(g.row[k])));
  after.firstContactAt = new Date(Math.min(...times('firstContactAt'))).toISOString();
  after.lastActivityAt = new Date(Math.max(...times('lastActivityAt'))).toISOString();

  const before: Record<string, unknown> = {};
  for (const key of Object.keys(after)) {
    if (json(after[key]) === json(s[key])) delete after[key];
    else before[key] = s[key] ?? null;
  }
  const addedTagIds = ((after.tagIds as string[] | undefined) ?? []).filter((t) => !tagsOf(s).includes(t));
  const ownGroups = (s.groupIds as string[] | undefined) ?? [];
  const addedGroupIds = ((after.groupIds as string[] | undefined) ?? []).filter((g) => !ownGroups.includes(g));
  return {
    fields,
    choices,
    before,
    after,
    add,
    droppedTags,
    addedTagIds,
    addedGroupIds,
    changes: changesOf(survivor, fields, add, after, input.tagNames),
  };
}

/** History entries for the survivor: one per changed field, old → new, as profile history shows them. */
function changesOf(
  survivor: GuestSnapshot,
  fields: FieldPlan[],
  add: SurvivorAdditions,
  after: Record<string, unknown>,
  tagNames: Map<string, string>,
): FieldChange[] {
  const s = survivor.row;
  const changes: FieldChange[] = [];
  for (const f of fields) {
    const oldValue = valueOf(s, f.field);
    const newValue = f.values.find((v) => v.guestId === f.chosenGuestId)?.value ?? null;
    if (json(oldValue) !== json(newValue)) changes.push({ field: f.field, oldValue, newValue });
  }
  const list = <T>(field: string, own: T[], added: T[], view: (i: T) => unknown) => {
    if (added.length) changes.push({ field, oldValue: own.map(view), newValue: [...own, ...added].map(view) });
  };
  list('emails', survivor.emails, add.emails, (e) => ({ email: e.email, primary: e.isPrimary, label: e.label }));
  list('phones', survivor.phones, add.phones, (p) => ({ e164: p.e164, display: p.display, primary: p.isPrimary }));
  list('addresses', survivor.addresses, add.addresses, ({ id: _id, position: _p, isPrimary, ...a }) => ({
    ...a,
    primary: isPrimary,
  }));
  const names = (ids: unknown) => ((ids as string[] | undefined) ?? []).map((id) => tagNames.get(id) ?? id);
  if (after.tagIds) changes.push({ field: 'tags', oldValue: names(s.tagIds), newValue: names(after.tagIds) });
  if (after.groupIds) changes.push({ field: 'groupIds', oldValue: s.groupIds, newValue: after.groupIds });
  if (after.username !== undefined) changes.push({ field: 'username', oldValue: s.username, newValue: after.username });
  if (after.blockedAt !== undefined)
    changes.push({
      field: 'blocked',
      oldValue: null,
      newValue: { at: after.blockedAt, reason: after.blockReason ?? null },
    });
  return changes;
}
