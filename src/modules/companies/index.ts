export { registerCompanyRoutes } from './company.routes.ts';
export { parseTaxId } from './tax-id.ts';
