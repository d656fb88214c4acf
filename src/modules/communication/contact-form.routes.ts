import { z } from 'zod';
import type { Ctx } from '../../core/context.ts';
import { withErrors } from '../../http/schemas.ts';
import type { ApiApp, AppDeps } from '../../http/types.ts';
import { resolveSiteOrg } from '../booking-site/index.ts';
import type { PersonResolver } from '../bookings/index.ts';
import { attachmentBodyLimit } from './attachment-files.ts';
import { submitContactForm } from './contact-form.service.ts';
import { issueFormToken } from './form-token.ts';
import { ContactLanguageQuery, PublicHotelContactSchema } from './hotel-contact.schemas.ts';
import { listHotelContacts, presentHotelContact } from './hotel-contact.service.ts';
import { ContactFormBody, ContactFormResult } from './thread.schemas.ts';

const tags = ['public'];

/** The booking site's contact form (`/book/contact`): anonymous, the organisation from the host name. */
export function registerContactFormRoutes(
  app: ApiApp,
  { database, config }: AppDeps,
  resolvePerson: PersonResolver,
): void {
  app.get('/api/v1/public/contact/form', {
    config: { auth: 'public' },
    schema: {
      operationId: 'getSiteContactForm',
      tags,
      summary:
        'What the contact form needs: the contacts to choose from (named in `lang`) and a `formToken` to send back with it',
      querystring: ContactLanguageQuery,
      response: withErrors({
        200: z.object({ formToken: z.string(), contacts: z.array(PublicHotelContactSchema) }),
      }),
    },
    handler: async (req) => {
      const orgId = await resolveSiteOrg(req, database);
      const contacts = await listHotelContacts(siteCtx(orgId, req.id, req.ip, database));
      return {
        formToken: issueFormToken(orgId),
        contacts: contacts.map((c) => {
          const p = presentHotelContact(c, req.query.lang);
          return { id: p.id, name: p.name, description: p.description, propertyId: p.propertyId };
        }),
      };
    },
  });
  app.post('/api/v1/public/contact', {
    config: { auth: 'public', rateLimit: { max: 30, timeWindow: '1 minute' } },
    bodyLimit: attachmentBodyLimit(config.attachments),
    schema: {
      operationId: 'submitSiteContactForm',
      tags,
      summary:
        'Write to the hotel: opens a thread on the chosen contact; the sender is matched to a guest profile (or a new one). Limits per IP and per e-mail (429 `too_many_messages`)',
      body: ContactFormBody,
      response: withErrors({ 201: ContactFormResult }),
    },
    handler: async (req, reply) => {
      const orgId = await resolveSiteOrg(req, database);
      const ctx = siteCtx(orgId, req.id, req.ip, database);
      const { threadId } = await submitContactForm(ctx, database.system, req.ip, req.body, resolvePerson, {
        publicUrl: config.publicUrl,
        attachments: config.attachments,
      });
      return reply.status(201).send({ threadId });
    },
  });
}

export function siteCtx(orgId: string, requestId: string, ip: string, database: AppDeps['database']): Ctx {
  return {
    db: database.forOrg(orgId),
    orgId,
    actor: { actorType: 'site', actorId: null },
    requestId,
    // The sender sees nothing back but their thread's id.
    permissions: 'customer',
    ip,
  };
}
