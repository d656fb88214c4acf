import { z } from 'zod';

export const RETENTION_YEARS = { min: 1, max: 20 } as const;
const Years = z.number().int().min(RETENTION_YEARS.min).max(RETENTION_YEARS.max);

/** Settings → Privacy: the retention rule (P-6) and how long the hotel's backups keep data. */
export const PrivacySettingsSchema = z
  .object({
    /** Anonymise guests with no activity for this many years; null = off (the default). */
    retentionYears: Years.nullable(),
    /** Days the hotel's backups keep data (told to a guest who deletes their account). */
    backupDays: z.number().int(),
    updatedAt: z.string().nullable(),
  })
  .meta({ id: 'PrivacySettings' });

export const PrivacySettingsBody = z.strictObject({
  retentionYears: Years.nullable(),
  backupDays: z.number().int().min(0).max(3650).optional(),
});
export type PrivacySettingsInput = z.infer<typeof PrivacySettingsBody>;

export const RetentionPreviewQuery = z.strictObject({
  years: z.coerce.number().int().min(RETENTION_YEARS.min).max(RETENTION_YEARS.max),
});

export const RetentionPreviewSchema = z
  .object({
    years: z.number().int(),
    /** Activity before this instant counts as "no activity for N years". */
    cutoff: z.string(),
    /** Guests the rule would anonymise now. */
    guests: z.number().int(),
    /** Of those, guests skipped because they are on an upcoming or in-house booking. */
    blocked: z.number().int(),
  })
  .meta({ id: 'RetentionPreview' });
