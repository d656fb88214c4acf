import {
  IconAddressBook,
  IconApi,
  IconBuildingSkyscraper,
  IconCalendarEvent,
  IconCopy,
  IconFileImport,
  IconHome,
  IconInbox,
  IconMail,
  IconSettings,
  IconShoppingCart,
  IconTag,
  IconUserCircle,
  IconUsers,
  IconUsersGroup,
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
  { key: 'bookings', path: '/bookings', icon: IconCalendarEvent, comingSoon: true },
  { key: 'duplicates', path: '/duplicates', icon: IconCopy, comingSoon: true },
  { key: 'companies', path: '/companies', icon: IconBuildingSkyscraper, comingSoon: true },
  { key: 'inbox', path: '/inbox', icon: IconInbox, comingSoon: true },
  { key: 'carts', path: '/carts', icon: IconShoppingCart, comingSoon: true },
  { key: 'importExport', path: '/import-export', icon: IconFileImport, comingSoon: true },
];

export const settingsNavigation: NavItem[] = [
  { key: 'staff', path: '/settings/staff', icon: IconUserShield, permissions: ['staff:write'] },
  { key: 'apiKeys', path: '/settings/api-keys', icon: IconApi, permissions: ['api-keys:read'] },
  { key: 'titles', path: '/settings/titles', icon: IconUserCircle, permissions: ['guests:read'] },
  { key: 'tags', path: '/settings/tags', icon: IconTag, permissions: ['guests:read'] },
  { key: 'groups', path: '/settings/groups', icon: IconUsersGroup, permissions: ['guests:read'] },
  { key: 'emailTemplates', path: '/settings/email-templates', icon: IconMail, comingSoon: true },
  { key: 'accounts', path: '/settings/accounts', icon: IconUsers, comingSoon: true },
];

export const settingsIcon = IconSettings;
