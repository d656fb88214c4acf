import { z } from 'zod';

/** The kinds of event a guest's timeline holds (issue 16 point 5, SPEC M-1). */
export const TIMELINE_KINDS = [
  'booking',
  'message',
  'email',
  'form',
  'registration',
  'consent',
  'merge',
  'change',
] as const;
export type TimelineKind = (typeof TIMELINE_KINDS)[number];

const KindList = z
  .string()
  .max(200)
  .transform((s, c) => {
    const kinds = [
      ...new Set(
        s
          .split(',')
          .map((k) => k.trim())
          .filter(Boolean),
      ),
    ];
    for (const k of kinds)
      if (!(TIMELINE_KINDS as readonly string[]).includes(k)) {
        c.addIssue({ code: 'custom', message: `unknown kind (one of ${TIMELINE_KINDS.join(', ')})` });
        return z.NEVER;
      }
    return kinds as TimelineKind[];
  });

export const TimelineQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(500).optional(),
  /** Comma-separated kinds; all kinds when absent. */
  kind: KindList.optional(),
});
export type TimelineQueryInput = z.infer<typeof TimelineQuery>;

export const TimelineEventSchema = z.object({
  /** Unique within its kind (a booking's "made" event carries the booking id). */
  id: z.string(),
  kind: z.enum(TIMELINE_KINDS),
  /** What happened, per kind: booking `made|changed|cancelled`, message `in|out|note`, e-mail status, consent `granted|withdrawn`, merge `merged|undone`, … */
  event: z.string(),
  at: z.string(),
  /** A short line for the list (subject, reference, field name…); personal data masked without personal-data:read. */
  title: z.string().nullable(),
  /** The message text or e-mail recipient; masked without personal-data:read. */
  body: z.string().nullable(),
  /** The booking, thread, e-mail, merge… the event belongs to. */
  refId: z.string().nullable(),
  actorName: z.string().nullable(),
  /** Kind-specific details (booking dates and status, e-mail status and `opened`, consent channel…). */
  data: z.record(z.string(), z.unknown()),
});
export type TimelineEvent = z.infer<typeof TimelineEventSchema>;

export const TimelineResponse = z.object({
  items: z.array(TimelineEventSchema),
  nextCursor: z.string().nullable(),
});
