import { Badge, NavLink, ScrollArea } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { NavLink as RouterNavLink, useLocation } from 'react-router-dom';
import { InboxBadge } from '../threads/inbox-badge.tsx';
import { hasPermission, useCurrentUser } from '../session/session-context.tsx';
import { mainNavigation, settingsIcon as SettingsIcon, settingsNavigation, type NavItem } from './navigation.ts';

/** The left-hand menu: main sections, then Settings with its sub-pages. */
export function AdminNavbar({ onNavigate }: { onNavigate: () => void }) {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const { pathname } = useLocation();
  const visible = (item: NavItem) => !item.permissions || hasPermission(user, ...item.permissions);
  const isActive = (item: NavItem) => (item.path === '/' ? pathname === '/' : pathname.startsWith(item.path));

  const renderItem = (item: NavItem) => (
    <NavLink
      key={item.key}
      component={RouterNavLink}
      to={item.path}
      end={item.path === '/'}
      label={t(`nav.${item.key}`)}
      leftSection={<item.icon size={18} stroke={1.6} />}
      rightSection={
        item.comingSoon ? (
          <Badge size="xs" variant="light" color="gray">
            {t('comingSoon.badge')}
          </Badge>
        ) : item.key === 'inbox' ? (
          <InboxBadge />
        ) : null
      }
      active={isActive(item)}
      onClick={onNavigate}
      data-testid={`nav-${item.key}`}
    />
  );

  return (
    <ScrollArea type="scroll" style={{ flex: 1 }}>
      <nav aria-label={t('nav.label')}>
        {mainNavigation.filter(visible).map(renderItem)}
        <NavLink
          label={t('nav.settings')}
          leftSection={<SettingsIcon size={18} stroke={1.6} />}
          defaultOpened={pathname.startsWith('/settings')}
          childrenOffset={20}
          data-testid="nav-settings"
        >
          {settingsNavigation.filter(visible).map(renderItem)}
        </NavLink>
      </nav>
    </ScrollArea>
  );
}
