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
import { registerThreadJoinRoutes } from './thread-join.routes.ts';
import { registerThreadStreamRoutes } from './thread-stream.routes.ts';
import { registerThreadAttachmentRoutes } from './thread-attachment.routes.ts';
import { registerThreadRoutes } from './thread.routes.ts';

export { receiveGuestMessage } from './thread-message.service.ts';
export { tokenOfAddress, replyAddressFor } from './reply-address.ts';
export { viewerOf, visibleTo, type ThreadViewer } from './thread-access.ts';
export { startInboundSmtp, type InboundSmtp } from './inbound-smtp.ts';
export { attachmentBodyLimit, type AttachmentLimits } from './attachment-files.ts';
export { findThreadAttachment, sendAttachment } from './thread-attachment.service.ts';
export {
  answerAccountThread,
  assertOwnThread,
  createAccountThread,
  getAccountThread,
  listAccountThreads,
  type ThreadScope,
} from './account-thread.service.ts';
export {
  AccountAnswerBody,
  AccountThreadListResponse,
  AccountThreadMessageSchema,
  AccountThreadsQuery,
  AccountThreadWithMessages,
  NewAccountThreadBody,
} from './account-thread.schemas.ts';
/** The public forms' guard (issue 15 reuses it for "Register as a company"). */
export { issueFormToken, checkFormToken } from './form-token.ts';
export { siteCtx as publicFormCtx } from './contact-form.routes.ts';

export function registerCommunicationRoutes(app: ApiApp, deps: AppDeps, resolvePerson: PersonResolver): void {
  registerHotelContactRoutes(app, deps);
  registerThreadRoutes(app, deps);
  registerThreadJoinRoutes(app, deps);
  registerThreadStreamRoutes(app, deps);
  registerContactFormRoutes(app, deps, resolvePerson);
  registerAccountThreadRoutes(app, deps);
  registerThreadAttachmentRoutes(app, deps);
  registerCannedReplyRoutes(app, deps);
}
