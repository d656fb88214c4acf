import { z } from 'zod';

/** Settings → Identity (issue 14): how much evidence an automatic merge needs, and the model built from the organisation's data. */
export const IdentitySettingsSchema = z
  .object({
    /** balanced (default): automatic merge from probability 0.999; cautious: from 0.99998. */
    mode: z.enum(['balanced', 'cautious']),
    /** SPEC I-2 (3): link two records with the same name and no contact data. */
    matchOnNameAlone: z.boolean(),
    model: z
      .object({
        profiles: z.number().int(),
        pairs: z.number().int(),
        /** m/u weights estimated by EM (false: the defaults, too few profiles). */
        emWeights: z.boolean(),
        version: z.number().int(),
        computedAt: z.string(),
      })
      .nullable(),
  })
  .meta({ id: 'IdentitySettings' });
export type IdentitySettings = z.infer<typeof IdentitySettingsSchema>;

export const IdentitySettingsBody = z.strictObject({
  mode: z.enum(['balanced', 'cautious']).optional(),
  matchOnNameAlone: z.boolean().optional(),
});
export type IdentitySettingsInput = z.infer<typeof IdentitySettingsBody>;

export const IdentityModelJobSchema = z.object({ jobId: z.string() }).meta({ id: 'IdentityModelJob' });
