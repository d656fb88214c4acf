import { AppShell, Burger, Divider, Group, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { Outlet } from 'react-router-dom';
import { Brand } from '../../shared/brand.tsx';
import { LanguageSwitcher } from '../../shared/language-switcher.tsx';
import { useCurrentUser } from '../session/session-context.tsx';
import { useUpdateProfile } from '../session/session.api.ts';
import { AdminNavbar } from './admin-navbar.tsx';
import { UserMenu } from './user-menu.tsx';

/** The signed-in frame: header (organisation, language, user), navbar, page. */
export function AdminLayout() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const updateProfile = useUpdateProfile();
  const [navbarOpened, navbar] = useDisclosure(false);

  return (
    <AppShell
      header={{ height: 64 }}
      navbar={{ width: 264, breakpoint: 'sm', collapsed: { mobile: !navbarOpened } }}
      padding="lg"
    >
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger
              opened={navbarOpened}
              onClick={navbar.toggle}
              hiddenFrom="sm"
              size="sm"
              aria-label={t('nav.toggle')}
            />
            <Brand label={t('app.name')} />
            <Divider orientation="vertical" visibleFrom="sm" />
            <Text fw={500} c="dimmed" truncate visibleFrom="sm" data-testid="organisation-name">
              {user.organisation.name}
            </Text>
          </Group>
          <Group gap="sm" wrap="nowrap">
            <LanguageSwitcher onChange={(language) => updateProfile.mutate({ language })} />
            <UserMenu />
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="sm">
        <AdminNavbar onNavigate={navbar.close} />
      </AppShell.Navbar>
      <AppShell.Main>
        <Outlet />
      </AppShell.Main>
    </AppShell>
  );
}
