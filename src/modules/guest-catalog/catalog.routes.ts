import { ctxOf } from '../../http/auth.hook.ts';
import { IdParams, NoContent, withErrors } from '../../http/schemas.ts';
import type { ApiApp, AppDeps } from '../../http/types.ts';
import {
  CatalogListQuery,
  CreateGroupBody,
  CreateTagBody,
  CreateTitleBody,
  GroupListResponse,
  GroupSchema,
  TagListResponse,
  TagSchema,
  TitleListResponse,
  TitleSchema,
  UpdateGroupBody,
  UpdateTagBody,
  UpdateTitleBody,
} from './catalog.schemas.ts';
import { createGroup, deleteGroup, listGroups, updateGroup } from './group.service.ts';
import { createTag, deleteTag, listTags, updateTag } from './tag.service.ts';
import { createTitle, deleteTitle, listTitles, updateTitle } from './title.service.ts';

/** Titles (G-6), tags (G-5) and groups (G-7): read with guests:read, managed with settings:write. */
export function registerGuestCatalogRoutes(app: ApiApp, { database }: AppDeps): void {
  const read = { auth: 'guests:read' } as const;
  const write = { auth: 'settings:write' } as const;

  app.get('/api/v1/titles', {
    config: read,
    schema: {
      operationId: 'listTitles',
      tags: ['catalog'],
      summary: 'List guest titles',
      response: withErrors({ 200: TitleListResponse }),
    },
    handler: async (req) => ({ items: await listTitles(ctxOf(req, database)) }),
  });
  app.post('/api/v1/titles', {
    config: write,
    schema: {
      operationId: 'createTitle',
      tags: ['catalog'],
      summary: 'Create a title',
      body: CreateTitleBody,
      response: withErrors({ 201: TitleSchema }),
    },
    handler: async (req, reply) => reply.status(201).send(await createTitle(ctxOf(req, database), req.body)),
  });
  app.patch('/api/v1/titles/:id', {
    config: write,
    schema: {
      operationId: 'updateTitle',
      tags: ['catalog'],
      summary: 'Rename or move a title',
      params: IdParams,
      body: UpdateTitleBody,
      response: withErrors({ 200: TitleSchema }),
    },
    handler: async (req) => updateTitle(ctxOf(req, database), req.params.id, req.body),
  });
  app.delete('/api/v1/titles/:id', {
    config: write,
    schema: {
      operationId: 'deleteTitle',
      tags: ['catalog'],
      summary: 'Delete a title',
      params: IdParams,
      response: withErrors({ 204: NoContent }),
    },
    handler: async (req, reply) => {
      await deleteTitle(ctxOf(req, database), req.params.id);
      return reply.status(204).send(null);
    },
  });

  app.get('/api/v1/tags', {
    config: read,
    schema: {
      operationId: 'listTags',
      tags: ['catalog'],
      summary: 'List tags with their guest counts (predefined ones named in en/es/fr)',
      querystring: CatalogListQuery,
      response: withErrors({ 200: TagListResponse }),
    },
    handler: async (req) => {
      const ctx = ctxOf(req, database);
      return { items: await listTags(ctx, ctx.db, req.query.lang) };
    },
  });
  app.post('/api/v1/tags', {
    config: write,
    schema: {
      operationId: 'createTag',
      tags: ['catalog'],
      summary: 'Create a custom tag',
      body: CreateTagBody,
      response: withErrors({ 201: TagSchema }),
    },
    handler: async (req, reply) => reply.status(201).send(await createTag(ctxOf(req, database), req.body)),
  });
  app.patch('/api/v1/tags/:id', {
    config: write,
    schema: {
      operationId: 'updateTag',
      tags: ['catalog'],
      summary: 'Rename or recolour a tag (predefined: colour only)',
      params: IdParams,
      body: UpdateTagBody,
      response: withErrors({ 200: TagSchema }),
    },
    handler: async (req) => updateTag(ctxOf(req, database), req.params.id, req.body),
  });
  app.delete('/api/v1/tags/:id', {
    config: write,
    schema: {
      operationId: 'deleteTag',
      tags: ['catalog'],
      summary: 'Delete a custom tag and remove it from guests',
      params: IdParams,
      response: withErrors({ 204: NoContent }),
    },
    handler: async (req, reply) => {
      await deleteTag(ctxOf(req, database), req.params.id);
      return reply.status(204).send(null);
    },
  });

  app.get('/api/v1/groups', {
    config: read,
    schema: {
      operationId: 'listGroups',
      tags: ['catalog'],
      summary: 'List guest groups with member counts (default groups named in en/es/fr)',
      querystring: CatalogListQuery,
      response: withErrors({ 200: GroupListResponse }),
    },
    handler: async (req) => {
      const ctx = ctxOf(req, database);
      return { items: await listGroups(ctx, ctx.db, req.query.lang) };
    },
  });
  app.post('/api/v1/groups', {
    config: write,
    schema: {
      operationId: 'createGroup',
      tags: ['catalog'],
      summary: 'Create a group',
      body: CreateGroupBody,
      response: withErrors({ 201: GroupSchema }),
    },
    handler: async (req, reply) => reply.status(201).send(await createGroup(ctxOf(req, database), req.body)),
  });
  app.patch('/api/v1/groups/:id', {
    config: write,
    schema: {
      operationId: 'updateGroup',
      tags: ['catalog'],
      summary: 'Change a group',
      params: IdParams,
      body: UpdateGroupBody,
      response: withErrors({ 200: GroupSchema }),
    },
    handler: async (req) => updateGroup(ctxOf(req, database), req.params.id, req.body),
  });
  app.delete('/api/v1/groups/:id', {
    config: write,
    schema: {
      operationId: 'deleteGroup',
      tags: ['catalog'],
      summary: 'Delete a custom group (the three defaults are refused)',
      params: IdParams,
      response: withErrors({ 204: NoContent }),
    },
    handler: async (req, reply) => {
      await deleteGroup(ctxOf(req, database), req.params.id);
      return reply.status(204).send(null);
    },
  });
}
