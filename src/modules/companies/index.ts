export { registerCompanyRoutes } from './company.routes.ts';
export { parseTaxId } from './tax-id.ts';
export { moveCompanyContacts, restoreCompanyContacts, type CompanyContactMoves } from './company-merge.ts';
export { registerAccountCompanyRoutes } from './account-company.routes.ts';
export { registerCompanyRegistrationRoutes } from './company-registration.routes.ts';
