import { z } from 'zod';

/** X-4 error shape, declared on every route's 4xx responses. */
export const ErrorResponse = z
  .object({
    error: z.object({
      code: z.string(),
      message: z.string(),
      details: z.array(z.object({ field: z.string().optional(), message: z.string(), code: z.string().optional() })),
      requestId: z.string(),
    }),
  })
  .meta({ id: 'Error' });

/** Adds the shared error responses to a route's success responses. */
export function withErrors<T extends Record<number, z.ZodType>>(ok: T): T & { '4xx': typeof ErrorResponse } {
  return { ...ok, '4xx': ErrorResponse };
}

export const IdParams = z.strictObject({ id: z.string().min(1).max(64) });
export const NoContent = z.null().describe('No content');
