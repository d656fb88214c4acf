import { z } from 'zod';
import { ctxOf } from '../../http/auth.hook.ts';
import { withErrors } from '../../http/schemas.ts';
import type { ApiApp, AppDeps } from '../../http/types.ts';
import { resolveSiteOrg } from '../booking-site/index.ts';
import type { PersonResolver } from '../bookings/index.ts';
import { issueFormToken, publicFormCtx } from '../communication/index.ts';
import {
  CancelRegistrationBody,
  CompanyRegistrationBody,
  CompanyRegistrationResult,
  RegistrationList,
  RegistrationListQuery,
} from './company-registration.schemas.ts';
import { registerCompany } from './company-registration.service.ts';
import { decideRegistration, listRegistrations } from './company-review.service.ts';
import { CompanyIdParams, CompanySchema } from './company.schemas.ts';

/**
 * Company registration (issue 15 point 5, A-4): the booking site's public form, and the staff
 * review. Deciding changes a company, so it needs companies:write (owners, managers, reception);
 * the queue needs companies:read.
 */
export function registerCompanyRegistrationRoutes(app: ApiApp, { database }: AppDeps, resolvePerson: PersonResolver) {
  app.get('/api/v1/public/company-registrations/form', {
    config: { auth: 'public' },
    schema: {
      operationId: 'getCompanyRegistrationForm',
      tags: ['public'],
      summary: 'A `formToken` to send back with the company registration (proves the form was shown, and when)',
      response: withErrors({ 200: z.object({ formToken: z.string() }) }),
    },
    handler: async (req) => ({ formToken: issueFormToken(await resolveSiteOrg(req, database)) }),
  });

  app.post('/api/v1/public/company-registrations', {
    config: { auth: 'public', rateLimit: { max: 20, timeWindow: '1 minute' } },
    schema: {
      operationId: 'registerCompany',
      tags: ['public'],
      summary:
        'Register as a company: the company (status new, reviewed by staff) and its first contact, who becomes its purchasing contact and gets a customer account (e-mail to verify). Limits per IP and per e-mail (429 `too_many_registrations`)',
      body: CompanyRegistrationBody,
      response: withErrors({ 201: CompanyRegistrationResult }),
    },
    handler: async (req, reply) => {
      const orgId = await resolveSiteOrg(req, database);
      const ctx = publicFormCtx(orgId, req.id, req.ip, database);
      await registerCompany(ctx, database.system, req.ip, req.body, resolvePerson);
      return reply.status(201).send({ status: 'received' as const });
    },
  });

  app.get('/api/v1/company-registrations', {
    config: { auth: 'companies:read' },
    schema: {
      operationId: 'listCompanyRegistrations',
      tags: ['companies'],
      summary:
        'Companies registered on the booking site (status=new: to review, newest first), each with the existing companies it may be',
      querystring: RegistrationListQuery,
      response: withErrors({ 200: RegistrationList }),
    },
    handler: async (req) => listRegistrations(ctxOf(req, database), req.query.status),
  });

  app.post('/api/v1/companies/:id/validate', {
    config: { auth: 'companies:write' },
    schema: {
      operationId: 'validateCompanyRegistration',
      tags: ['companies'],
      summary:
        'Validate a new company: its purchasing contact books for it at its prices and gets the company.registration.validated e-mail',
      params: CompanyIdParams,
      response: withErrors({ 200: CompanySchema }),
    },
    handler: async (req) => decideRegistration(ctxOf(req, database), req.params.id, 'validated'),
  });

  app.post('/api/v1/companies/:id/cancel', {
    config: { auth: 'companies:write' },
    schema: {
      operationId: 'cancelCompanyRegistration',
      tags: ['companies'],
      summary: 'Cancel a new company’s registration (optional reason, told to the contact in the e-mail)',
      params: CompanyIdParams,
      body: CancelRegistrationBody.optional(),
      response: withErrors({ 200: CompanySchema }),
    },
    handler: async (req) => decideRegistration(ctxOf(req, database), req.params.id, 'cancelled', req.body?.reason),
  });
}
