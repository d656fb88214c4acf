import type { FastifyRequest } from 'fastify';
import { unauthenticated } from '../../core/errors.ts';
import { z } from 'zod';
import { withErrors } from '../../http/schemas.ts';
import type { ApiApp, AppDeps } from '../../http/types.ts';
import { customerCtx, type CustomerSession } from '../accounts/index.ts';
import {
  AccountCompaniesResponse,
  AccountCompanyBookingParams,
  AccountCompanyArrivalsResponse,
  AccountCompanyBookingsResponse,
  AccountCompanyParams,
  AccountCompanyReceiptQuery,
  AccountCompanySupportResponse,
} from './account-company.schemas.ts';
import {
  getAccountCompanySupport,
  listAccountCompanies,
  listAccountCompanyArrivals,
  listAccountCompanyBookings,
} from './account-company.service.ts';
import { loadCompanyReceipt, renderReceiptHtml } from './account-company-receipt.ts';
import { renderReceiptPdf } from './receipt-pdf.ts';
import { registerAccountCompanyThreadRoutes } from './account-company-thread.routes.ts';

const TAGS = ['account'];

function sessionOf(req: FastifyRequest): CustomerSession {
  if (!req.customer) throw unauthenticated('Sign in to your account first', 'customer_session_required');
  return req.customer;
}

function languageOf(req: FastifyRequest): 'en' | 'es' | 'fr' {
  const l = (req.headers['accept-language'] ?? '').slice(0, 2).toLowerCase();
  return l === 'es' || l === 'fr' ? l : 'en';
}

/** The company area of the customer account (issue 15, point 3): sections per contact role. */
export function registerAccountCompanyRoutes(app: ApiApp, deps: AppDeps): void {
  const { database } = deps;
  registerAccountCompanyThreadRoutes(app, deps);
  const ctxFor = (req: FastifyRequest) => customerCtx(database, sessionOf(req), req.id, req.ip);

  app.get('/api/v1/account/company', {
    config: { auth: 'customer' },
    schema: {
      operationId: 'listAccountCompanies',
      tags: TAGS,
      summary: 'The companies the signed-in customer’s own profile is a contact of, with their roles',
      response: withErrors({ 200: AccountCompaniesResponse }),
    },
    handler: async (req) => ({ items: await listAccountCompanies(ctxFor(req), sessionOf(req)) }),
  });

  app.get('/api/v1/account/company/:companyId/bookings', {
    config: { auth: 'customer' },
    schema: {
      operationId: 'listAccountCompanyBookings',
      tags: TAGS,
      summary:
        'The company’s bookings with amounts (purchasing and billing contacts; not a contact → 404, another role → 403)',
      params: AccountCompanyParams,
      response: withErrors({ 200: AccountCompanyBookingsResponse }),
    },
    handler: async (req) => ({
      items: await listAccountCompanyBookings(ctxFor(req), sessionOf(req), req.params.companyId),
    }),
  });

  app.get('/api/v1/account/company/:companyId/arrivals', {
    config: { auth: 'customer' },
    schema: {
      operationId: 'listAccountCompanyArrivals',
      tags: TAGS,
      summary:
        'Upcoming arrivals with the travellers’ names, without prices (logistics contacts; not a contact → 404, another role → 403)',
      params: AccountCompanyParams,
      response: withErrors({ 200: AccountCompanyArrivalsResponse }),
    },
    handler: async (req) => ({
      items: await listAccountCompanyArrivals(ctxFor(req), sessionOf(req), req.params.companyId),
    }),
  });

  app.get('/api/v1/account/company/:companyId/support', {
    config: { auth: 'customer' },
    schema: {
      operationId: 'getAccountCompanySupport',
      tags: TAGS,
      summary: 'The hotel’s contact details (support contacts; not a contact → 404, another role → 403)',
      params: AccountCompanyParams,
      response: withErrors({ 200: AccountCompanySupportResponse }),
    },
    handler: async (req) =>
      getAccountCompanySupport(ctxFor(req), sessionOf(req), req.params.companyId, languageOf(req)),
  });

  app.get('/api/v1/account/company/:companyId/bookings/:bookingId/receipt', {
    config: { auth: 'customer' },
    schema: {
      operationId: 'getAccountCompanyReceipt',
      tags: TAGS,
      summary:
        'The receipt of one company booking as a PDF (`format=html`: a printable page) — billing contacts; not a contact or another company’s booking → 404, another role → 403',
      params: AccountCompanyBookingParams,
      querystring: AccountCompanyReceiptQuery,
      produces: ['application/pdf', 'text/html'],
      response: withErrors({ 200: z.string().describe('The PDF file (or the HTML page)') }),
    },
    handler: async (req, reply) => {
      const receipt = await loadCompanyReceipt(
        ctxFor(req),
        sessionOf(req),
        req.params.companyId,
        req.params.bookingId,
        languageOf(req),
      );
      if (req.query.format === 'html')
        return reply
          .type('text/html; charset=utf-8')
          .header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'")
          .send(renderReceiptHtml(receipt));
      // The reference is ours (letters, digits, dashes); anything else is dropped from the file name.
      const name = `receipt-${receipt.reference.replace(/[^A-Za-z0-9_-]/g, '')}.pdf`;
      return reply
        .type('application/pdf')
        .header('content-disposition', `attachment; filename="${name}"`)
        .header('cache-control', 'private, no-store')
        .send((await renderReceiptPdf(receipt)) as unknown as string);
    },
  });
}
