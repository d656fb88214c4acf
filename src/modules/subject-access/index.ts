/** Subject access (SPEC P-3): the personal-data document of a guest profile or of a customer's own account. */
export { exportGuestPersonalData, exportOwnPersonalData } from './subject-access.service.ts';
export { PersonalDataDocument } from './document.schemas.ts';
