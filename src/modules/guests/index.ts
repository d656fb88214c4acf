export { listGuests } from './guest.service.ts';
export { registerGuestRoutes } from './guest.routes.ts';
