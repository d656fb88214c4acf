export * from './tenancy.service.ts';
