export * from './staff.service.ts';
export { presentUser } from './staff.presenter.ts';
export * from './staff.schemas.ts';
