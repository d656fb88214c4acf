/** The audit log's actions and record kinds the admin names in en/es/fr (others show as recorded). */
export const AUDIT_ACTIONS = [
  'guest.viewed',
  'guest.personal_data.exported',
  'guest.document.revealed',
  'account.personal_data.exported',
  'guest.created',
  'guest.deleted',
  'guest.blocked',
  'guest.unblocked',
  'guest.merged',
  'guest.unmerged',
  'duplicate.dismissed',
  'booking.created',
  'booking.updated',
  'booking.cancelled',
  'checkout.completed',
  'checkout.refused_blocked_guest',
  'account.created',
  'account.validated',
  'account.cancelled',
  'account.email_verified',
  'account.profile_linked',
  'account.password_set',
  'account.password_reset',
  'account.password_changed',
  'auth.account_slowed',
  'auth.source_delayed',
  'staff.created',
  'staff.updated',
  'staff.password_changed',
  'api_key.created',
  'api_key.revoked',
  'email.retried',
  'email.released',
  'email_template.updated',
  'email_template.reset',
  'property.created',
  'room_type.deleted',
  'tag.created',
  'tag.updated',
  'tag.deleted',
  'group.created',
  'group.updated',
  'group.deleted',
  'title.created',
  'title.updated',
  'title.deleted',
  'segment.create',
  'segment.update',
  'segment.delete',
  'settings.accounts_changed',
  'settings.carts_updated',
  'settings.site_changed',
] as const;

export const ENTITY_TYPES = [
  'guest',
  'booking',
  'customer_account',
  'staff',
  'api_key',
  'email_message',
  'email_template',
  'property',
  'room_type',
  'tag',
  'group',
  'title',
  'segment',
  'organisation',
] as const;

/** Where the admin shows a record of the log (null when it has no page of its own). */
export function entityPath(entity: { type: string; id: string | null }): string | null {
  const id = entity.id ? encodeURIComponent(entity.id) : null;
  switch (entity.type) {
    case 'guest':
      return id ? `/guests/${id}` : null;
    case 'booking':
      return id ? `/bookings/${id}` : null;
    case 'customer_account':
      return '/settings/accounts';
    case 'staff':
      return '/settings/staff';
    case 'api_key':
      return '/settings/api-keys';
    case 'email_message':
      return '/settings/mail-log';
    case 'email_template':
      return '/settings/email-templates';
    case 'property':
    case 'room_type':
      return '/settings/properties';
    case 'tag':
      return '/settings/tags';
    case 'group':
      return '/settings/groups';
    case 'title':
      return '/settings/titles';
    default:
      return null;
  }
}
