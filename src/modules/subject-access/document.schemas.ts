import { z } from 'zod';

/**
 * The personal-data document (SPEC P-3, issue 12 point 3): one JSON file with everything held about a
 * person. Each section is produced by one small function (sections/*.section.ts); a section absent from
 * `sections` was not part of this request (the guest's own copy has fewer: only what the account proves
 * is its own). Adding a section = one schema here, one function, one line in guest-document.ts or
 * account-document.ts. Times are ISO 8601 UTC; dates are YYYY-MM-DD. Nothing is masked.
 */

const At = z.string().describe('ISO 8601 instant (UTC)');
const AtNullable = At.nullable();

export const ProfileSection = z
  .object({
    id: z.string().describe('The guest profile id (or, in a guest’s own copy, the customer account id)'),
    title: z.string().nullable(),
    firstName: z.string(),
    lastName: z.string(),
    secondLastName: z.string().nullable(),
    nativeName: z.string().nullable(),
    language: z.string().nullable(),
    nationality: z.string().nullable(),
    country: z.string().nullable(),
    birthDate: z.string().nullable(),
    username: z.string().nullable(),
    source: z
      .string()
      .nullable()
      .describe('How the profile came to be: booking, form, import, manual, registration, api'),
    tags: z.array(z.string()),
    groups: z.array(z.string()),
    blocked: z.object({ at: At, reason: z.string().nullable() }).nullable(),
    firstContactAt: AtNullable,
    lastActivityAt: AtNullable,
    createdAt: At,
    updatedAt: AtNullable,
  })
  .meta({ id: 'PersonalDataProfile' });

export const EmailsSection = z.array(
  z.object({
    email: z.string(),
    isPrimary: z.boolean(),
    label: z.string().nullable(),
    verified: z.boolean().optional(),
  }),
);
export const PhonesSection = z.array(
  z.object({ e164: z.string(), display: z.string(), isPrimary: z.boolean(), label: z.string().nullable() }),
);
export const AddressesSection = z.array(
  z.object({
    name: z.string().nullable(),
    street: z.string().nullable(),
    city: z.string().nullable(),
    region: z.string().nullable(),
    postcode: z.string().nullable(),
    country: z.string().nullable(),
    isPrimary: z.boolean(),
  }),
);
export const DocumentsSection = z.array(
  z.object({
    type: z.string().nullable(),
    number: z.string().nullable(),
    issuingCountry: z.string().nullable(),
    expiry: z.string().nullable(),
  }),
);

export const BookingsSection = z.array(
  z.object({
    id: z.string(),
    reference: z.string(),
    roles: z
      .array(z.enum(['customer', 'stay', 'additional', 'made_signed_in', 'contact_email']))
      .describe(
        'Why the booking is in this document: the person is its customer or in its party (staff), or the account made it signed in or with its verified e-mail (own copy)',
      ),
    property: z.object({ id: z.string(), name: z.string() }),
    roomType: z.string().nullable(),
    checkIn: z.string(),
    checkOut: z.string(),
    adults: z.number().int(),
    children: z.number().int(),
    status: z.string(),
    total: z.number(),
    currency: z.string(),
    channel: z.string().describe('Where the booking came from (`source`: booking_site, phone, an OTA …)'),
    contactEmail: z.string().nullable(),
    notes: z.string().nullable().describe('Booking notes, only when the person is the booking’s customer'),
    createdAt: At,
    cancelledAt: AtNullable,
  }),
);

export const ConsentRecord = z.object({
  channel: z.string().describe('email, sms, phone or post'),
  purpose: z.string().describe('marketing, or a purpose the hotel added'),
  status: z.enum(['granted', 'withdrawn']),
  at: z.string(),
  source: z.string().describe('booking_site, account, staff, import or api'),
  wording: z
    .object({ text: z.string(), version: z.number().nullable(), language: z.string().nullable() })
    .nullable()
    .describe('The wording shown when the choice was made'),
  ip: z.string().nullable().describe('The IP address the choice was made from (booking site and customer area)'),
});

export const ConsentsSection = z
  .object({
    marketingConsent: z.boolean().describe('The current newsletter / marketing consent (the latest e-mail record)'),
    records: z.array(ConsentRecord).describe('Every consent change, newest first'),
  })
  .describe('The consent ledger: every choice the person made, with the wording they were shown');

export const HistorySection = z.array(
  z.object({
    field: z.string(),
    oldValue: z.unknown(),
    newValue: z.unknown(),
    changedBy: z.string().describe('staff, api_key, customer or system'),
    createdAt: At,
  }),
);

export const NotesSection = z.array(
  z.object({ id: z.string(), body: z.string(), authorType: z.string(), createdAt: At, updatedAt: At }),
);

export const EmailsSentSection = z.array(
  z.object({
    id: z.string(),
    template: z.string().describe('The event whose template made it, e.g. booking.confirmation'),
    to: z.string(),
    language: z.string(),
    subject: z.string(),
    status: z.string(),
    createdAt: At,
    sentAt: AtNullable,
    bodyText: z.string().describe('The message as sent; one-time link tokens are shown as ••••••'),
    bodyHtml: z.string().nullable(),
  }),
);

export const IdentitySection = z.object({
  decisions: z.array(
    z.object({
      id: z.string(),
      source: z.string(),
      role: z.string(),
      outcome: z.string(),
      rule: z.string(),
      score: z.number(),
      reasons: z.array(z.string()),
      createdAt: At,
    }),
  ),
  duplicatePairs: z.array(
    z.object({
      otherGuestId: z.string(),
      kind: z.string(),
      status: z.string(),
      score: z.number(),
      rule: z.string(),
      reasons: z.array(z.string()),
      createdAt: At,
    }),
  ),
});

export const MergesSection = z.array(
  z.object({
    id: z.string(),
    role: z.enum(['survivor', 'merged']),
    survivorId: z.string(),
    mergedIds: z.array(z.string()),
    createdAt: At,
    undoneAt: AtNullable,
  }),
);

export const CustomerAccountsSection = z.array(
  z.object({
    id: z.string(),
    username: z.string(),
    status: z.string(),
    emailVerified: z.boolean(),
    emailVerifiedAt: AtNullable,
    origin: z.string(),
    firstName: z.string(),
    lastName: z.string(),
    phone: z.string().nullable(),
    language: z.string().nullable(),
    address: z
      .object({
        street: z.string().nullable(),
        city: z.string().nullable(),
        region: z.string().nullable(),
        postcode: z.string().nullable(),
        country: z.string().nullable(),
      })
      .nullable(),
    marketingConsent: z.boolean(),
    createdAt: At,
    lastSignInAt: AtNullable,
    validatedAt: AtNullable,
    cancelledAt: AtNullable,
  }),
);

export const SignInsSection = z.object({
  sessions: z.array(
    z.object({
      accountId: z.string(),
      ip: z.string().nullable(),
      userAgent: z.string().nullable(),
      createdAt: At,
      lastSeenAt: At,
      expiresAt: At,
    }),
  ),
  throttling: z.array(
    z.object({
      accountId: z.string(),
      kind: z.string(),
      ip: z.string().nullable(),
      failures: z.number(),
      createdAt: At,
    }),
  ),
});

export const AuditSection = z.array(
  z.object({
    id: z.string(),
    action: z.string(),
    actorType: z.string(),
    entity: z.object({ type: z.string(), id: z.string().nullable() }),
    data: z.record(z.string(), z.unknown()),
    createdAt: At,
  }),
);

/** Customer-service threads of the guest (issue 16): what they wrote, the replies and the staff notes. */
export const ThreadsSection = z.array(
  z.object({
    id: z.string(),
    subject: z.string(),
    status: z.string(),
    origin: z.string(),
    contactName: z.string(),
    contactEmail: z.string().nullable(),
    contactPhone: z.string().nullable(),
    createdAt: At,
    messages: z.array(
      z.object({
        id: z.string(),
        direction: z.string(),
        body: z.string(),
        /** An e-mailed answer's whole text (quoted history and signature included), else null. */
        originalBody: z.string().nullable(),
        authorName: z.string(),
        createdAt: At,
        /** The files sent with the message (their bytes: the thread's attachment downloads). */
        attachments: z.array(
          z.object({
            id: z.string(),
            fileName: z.string(),
            contentType: z.string(),
            size: z.number(),
            sha256: z.string(),
          }),
        ),
      }),
    ),
  }),
);

/** Every section a document can hold, by name. */
export const DocumentSections = z.object({
  profile: ProfileSection.optional(),
  emails: EmailsSection.optional(),
  phones: PhonesSection.optional(),
  addresses: AddressesSection.optional(),
  documents: DocumentsSection.optional(),
  bookings: BookingsSection.optional(),
  consents: ConsentsSection.optional(),
  history: HistorySection.optional(),
  notes: NotesSection.optional(),
  emailsSent: EmailsSentSection.optional(),
  identity: IdentitySection.optional(),
  merges: MergesSection.optional(),
  customerAccounts: CustomerAccountsSection.optional(),
  signIns: SignInsSection.optional(),
  auditEntries: AuditSection.optional(),
  threads: ThreadsSection.optional(),
});
export type DocumentSectionsValue = z.infer<typeof DocumentSections>;

export const PersonalDataDocument = z
  .object({
    format: z.literal('clientela.personal-data'),
    version: z.literal(1).describe('Raised when a section changes shape; new sections keep the version'),
    generatedAt: At,
    controller: z
      .object({ organisationId: z.string(), name: z.string() })
      .describe('The organisation (data controller) that holds the data'),
    subject: z.object({
      type: z.enum(['guest', 'customer_account']),
      id: z.string(),
    }),
    scope: z
      .enum(['full', 'own'])
      .describe(
        '`full`: everything held about the guest profile (staff); `own`: only what the customer account proves is its own',
      ),
    sections: DocumentSections,
  })
  .meta({ id: 'PersonalDataDocument' });
export type PersonalDataDocumentValue = z.infer<typeof PersonalDataDocument>;
