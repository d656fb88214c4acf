export {
  CUSTOMER_COOKIE,
  customerCtx,
  customerOf,
  customerSessionOf,
  type CustomerPrincipal,
  type CustomerSession,
} from './customer-session.service.ts';
export { getAccountSettings, type AccountSettings, DEFAULT_ACCOUNT_SETTINGS } from './account-settings.service.ts';
export { ensureAccountForGuest } from './account-registration.service.ts';
export { registerAccountRoutes } from './account.routes.ts';
export { registerAccountAdminRoutes } from './account-admin.routes.ts';
export { registerAccountDeletionRoutes } from './account-deletion.routes.ts';
export { moveCustomerAccounts, restoreCustomerAccounts } from './account-merge.ts';
export { getCustomerDetails, ownBookingsOf } from './customer-area.service.ts';
export { accountJobHandlers, PASSWORD_RESET_JOB } from './account.jobs.ts';
export { inviteCompanyContact } from './account-invitation.ts';
export { ensureCompanyRegistrantAccount } from './company-registrant.ts';
export { checkPhone } from './account-registration.service.ts';
export { assertCustomerPassword } from './customer-password.ts';
export { accountUrl, hotelName, sendStaffAlert } from './account-emails.ts';
