export { resolvePerson, matchSettings } from './resolver.service.ts';
