import type { PersonDetails } from '../../bookings/index.ts';
import { type CatalogByName, titleIdOf } from '../../guest-catalog/index.ts';
import { MAX_TAGS, type NewProfileDetails } from '../../guests/index.ts';
import type { ImportedPerson, ReadRecord } from '../reading/index.ts';
import { type IncomingPerson, addressOf } from './profile-fold.ts';

/** What the resolver compares and a new profile starts with (its newsletter consent too). */
export function detailsOf(p: ImportedPerson): PersonDetails {
  const country = p.address?.country;
  const newsletter = p.consents.find((c) => c.purpose === 'newsletter');
  return {
    ...(newsletter?.granted ? { marketingConsent: true } : {}),
    firstName: p.givenName.slice(0, 100),
    lastName: p.familyName.slice(0, 100),
    ...(p.emails[0] ? { email: p.emails[0] } : {}),
    ...(p.phones[0] ? { phone: p.phones[0].e164 } : {}),
    ...(country ? { country: country as PersonDetails['country'] } : {}),
    ...(p.language ? { language: p.language } : {}),
    ...(p.birthDate ? { birthDate: p.birthDate } : {}),
  };
}

/**
 * What a new profile starts with beyond the resolver's details: every e-mail, phone, the address,
 * nationality and document (sealed by the guest insert) — so a new profile is written once.
 */
export function profileOf(p: ImportedPerson, catalog: CatalogByName): NewProfileDetails {
  const address = addressOf(p);
  const tagIds = tagIdsOf(p, catalog).slice(0, MAX_TAGS);
  return {
    ...(tagIds.length ? { tagIds } : {}),
    ...(p.emails.length > 1 ? { emails: p.emails.map((email, i) => ({ email, primary: i === 0 })) } : {}),
    ...(p.phones.length > 1 ? { phones: p.phones.map((ph, i) => ({ number: ph.e164, primary: i === 0 })) } : {}),
    ...(address ? { addresses: [{ ...address, primary: true }] as NewProfileDetails['addresses'] } : {}),
    ...(p.nationality ? { nationality: p.nationality as NewProfileDetails['nationality'] } : {}),
    ...(p.document ? { document: { number: p.document.number, type: p.document.type ?? null } } : {}),
  };
}

const idsOf = (names: string[], byName: Map<string, string>, max: number) => [
  ...new Set(
    names.map((n) => byName.get(n.trim().slice(0, max).trim().toLowerCase())).filter((id): id is string => Boolean(id)),
  ),
];
const tagIdsOf = (p: ImportedPerson, catalog: CatalogByName) => idsOf(p.tags, catalog.tagIds, 50);

/** A record's person with the catalog's ids for its title, tags and groups (default groups left out). */
export function incomingOf(
  r: ReadRecord,
  catalog: CatalogByName,
  problem: (record: number, field: string, code: string, message: string) => void,
): IncomingPerson {
  const p = r.person;
  const titleId = p.title ? titleIdOf(catalog, p.title) : undefined;
  if (p.title && !titleId)
    problem(r.record, 'title', 'unknown_title', `No title "${p.title}" in the catalog; left out.`);
  return {
    person: p,
    titleId,
    tagIds: tagIdsOf(p, catalog),
    groupIds: idsOf(p.groups, catalog.groupIds, 100).filter((id) => !catalog.systemGroupIds.has(id)),
  };
}
