import {
  accountEmails,
  accountAddresses,
  accountPhones,
  guestAddresses,
  guestDocuments,
  guestEmails,
  guestPhones,
} from './sections/contacts.section.ts';
import {
  accountCustomerAccounts,
  accountSignIns,
  guestCustomerAccounts,
  guestSignIns,
} from './sections/accounts.section.ts';
import { accountAudit, guestAudit } from './sections/audit.section.ts';
import { accountBookings, guestBookings } from './sections/bookings.section.ts';
import { accountConsents, guestConsents } from './sections/consents.section.ts';
import { accountEmailsSent, guestEmailsSent } from './sections/emails-sent.section.ts';
import { guestHistory, guestNotes } from './sections/history.section.ts';
import { guestIdentity, guestMerges } from './sections/identity.section.ts';
import { guestThreads } from './sections/threads.section.ts';
import { accountProfile, guestProfile } from './sections/profile.section.ts';
import type { AccountSubject, GuestSubject, Section, SectionName } from './sections/section.ts';

type Sections<S> = { [K in SectionName]?: Section<S, K> };

/** Everything held about a guest profile (staff export, scope `full`), in document order. */
export const GUEST_SECTIONS: Sections<GuestSubject> = {
  profile: guestProfile,
  emails: guestEmails,
  phones: guestPhones,
  addresses: guestAddresses,
  documents: guestDocuments,
  bookings: guestBookings,
  consents: guestConsents,
  history: guestHistory,
  notes: guestNotes,
  emailsSent: guestEmailsSent,
  identity: guestIdentity,
  merges: guestMerges,
  customerAccounts: guestCustomerAccounts,
  signIns: guestSignIns,
  auditEntries: guestAudit,
  threads: guestThreads,
};

/**
 * What a customer account can prove is its own (scope `own`, docs/security/customer-accounts.md): its own
 * entries, its bookings by the customer-area rule, mail to its address, its consent, its sign-ins. No
 * section reads the CRM profile the account may be linked to: identity never grants access.
 */
export const ACCOUNT_SECTIONS: Sections<AccountSubject> = {
  profile: accountProfile,
  emails: accountEmails,
  phones: accountPhones,
  addresses: accountAddresses,
  bookings: accountBookings,
  consents: accountConsents,
  emailsSent: accountEmailsSent,
  customerAccounts: accountCustomerAccounts,
  signIns: accountSignIns,
  auditEntries: accountAudit,
};
