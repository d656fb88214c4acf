import { ctxOf } from '../../http/auth.hook.ts';
import { withErrors } from '../../http/schemas.ts';
import type { ApiApp, AppDeps } from '../../http/types.ts';
import { mergeCompanies, previewCompanyMerge } from './company-combine.service.ts';
import {
  CompanyDuplicateList,
  CompanyDuplicateSchema,
  CompanyMergeBody,
  CompanyMergePreviewQuery,
  CompanyMergePreviewResponse,
  CompanyMergeResponse,
  ListCompanyDuplicatesQuery,
  PairParams,
  RescanResult,
} from './company-dedupe.schemas.ts';
import {
  dismissCompanyDuplicate,
  listCompanyDuplicates,
  rescanCompanyDuplicates,
} from './company-duplicates.service.ts';
import { CompanyIdParams } from './company.schemas.ts';

/** Company dedupe and merge (issue 15 point 1); see docs/guide/companies.md. */
export function registerCompanyDedupeRoutes(app: ApiApp, { database }: AppDeps): void {
  const tags = ['companies'];

  app.get('/api/v1/companies/duplicates', {
    config: { auth: 'companies:read' },
    schema: {
      operationId: 'listCompanyDuplicates',
      tags,
      summary: 'Possible duplicate companies (near-identical names in one city or country), the most alike first',
      querystring: ListCompanyDuplicatesQuery,
      response: withErrors({ 200: CompanyDuplicateList }),
    },
    handler: async (req) => listCompanyDuplicates(ctxOf(req, database), req.query),
  });

  app.post('/api/v1/companies/duplicates/rescan', {
    config: { auth: 'companies:write' },
    schema: {
      operationId: 'rescanCompanyDuplicates',
      tags,
      summary: 'Compare every company with every other and queue the near-duplicates again (decided pairs stay)',
      response: withErrors({ 200: RescanResult }),
    },
    handler: async (req) => rescanCompanyDuplicates(ctxOf(req, database)),
  });

  app.post('/api/v1/companies/duplicates/:pairId/dismiss', {
    config: { auth: 'companies:write' },
    schema: {
      operationId: 'dismissCompanyDuplicate',
      tags,
      summary: 'Dismiss a pair: two different companies, not queued again',
      params: PairParams,
      response: withErrors({ 200: CompanyDuplicateSchema }),
    },
    handler: async (req) => dismissCompanyDuplicate(ctxOf(req, database), req.params.pairId),
  });

  app.get('/api/v1/companies/:id/merge/preview', {
    config: { auth: 'companies:read' },
    schema: {
      operationId: 'previewCompanyMerge',
      tags,
      summary:
        'What merging otherId into this company would do (fields, contacts and roles, what moves); saves nothing',
      params: CompanyIdParams,
      querystring: CompanyMergePreviewQuery,
      response: withErrors({ 200: CompanyMergePreviewResponse }),
    },
    handler: async (req) => {
      const { otherId, ...choices } = req.query;
      return previewCompanyMerge(ctxOf(req, database), req.params.id, otherId, choices);
    },
  });

  app.post('/api/v1/companies/:id/merge', {
    config: { auth: 'companies:write' },
    schema: {
      operationId: 'mergeCompanies',
      tags,
      summary:
        'Merge otherId into this company (field choice; contacts, bookings, tags and history move); otherId then answers 404',
      params: CompanyIdParams,
      body: CompanyMergeBody,
      response: withErrors({ 200: CompanyMergeResponse }),
    },
    handler: async (req) =>
      mergeCompanies(ctxOf(req, database), req.params.id, req.body.otherId, req.body.fields ?? {}),
  });
}
