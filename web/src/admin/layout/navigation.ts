import {
  IconAddressBook,
  IconApi,
  IconBed,
  IconBuildingSkyscraper,
  IconCalendarEvent,
  IconCopy,
  IconFileImport,
  IconFingerprint,
  IconHome,
  IconInbox,
  IconMail,
  IconMailForward,
  IconMessageDots,
  IconMessages,
  IconSettings,
  IconShieldSearch,
  IconShieldCheck,
  IconShieldLock,
  IconShoppingCart,
  IconTag,
  IconUserCircle,
  IconUsers,
  IconUsersGroup,
  IconWorldWww,
  IconUserShield,
  type Icon,
} from '@tabler/icons-react';

/** A section of the admin app. `key` names its label (`nav.<key>`) and its texts. */
export interface NavItem {
  key: string;
  path: string;
  icon: Icon;
  /** Not built yet: the route shows a "coming soon" page. */
  comingSoon?: boolean;
  /** Shown only to staff holding one of these permissions (owners and admins see everything). */
  permissions?: string[];
}

export const mainNavigation: NavItem[] = [
  { key: 'dashboard', path: '/', icon: IconHome },
  { key: 'guests', path: '/guests', icon: IconAddressBook, permissions: ['guests:read'] },
  { key: 'bookings', path: '/bookings', icon: IconCalendarEvent, permissions: ['bookings:read'] },
  { key: 'duplicates', path: '/duplicates', icon: IconCopy, permissions: ['guests:read'] },
  { key: 'companies', path: '/companies', icon: IconBuildingSkyscraper, permissions: ['companies:read'] },
  { key: 'inbox', path: '/threads', icon: IconInbox, permissions: ['threads:read'] },
  { key: 'carts', path: '/carts', icon: IconShoppingCart, permissions: ['bookings:read'] },
  { key: 'importExport', path: '/import-export', icon: IconFileImport, permissions: ['imports:read', 'guests:read'] },
];

export const settingsNavigation: NavItem[] = [
  { key: 'staff', path: '/settings/staff', icon: IconUserShield, permissions: ['staff:write', 'staff:read'] },
  { key: 'apiKeys', path: '/settings/api-keys', icon: IconApi, permissions: ['api-keys:read'] },
  { key: 'titles', path: '/settings/titles', icon: IconUserCircle, permissions: ['guests:read'] },
  { key: 'tags', path: '/settings/tags', icon: IconTag, permissions: ['guests:read'] },
  { key: 'groups', path: '/settings/groups', icon: IconUsersGroup, permissions: ['guests:read'] },
  { key: 'properties', path: '/settings/properties', icon: IconBed, permissions: ['properties:read'] },
  { key: 'emailTemplates', path: '/settings/email-templates', icon: IconMail, permissions: ['settings:read'] },
  { key: 'mailLog', path: '/settings/mail-log', icon: IconMailForward, permissions: ['messages:read'] },
  { key: 'accounts', path: '/settings/accounts', icon: IconUsers, permissions: ['guests:read'] },
  { key: 'bookingSite', path: '/settings/booking-site', icon: IconWorldWww, permissions: ['settings:read'] },
  { key: 'auditLog', path: '/settings/audit-log', icon: IconShieldSearch, permissions: ['audit:read'] },
  { key: 'consent', path: '/settings/consent', icon: IconShieldCheck, permissions: ['guests:read'] },
  { key: 'privacy', path: '/settings/privacy', icon: IconShieldLock, permissions: ['settings:read'] },
  { key: 'identity', path: '/settings/identity', icon: IconFingerprint, permissions: ['settings:read'] },
  { key: 'hotelContacts', path: '/settings/contacts', icon: IconMessages, permissions: ['threads:read'] },
  { key: 'cannedReplies', path: '/settings/canned-replies', icon: IconMessageDots, permissions: ['threads:read'] },
];

export const settingsIcon = IconSettings;
