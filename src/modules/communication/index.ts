/**
 * Communication (issue 16, SPEC M-2/M-3): the hotel's contacts, the public contact form and the
 * customer-service threads. Other modules reach it only through this file.
 */
import type { ApiApp, AppDeps } from '../../http/types.ts';
import type { PersonResolver } from '../bookings/index.ts';
import { registerAccountThreadRoutes } from './account-thread.routes.ts';
import { registerCannedReplyRoutes } from './canned-reply.routes.ts';
import { registerContactFormRoutes } from './contact-form.routes.ts';
import { registerHotelContactRoutes } from './hotel-contact.routes.ts';
import { registerThreadAttachmentRoutes } from './thread-attachment.routes.ts';
import { registerThreadRoutes } from './thread.routes.ts';

export { receiveGuestMessage } from './thread-message.service.ts';
export { tokenOfAddress, replyAddressFor } from './reply-address.ts';
export { viewerOf, visibleTo, type ThreadViewer } from './thread-access.ts';
export { startInboundSmtp, type InboundSmtp } from './inbound-smtp.ts';

export function registerCommunicationRoutes(app: ApiApp, deps: AppDeps, resolvePerson: PersonResolver): void {
  registerHotelContactRoutes(app, deps);
  registerThreadRoutes(app, deps);
  registerContactFormRoutes(app, deps, resolvePerson);
  registerAccountThreadRoutes(app, deps);
  registerThreadAttachmentRoutes(app, deps);
  registerCannedReplyRoutes(app, deps);
}
