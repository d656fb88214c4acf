import { z } from 'zod';

export const StartRescanBody = z.strictObject({
  dryRun: z.boolean().default(false).describe('`true`: count what it would merge and queue, write nothing'),
});
export type StartRescanInput = z.infer<typeof StartRescanBody>;

export const RescanAccepted = z
  .object({ id: z.string(), status: z.enum(['queued', 'running']) })
  .meta({ id: 'IdentityRescanAccepted' });

const Count = z.number().int();

export const RescanSchema = z
  .object({
    id: z.string(),
    status: z.enum(['queued', 'running', 'done', 'failed']),
    dryRun: z.boolean(),
    progress: z.object({ done: Count, total: Count.nullable() }),
    summary: z.object({
      compared: Count.describe('pairs of profiles judged'),
      merges: Count.describe('merges made (dry run: that it would make); each is undoable from the profile'),
      mergedProfiles: Count.describe('profiles merged into another one'),
      queued: Count.describe('possible duplicates written to (or kept in) the review queue'),
      related: Count.describe('related people (same e-mail or phone, another first name)'),
      removed: Count.describe('open queue pairs that no longer resemble each other and left the queue'),
      skipped: Count.describe(
        'pairs the rules merge that stay in the queue (two customer accounts, or a third profile disagrees)',
      ),
    }),
    failure: z.string().nullable(),
    createdAt: z.string(),
    startedAt: z.string().nullable(),
    finishedAt: z.string().nullable(),
  })
  .meta({ id: 'IdentityRescan' });
export type Rescan = z.infer<typeof RescanSchema>;

export const RescanListResponse = z.object({ items: z.array(RescanSchema) });
