/** The guest timeline (issue 16 point 5): one read-only view over bookings, threads, mail, consent, merges and history. */
export { registerTimelineRoutes } from './timeline.routes.ts';
