import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { AppError, invalid, unauthenticated } from '../../core/errors.ts';
import type { Database } from '../../db/database.ts';
import { NoContent, withErrors } from '../../http/schemas.ts';
import type { ApiApp, AppDeps } from '../../http/types.ts';
import { findOrganisationForHost } from '../tenancy/index.ts';
import {
  BookingIdParams,
  ChangePasswordBody,
  CustomerBookingSchema,
  CustomerBookingsResponse,
  CustomerDetailsSchema,
  CustomerLoginBody,
  CustomerSessionResponse,
  ForgotPasswordBody,
  RegisterBody,
  RegisterResponse,
  TokenBody,
  TokenPasswordBody,
  UpdateCustomerDetailsBody,
} from './account.schemas.ts';
import { getAccountSettings } from './account-settings.service.ts';
import { configureAccountLinks } from './account-emails.ts';
import { register } from './account-registration.service.ts';
import {
  changePassword,
  forgotPassword,
  loginCustomer,
  setPasswordWithToken,
  verifyEmailWithToken,
} from './account.service.ts';
import {
  getCustomerBooking,
  getCustomerDetails,
  listCustomerBookings,
  presentCustomer,
  updateCustomerDetails,
} from './customer-area.service.ts';
import { CUSTOMER_COOKIE, customerCtx, endCustomerSessions, type CustomerSession } from './customer-session.service.ts';

const TAGS = ['account'];

/**
 * The organisation a public request is for: the one whose booking-site host names include the
 * request's host (or the only one on the server); a `propertyId` must be one of its properties.
 * Without a known host, a `propertyId` alone names the organisation (API clients).
 */
async function publicOrgId(req: FastifyRequest, database: Database, propertyId: string | undefined): Promise<string> {
  const byHost = await findOrganisationForHost(database.system, req.hostname || '');
  if (propertyId) {
    const p = await database.system
      .selectFrom('property')
      .select('orgId')
      .where('id', '=', propertyId)
      .executeTakeFirst();
    if (!p || (byHost && p.orgId !== byHost))
      throw invalid('unknown_property', 'Unknown property', [{ field: 'propertyId', message: 'not found' }]);
    return p.orgId;
  }
  if (!byHost) throw new AppError('not_found', 'site_not_found', 'No booking site is configured for this address');
  return byHost;
}

/** The customer session the auth hook put on a 'customer' route. */
function sessionOf(req: FastifyRequest): CustomerSession {
  if (!req.customer) throw unauthenticated('Sign in to your account first', 'customer_session_required');
  return req.customer;
}

/** The customer area API (A-3, A-4; X-8): sign-in, registration, passwords, details, own bookings. */
export function registerAccountRoutes(app: ApiApp, { database, config }: AppDeps): void {
  configureAccountLinks(config.publicUrl);

  const setCookie = (req: FastifyRequest, reply: FastifyReply, token: string | null) => {
    const secure = config.cookieSecure === 'always' || (config.cookieSecure === 'auto' && req.protocol === 'https');
    const options = { path: '/', httpOnly: true, sameSite: 'lax' as const, secure };
    if (token === null) void reply.clearCookie(CUSTOMER_COOKIE, options);
    else void reply.setCookie(CUSTOMER_COOKIE, token, { ...options, maxAge: 30 * 24 * 3600 });
  };
  const ctxFor = (req: FastifyRequest) => customerCtx(database, sessionOf(req), req.id, req.ip);

  app.get('/api/v1/account/site', {
    config: { auth: 'public' },
    schema: {
      operationId: 'getAccountSite',
      tags: TAGS,
      summary: 'What the customer area shows before sign-in: the hotel name and how registration works',
      querystring: z.strictObject({ propertyId: z.string().min(1).max(64).optional() }),
      response: withErrors({
        200: z.object({
          hotelName: z.string(),
          registrationMode: z.enum(['direct', 'validation']),
          loginPage: z.enum(['public', 'hidden']),
        }),
      }),
    },
    handler: async (req) => {
      const orgId = await publicOrgId(req, database, req.query.propertyId);
      const [org, settings] = await Promise.all([
        database.system.selectFrom('organisation').select('name').where('id', '=', orgId).executeTakeFirstOrThrow(),
        getAccountSettings(database.forOrg(orgId), orgId),
      ]);
      return { hotelName: org.name, registrationMode: settings.registrationMode, loginPage: settings.loginPage };
    },
  });

  app.post('/api/v1/account/login', {
    config: { auth: 'public', rateLimit: { max: 60, timeWindow: '1 minute' } },
    schema: {
      operationId: 'customerLogin',
      tags: TAGS,
      summary: 'Customer sign-in (validated accounts with a password); sets the customer session cookie',
      body: CustomerLoginBody,
      response: withErrors({ 200: CustomerSessionResponse }),
    },
    handler: async (req, reply) => {
      const orgId = await publicOrgId(req, database, req.body.propertyId);
      const s = await loginCustomer(database, orgId, { ...req.body, ip: req.ip, userAgent: req.headers['user-agent'] });
      setCookie(req, reply, s.token);
      const principal = {
        orgId,
        accountId: s.account.id,
        guestId: s.account.guestId,
        status: s.account.status,
        username: s.account.username,
      };
      return {
        customer: await presentCustomer(customerCtx(database, principal, req.id), principal),
        csrfToken: s.csrfToken,
      };
    },
  });

  app.post('/api/v1/account/logout', {
    config: { auth: 'customer' },
    schema: {
      operationId: 'customerLogout',
      tags: TAGS,
      summary: 'Customer sign-out',
      response: withErrors({ 204: NoContent }),
    },
    handler: async (req, reply) => {
      const s = sessionOf(req);
      await endCustomerSessions(database.system, { orgId: s.orgId, sessionId: s.sessionId });
      setCookie(req, reply, null);
      return reply.code(204).send(null);
    },
  });

  app.get('/api/v1/account/me', {
    config: { auth: 'customer' },
    schema: {
      operationId: 'getCustomerMe',
      tags: TAGS,
      summary: 'The signed-in customer and their CSRF token',
      response: withErrors({ 200: CustomerSessionResponse }),
    },
    handler: async (req) => {
      const s = sessionOf(req);
      return { customer: await presentCustomer(ctxFor(req), s), csrfToken: s.csrfToken };
    },
  });

  app.post('/api/v1/account/register', {
    config: { auth: 'public', rateLimit: { max: 20, timeWindow: '1 minute' } },
    schema: {
      operationId: 'customerRegister',
      tags: TAGS,
      summary:
        'Register (A-4): direct → Validated, with validation → New; a link that verifies the e-mail (and sets the password when none was given) is e-mailed. A known e-mail gets the same answer (its owner an e-mail)',
      body: RegisterBody,
      response: withErrors({ 201: RegisterResponse }),
    },
    handler: async (req, reply) => {
      const orgId = await publicOrgId(req, database, req.body.propertyId);
      const ctx = {
        db: database.forOrg(orgId),
        orgId,
        actor: { actorType: 'customer', actorId: null },
        requestId: req.id,
        consentSource: 'account' as const,
        ip: req.ip,
        permissions: 'customer' as const,
      };
      const r = await register(ctx, req.body);
      // The same answer whether or not the e-mail already has an account (issue 11, 13).
      const step = req.body.password === undefined ? 'set your password' : 'confirm your e-mail';
      return reply.code(201).send({
        status: r.status,
        message:
          r.status === 'new'
            ? `Check your e-mail to ${step}. The hotel will validate your account; you can sign in once it is validated.`
            : `Check your e-mail to ${step}, then sign in.`,
      });
    },
  });

  app.post('/api/v1/account/forgot-password', {
    config: { auth: 'public', rateLimit: { max: 20, timeWindow: '1 minute' } },
    schema: {
      operationId: 'customerForgotPassword',
      tags: TAGS,
      summary: 'E-mails a one-time reset link (1 h) if the account exists; always 202',
      body: ForgotPasswordBody,
      response: withErrors({ 202: NoContent }),
    },
    handler: async (req, reply) => {
      const orgId = await publicOrgId(req, database, req.body.propertyId);
      const ctx = {
        db: database.forOrg(orgId),
        orgId,
        actor: { actorType: 'customer', actorId: null },
        requestId: req.id,
        permissions: 'customer' as const,
      };
      await forgotPassword(ctx, req.body.email);
      return reply.code(202).send(null);
    },
  });

  for (const [path, operationId, summary] of [
    ['set-password', 'customerSetPassword', 'Sets the password from the one-time link of the account e-mail (48 h)'],
    ['reset-password', 'customerResetPassword', 'Sets a new password from the one-time reset link (1 h)'],
  ] as const) {
    app.post(`/api/v1/account/${path}`, {
      config: { auth: 'public', rateLimit: { max: 30, timeWindow: '1 minute' } },
      schema: {
        operationId,
        tags: TAGS,
        summary,
        body: TokenPasswordBody,
        response: withErrors({
          200: z.object({ status: z.enum(['new', 'validated', 'cancelled']), canSignIn: z.boolean() }),
        }),
      },
      handler: async (req) => {
        const r = await setPasswordWithToken(database, req.body.token, req.body.password);
        return { status: r.status, canSignIn: r.status === 'validated' };
      },
    });
  }

  app.post('/api/v1/account/verify-email', {
    config: { auth: 'public', rateLimit: { max: 30, timeWindow: '1 minute' } },
    schema: {
      operationId: 'customerVerifyEmail',
      tags: TAGS,
      summary: 'Confirms the e-mail of an account registered with a password (one-time link, 48 h)',
      body: TokenBody,
      response: withErrors({
        200: z.object({ status: z.enum(['new', 'validated', 'cancelled']), canSignIn: z.boolean() }),
      }),
    },
    handler: async (req) => {
      const r = await verifyEmailWithToken(database, req.body.token);
      return { status: r.status, canSignIn: r.status === 'validated' && r.hasPassword };
    },
  });

  app.post('/api/v1/account/change-password', {
    config: { auth: 'customer' },
    schema: {
      operationId: 'customerChangePassword',
      tags: TAGS,
      summary: 'Changes the password (other sessions are signed out)',
      body: ChangePasswordBody,
      response: withErrors({ 204: NoContent }),
    },
    handler: async (req, reply) => {
      await changePassword(ctxFor(req), sessionOf(req), req.body.current, req.body.new);
      return reply.code(204).send(null);
    },
  });

  app.get('/api/v1/account/details', {
    config: { auth: 'customer' },
    schema: {
      operationId: 'getCustomerDetails',
      tags: TAGS,
      summary: 'The customer’s personal details',
      response: withErrors({ 200: CustomerDetailsSchema }),
    },
    handler: async (req) => getCustomerDetails(ctxFor(req), sessionOf(req)),
  });

  app.patch('/api/v1/account/details', {
    config: { auth: 'customer' },
    schema: {
      operationId: 'updateCustomerDetails',
      tags: TAGS,
      summary: 'Changes the customer’s personal details (recorded in the profile history)',
      body: UpdateCustomerDetailsBody,
      response: withErrors({ 200: CustomerDetailsSchema }),
    },
    handler: async (req) => {
      const { consentWording, ...body } = req.body;
      const ctx = ctxFor(req);
      // The consent record names the wording the page showed (P-4).
      if (consentWording) ctx.consentWording = consentWording;
      return updateCustomerDetails(ctx, sessionOf(req), body);
    },
  });

  app.get('/api/v1/account/bookings', {
    config: { auth: 'customer' },
    schema: {
      operationId: 'listCustomerBookings',
      tags: TAGS,
      summary: 'The bookings made signed in to this account or with its verified e-mail, newest first',
      response: withErrors({ 200: CustomerBookingsResponse }),
    },
    handler: async (req) => ({ items: await listCustomerBookings(ctxFor(req), sessionOf(req)) }),
  });

  app.get('/api/v1/account/bookings/:id', {
    config: { auth: 'customer' },
    schema: {
      operationId: 'getCustomerBooking',
      tags: TAGS,
      summary: 'One of the customer’s own bookings (anyone else’s → 404)',
      params: BookingIdParams,
      response: withErrors({ 200: CustomerBookingSchema }),
    },
    handler: async (req) => getCustomerBooking(ctxFor(req), sessionOf(req), req.params.id),
  });
}
