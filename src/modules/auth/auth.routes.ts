import { z } from 'zod';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ctxOf, staffOf } from '../../http/auth.hook.ts';
import { NoContent, withErrors } from '../../http/schemas.ts';
import type { ApiApp, AppDeps } from '../../http/types.ts';
import {
  ChangePasswordBody,
  EmailSchema,
  LanguageSchema,
  PasswordSchema,
  UpdateMeBody,
  UserSchema,
  changeOwnPassword,
  createFirstOwner,
  getStaff,
  needsOwner,
  presentUser,
  updateStaff,
} from '../staff/index.ts';
import { ensureFirstOrganisation, getOrganisation } from '../tenancy/index.ts';
import { ROLE_PERMISSIONS, ROLES, SCOPES } from './permissions.ts';
import { DEVICE_COOKIE } from './login-throttle.service.ts';
import { login, logout, openSession, SESSION_COOKIE, type NewSession } from './session.service.ts';
import { registerSignInEventRoutes } from './sign-in-event.routes.ts';

const SessionResponse = z.object({ user: UserSchema, csrfToken: z.string() });
const LoginBody = z.strictObject({ email: z.string().trim().min(1).max(254), password: z.string().min(1).max(200) });
const SetupOwnerBody = z.strictObject({
  organisationName: z.string().trim().min(1).max(200).optional(),
  name: z.string().trim().min(1).max(200),
  email: EmailSchema,
  password: PasswordSchema,
  language: LanguageSchema.default('en'),
});

/** Staff sign-in, session, own profile and first-run owner creation. */
export function registerAuthRoutes(app: ApiApp, { database, config }: AppDeps): void {
  const system = database.system;
  registerSignInEventRoutes(app, database);

  const isSecure = (req: FastifyRequest) =>
    config.cookieSecure === 'always' || (config.cookieSecure === 'auto' && req.protocol === 'https');
  const setCookie = (req: FastifyRequest, reply: FastifyReply, token: string) => {
    void reply.setCookie(SESSION_COOKIE, token, {
      path: '/',
      httpOnly: true,
      sameSite: 'lax',
      secure: isSecure(req),
      maxAge: 30 * 24 * 3600,
    });
  };
  const sessionBody = async (s: NewSession) => ({
    user: presentUser(s.staff, await getOrganisation(system, s.staff.orgId)),
    csrfToken: s.csrfToken,
  });

  app.post('/api/v1/auth/login', {
    config: { auth: 'public', rateLimit: { max: 60, timeWindow: '1 minute' } },
    schema: {
      operationId: 'login',
      tags: ['auth'],
      summary: 'Staff sign-in',
      body: LoginBody,
      response: withErrors({ 200: SessionResponse }),
    },
    handler: async (req, reply) => {
      const s = await login(database, {
        ...req.body,
        ip: req.ip,
        userAgent: req.headers['user-agent'],
        deviceToken: req.cookies[DEVICE_COOKIE],
      });
      setCookie(req, reply, s.token);
      // Marks this browser as a known device of the account: the per-account rate never slows it.
      void reply.setCookie(DEVICE_COOKIE, s.deviceToken, {
        path: '/api/v1/auth/login',
        httpOnly: true,
        sameSite: 'strict',
        secure: isSecure(req),
        maxAge: 400 * 24 * 3600,
      });
      return sessionBody(s);
    },
  });

  app.post('/api/v1/auth/logout', {
    config: { auth: 'staff' },
    schema: { operationId: 'logout', tags: ['auth'], summary: 'Sign out', response: withErrors({ 204: NoContent }) },
    handler: async (req, reply) => {
      await logout(system, staffOf(req));
      void reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.status(204).send(null);
    },
  });

  app.get('/api/v1/auth/me', {
    config: { auth: 'staff' },
    schema: {
      operationId: 'getMe',
      tags: ['auth'],
      summary: 'The signed-in staff member',
      response: withErrors({ 200: SessionResponse }),
    },
    handler: async (req) => {
      const me = staffOf(req);
      const row = await getStaff(ctxOf(req, database), me.staffId);
      return { user: presentUser(row, await getOrganisation(system, me.orgId)), csrfToken: me.csrfToken };
    },
  });

  app.patch('/api/v1/auth/me', {
    config: { auth: 'staff' },
    schema: {
      operationId: 'updateMe',
      tags: ['auth'],
      summary: 'Update own name or language',
      body: UpdateMeBody,
      response: withErrors({ 200: z.object({ user: UserSchema }) }),
    },
    handler: async (req) => {
      const me = staffOf(req);
      const row = await updateStaff(ctxOf(req, database), me.staffId, req.body, me);
      return { user: presentUser(row, await getOrganisation(system, me.orgId)) };
    },
  });

  app.post('/api/v1/auth/password', {
    config: { auth: 'staff' },
    schema: {
      operationId: 'changePassword',
      tags: ['auth'],
      summary: 'Change own password',
      body: ChangePasswordBody,
      response: withErrors({ 204: NoContent }),
    },
    handler: async (req, reply) => {
      const me = staffOf(req);
      await changeOwnPassword(ctxOf(req, database), me.staffId, me.sessionId, req.body);
      return reply.status(204).send(null);
    },
  });

  app.get('/api/v1/auth/roles', {
    config: { auth: 'authenticated' },
    schema: {
      operationId: 'listRoles',
      tags: ['auth'],
      summary: 'Roles, their permissions and the API key scopes',
      response: withErrors({
        200: z.object({
          roles: z.array(z.object({ role: z.string(), permissions: z.array(z.string()) })),
          scopes: z.array(z.string()),
        }),
      }),
    },
    handler: async () => ({
      roles: ROLES.map((role) => ({ role, permissions: [...ROLE_PERMISSIONS[role]] })),
      scopes: [...SCOPES],
    }),
  });

  app.get('/api/v1/setup/status', {
    config: { auth: 'public' },
    schema: {
      operationId: 'getSetupStatus',
      tags: ['auth'],
      summary: 'Whether the first-run owner page is needed',
      response: withErrors({ 200: z.object({ needsOwner: z.boolean() }) }),
    },
    handler: async () => ({ needsOwner: await needsOwner(system) }),
  });

  app.post('/api/v1/setup/owner', {
    config: { auth: 'public' },
    schema: {
      operationId: 'createFirstOwner',
      tags: ['auth'],
      summary: 'First run: create the owner',
      body: SetupOwnerBody,
      response: withErrors({ 201: SessionResponse }),
    },
    handler: async (req, reply) => {
      const org = await ensureFirstOrganisation(system, config.seedNames);
      const staff = await createFirstOwner(system, org.id, req.body);
      if (req.body.organisationName)
        await system
          .updateTable('organisation')
          .set({ name: req.body.organisationName })
          .where('id', '=', org.id)
          .execute();
      const s = await openSession(system, staff, { ip: req.ip, userAgent: req.headers['user-agent'] });
      setCookie(req, reply, s.token);
      return reply.status(201).send(await sessionBody(s));
    },
  });
}
