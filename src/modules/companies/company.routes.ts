import { z } from 'zod';
import { forbidden } from '../../core/errors.ts';
import { ctxOf } from '../../http/auth.hook.ts';
import { NoContent, withErrors } from '../../http/schemas.ts';
import type { ApiApp, AppDeps } from '../../http/types.ts';
import { hasPermission } from '../auth/permissions.ts';
import { BookingSchema, listBookings, presentBookings, type PersonResolver } from '../bookings/index.ts';
import {
  addContact,
  listContacts,
  listGuestCompanies,
  removeContact,
  updateContact,
} from './company-contact.service.ts';
import { registerCompanyDedupeRoutes } from './company-dedupe.routes.ts';
import { listCompanyHistory } from './company-history.service.ts';
import { listCompanies } from './company-list.service.ts';
import {
  AddContactBody,
  AddContactResult,
  CompanyHistoryEntry,
  CompanyIdParams,
  CompanyList,
  CompanyPage,
  CompanySchema,
  ContactParams,
  ContactSchema,
  CreateCompanyBody,
  GuestCompany,
  ListCompaniesQuery,
  UpdateCompanyBody,
  UpdateContactBody,
} from './company.schemas.ts';
import {
  companyKpis,
  createCompany,
  deleteCompany,
  getCompany,
  getCompanyRow,
  updateCompany,
} from './company.service.ts';

const PageQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(300).optional(),
});

/** Companies and their contacts (issue 15, SPEC C-1..C-4). */
export function registerCompanyRoutes(app: ApiApp, deps: AppDeps, resolvePerson: PersonResolver): void {
  const { database } = deps;
  const tags = ['companies'];
  registerCompanyDedupeRoutes(app, deps);

  app.post('/api/v1/companies', {
    config: { auth: 'companies:write' },
    schema: {
      operationId: 'createCompany',
      tags,
      summary: 'Create a company (the same tax id as an existing company: 409 company_exists naming it)',
      body: CreateCompanyBody,
      response: withErrors({ 201: CompanySchema }),
    },
    handler: async (req, reply) => reply.status(201).send(await createCompany(ctxOf(req, database), req.body)),
  });

  app.get('/api/v1/companies', {
    config: { auth: 'companies:read' },
    schema: {
      operationId: 'listCompanies',
      tags,
      summary: 'List companies by name: search (name, legal name, tax id, contact name or e-mail) and filters',
      querystring: ListCompaniesQuery,
      response: withErrors({ 200: CompanyList }),
    },
    handler: async (req) => listCompanies(ctxOf(req, database), req.query),
  });

  app.get('/api/v1/companies/:id', {
    config: { auth: 'companies:read' },
    schema: {
      operationId: 'getCompany',
      tags,
      summary: 'A company with its KPIs (bookings, nights, revenue, last booking)',
      params: CompanyIdParams,
      response: withErrors({ 200: CompanyPage }),
    },
    handler: async (req) => {
      const ctx = ctxOf(req, database);
      const company = await getCompany(ctx, req.params.id);
      return { ...company, kpis: await companyKpis(ctx, company.id) };
    },
  });

  app.patch('/api/v1/companies/:id', {
    config: { auth: 'companies:write' },
    schema: {
      operationId: 'updateCompany',
      tags,
      summary: 'Edit a company (each change kept in its history)',
      params: CompanyIdParams,
      body: UpdateCompanyBody,
      response: withErrors({ 200: CompanySchema }),
    },
    handler: async (req) => updateCompany(ctxOf(req, database), req.params.id, req.body),
  });

  app.delete('/api/v1/companies/:id', {
    config: { auth: 'companies:write' },
    schema: {
      operationId: 'deleteCompany',
      tags,
      summary: 'Delete a company and its contact links (409 company_has_bookings while bookings are linked to it)',
      params: CompanyIdParams,
      response: withErrors({ 204: NoContent }),
    },
    handler: async (req, reply) => {
      await deleteCompany(ctxOf(req, database), req.params.id);
      return reply.status(204).send(null);
    },
  });

  app.get('/api/v1/companies/:id/history', {
    config: { auth: 'companies:read' },
    schema: {
      operationId: 'listCompanyHistory',
      tags,
      summary: "A company's history: who changed which field, old → new, newest first",
      params: CompanyIdParams,
      querystring: PageQuery,
      response: withErrors({
        200: z.object({ items: z.array(CompanyHistoryEntry), nextCursor: z.string().nullable() }),
      }),
    },
    handler: async (req) => {
      const ctx = ctxOf(req, database);
      await getCompanyRow(ctx, req.params.id);
      return listCompanyHistory(ctx, req.params.id, req.query);
    },
  });

  app.get('/api/v1/companies/:id/contacts', {
    config: { auth: 'companies:read' },
    schema: {
      operationId: 'listCompanyContacts',
      tags,
      summary: "A company's contacts with their roles (purchasing first)",
      params: CompanyIdParams,
      response: withErrors({ 200: z.object({ items: z.array(ContactSchema) }) }),
    },
    handler: async (req) => ({ items: await listContacts(ctxOf(req, database), req.params.id) }),
  });

  app.post('/api/v1/companies/:id/contacts', {
    config: { auth: 'companies:write' },
    schema: {
      operationId: 'addCompanyContact',
      tags,
      summary:
        'Add a contact: an existing guest {guestId}, or a person found or created by the identity resolver; a second purchasing contact: 409 purchasing_contact_exists (or transferPurchasing: true)',
      params: CompanyIdParams,
      body: AddContactBody,
      response: withErrors({ 201: AddContactResult }),
    },
    handler: async (req, reply) =>
      reply.status(201).send(await addContact(ctxOf(req, database), req.params.id, req.body, resolvePerson)),
  });

  app.patch('/api/v1/companies/:id/contacts/:guestId', {
    config: { auth: 'companies:write' },
    schema: {
      operationId: 'updateCompanyContact',
      tags,
      summary: "Change a contact's roles; transferPurchasing: true moves the purchasing role to them in one step",
      params: ContactParams,
      body: UpdateContactBody,
      response: withErrors({ 200: ContactSchema }),
    },
    handler: async (req) => updateContact(ctxOf(req, database), req.params.id, req.params.guestId, req.body),
  });

  app.delete('/api/v1/companies/:id/contacts/:guestId', {
    config: { auth: 'companies:write' },
    schema: {
      operationId: 'removeCompanyContact',
      tags,
      summary: 'Remove a contact from a company (the guest profile stays)',
      params: ContactParams,
      response: withErrors({ 204: NoContent }),
    },
    handler: async (req, reply) => {
      await removeContact(ctxOf(req, database), req.params.id, req.params.guestId);
      return reply.status(204).send(null);
    },
  });

  app.get('/api/v1/companies/:id/bookings', {
    config: { auth: 'companies:read' },
    schema: {
      operationId: 'listCompanyBookings',
      tags,
      summary: "A company's bookings, newest check-in first (needs bookings:read too)",
      params: CompanyIdParams,
      querystring: PageQuery,
      response: withErrors({ 200: z.object({ items: z.array(BookingSchema), nextCursor: z.string().nullable() }) }),
    },
    handler: async (req) => {
      const ctx = ctxOf(req, database);
      if (Array.isArray(ctx.permissions) && !hasPermission(ctx.permissions, 'bookings:read')) throw forbidden();
      await getCompanyRow(ctx, req.params.id);
      const { rows, nextCursor } = await listBookings(ctx, { ...req.query, companyId: req.params.id });
      return { items: await presentBookings(ctx, rows), nextCursor };
    },
  });

  app.get('/api/v1/guests/:id/companies', {
    config: { auth: 'companies:read' },
    schema: {
      operationId: 'listGuestCompanies',
      tags,
      summary: 'The companies a guest is a contact of, with their roles',
      params: CompanyIdParams,
      response: withErrors({ 200: z.object({ items: z.array(GuestCompany) }) }),
    },
    handler: async (req) => ({ items: await listGuestCompanies(ctxOf(req, database), req.params.id) }),
  });
}
