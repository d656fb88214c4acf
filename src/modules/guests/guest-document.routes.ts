import { z } from 'zod';
import { ctxOf } from '../../http/auth.hook.ts';
import { withErrors } from '../../http/schemas.ts';
import type { ApiApp, AppDeps } from '../../http/types.ts';
import { revealGuestDocument } from './guest-document.service.ts';
import { GuestIdParams } from './guest.schemas.ts';

const RevealedDocumentSchema = z.object({
  type: z.string().nullable(),
  number: z.string().nullable(),
  issuingCountry: z.string().nullable(),
  expiry: z.string().nullable(),
});

/** The audited reveal of an identity document's number (SPEC P-5); everywhere else it is masked. */
export function registerGuestDocumentRoutes(app: ApiApp, { database }: AppDeps): void {
  app.post('/api/v1/guests/:id/document/reveal', {
    config: { auth: 'personal-data:read' },
    schema: {
      operationId: 'revealGuestDocument',
      tags: ['guests'],
      summary: 'The identity document with its number in full (personal-data:read; written to the audit log)',
      params: GuestIdParams,
      response: withErrors({ 200: RevealedDocumentSchema }),
    },
    handler: async (req, reply) => {
      const doc = await revealGuestDocument(ctxOf(req, database), req.params.id);
      return reply.header('cache-control', 'no-store').send(doc);
    },
  });
}
