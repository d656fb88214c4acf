import { ctxOf, principalOf } from '../../http/auth.hook.ts';
import { IdParams, withErrors } from '../../http/schemas.ts';
import type { ApiApp, AppDeps } from '../../http/types.ts';
import { getOrganisation } from '../tenancy/index.ts';
import { presentUser } from './staff.presenter.ts';
import {
  CreateStaffBody,
  SetExtraPermissionsBody,
  StaffListResponse,
  UpdateStaffBody,
  UserSchema,
} from './staff.schemas.ts';
import { setStaffExtraPermissions } from './staff-extra-permissions.service.ts';
import { createStaff, listStaff, updateStaff } from './staff.service.ts';

/** Staff management (`staff:write`, and the grant rule for roles). */
export function registerStaffRoutes(app: ApiApp, { database }: AppDeps): void {
  app.get('/api/v1/staff', {
    config: { auth: 'staff:read' },
    schema: {
      operationId: 'listStaff',
      tags: ['staff'],
      summary: 'List staff',
      response: withErrors({ 200: StaffListResponse }),
    },
    handler: async (req) => {
      const ctx = ctxOf(req, database);
      const org = await getOrganisation(database.system, ctx.orgId);
      return { items: (await listStaff(ctx)).map((r) => presentUser(r, org)) };
    },
  });

  app.put('/api/v1/staff/:id/extra-permissions', {
    // Managers hold staff:read but not staff:write: they may still trust reception with personal data.
    config: { auth: 'staff:read' },
    schema: {
      operationId: 'setStaffExtraPermissions',
      tags: ['staff'],
      summary: 'Give or take back permissions beyond the role (reception: personal-data:read)',
      params: IdParams,
      body: SetExtraPermissionsBody,
      response: withErrors({ 200: UserSchema }),
    },
    handler: async (req) => {
      const ctx = ctxOf(req, database);
      const row = await setStaffExtraPermissions(ctx, req.params.id, req.body.permissions, principalOf(req));
      return presentUser(row, await getOrganisation(database.system, ctx.orgId));
    },
  });

  app.post('/api/v1/staff', {
    config: { auth: 'staff:write' },
    schema: {
      operationId: 'createStaff',
      tags: ['staff'],
      summary: 'Create a staff member',
      body: CreateStaffBody,
      response: withErrors({ 201: UserSchema }),
    },
    handler: async (req, reply) => {
      const ctx = ctxOf(req, database);
      const row = await createStaff(ctx, req.body, principalOf(req));
      return reply.status(201).send(presentUser(row, await getOrganisation(database.system, ctx.orgId)));
    },
  });

  app.patch('/api/v1/staff/:id', {
    config: { auth: 'staff:write' },
    schema: {
      operationId: 'updateStaff',
      tags: ['staff'],
      summary: 'Change role, name, language or deactivate',
      params: IdParams,
      body: UpdateStaffBody,
      response: withErrors({ 200: UserSchema }),
    },
    handler: async (req) => {
      const ctx = ctxOf(req, database);
      const row = await updateStaff(ctx, req.params.id, req.body, principalOf(req));
      return presentUser(row, await getOrganisation(database.system, ctx.orgId));
    },
  });
}
