import { z } from 'zod';

const Instant = z.union([
  z.iso.date('must be a date YYYY-MM-DD or an ISO date-time'),
  z.iso.datetime({ offset: true, message: 'must be a date YYYY-MM-DD or an ISO date-time' }),
]);

/** Filters of the audit log: all optional, combined with AND; `to` as a bare date includes that whole day (UTC). */
export const ListAuditLogQuery = z.strictObject({
  actorType: z.enum(['staff', 'api_key', 'customer', 'system']).optional(),
  actorId: z.string().min(1).max(64).optional(),
  action: z
    .string()
    .max(100)
    .regex(/^[a-z0-9_.]+$/, 'lower-case words joined by dots, e.g. guest.viewed')
    .optional()
    .describe('An action (`guest.viewed`), or every action of a kind with a trailing dot (`guest.`)'),
  entityType: z
    .string()
    .max(64)
    .regex(/^[a-z_]+$/, 'lower-case with underscores, e.g. guest')
    .optional(),
  entityId: z.string().min(1).max(64).optional(),
  from: Instant.optional().describe('Entries at or after this instant (a date means its start, UTC)'),
  to: Instant.optional().describe('Entries before this instant (a date includes that whole day, UTC)'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(600).optional(),
});
export type ListAuditLogInput = z.infer<typeof ListAuditLogQuery>;

export const AuditEntrySchema = z
  .object({
    id: z.string(),
    createdAt: z.string(),
    action: z.string().describe('What happened, e.g. `guest.viewed`, `guest.personal_data.exported`'),
    actor: z.object({
      type: z.string().describe('`staff`, `api_key`, `customer` or `system`'),
      id: z.string().nullable(),
      name: z.string().nullable().describe('The staff member’s or API key’s name (null for customers and the system)'),
    }),
    entity: z.object({ type: z.string(), id: z.string().nullable() }),
    data: z.record(z.string(), z.unknown()).describe('Ids and counts only, never personal data'),
    requestId: z.string().nullable().describe('The request that did it (the `x-request-id` of the answer)'),
  })
  .meta({ id: 'AuditEntry' });
export type AuditEntry = z.infer<typeof AuditEntrySchema>;

export const AuditLogResponse = z.object({ items: z.array(AuditEntrySchema), nextCursor: z.string().nullable() });
