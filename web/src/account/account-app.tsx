import { AppShell, Box, Burger, Button, Center, Container, Group, Loader, NavLink, Stack } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import {
  IconBuilding,
  IconCalendarEvent,
  IconHome,
  IconKey,
  IconLogout,
  IconMessages,
  IconTrash,
  IconUserEdit,
} from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { BrowserRouter, Link, Navigate, Outlet, Route, Routes, useLocation, useNavigate } from 'react-router-dom';
import { Brand } from '../shared/brand.tsx';
import { LanguageSwitcher } from '../shared/language-switcher.tsx';
import { useAccountSite, useCustomer, useSignOut } from './account.api.ts';
import { BookingPage, BookingsPage } from './pages/bookings.page.tsx';
import { ChangePasswordPage } from './pages/change-password.page.tsx';
import { DashboardPage } from './pages/dashboard.page.tsx';
import { AccountDeletedPage, DeleteAccountPage } from './pages/delete-account.page.tsx';
import { DetailsPage } from './pages/details.page.tsx';
import { ForgotPasswordPage, RegisterPage, SignInPage, TokenPasswordPage } from './pages/auth.pages.tsx';
import { VerifyEmailPage } from './pages/verify-email.page.tsx';
import { useAccountCompanies } from './company.api.ts';
import { CompanyPage } from './pages/company.page.tsx';
import { CompanyThreadPage, NewCompanyThreadPage } from './pages/company-threads.page.tsx';
import { NewThreadPage, ThreadPage, ThreadsPage } from './pages/threads.page.tsx';

/** The guests' own area of the booking site, served under /account (A-3). */
export function AccountApp() {
  return (
    <BrowserRouter basename="/account">
      <Routes>
        <Route element={<PublicLayout />}>
          <Route path="sign-in" element={<SignInPage />} />
          <Route path="register" element={<RegisterPage />} />
          <Route path="forgot-password" element={<ForgotPasswordPage />} />
          <Route path="set-password" element={<TokenPasswordPage kind="set" />} />
          <Route path="reset-password" element={<TokenPasswordPage kind="reset" />} />
          <Route path="verify-email" element={<VerifyEmailPage />} />
          <Route path="deleted" element={<AccountDeletedPage />} />
        </Route>
        <Route element={<CustomerLayout />}>
          <Route index element={<DashboardPage />} />
          <Route path="bookings" element={<BookingsPage />} />
          <Route path="bookings/:id" element={<BookingPage />} />
          <Route path="messages" element={<ThreadsPage />} />
          <Route path="messages/new" element={<NewThreadPage />} />
          <Route path="messages/:id" element={<ThreadPage />} />
          <Route path="details" element={<DetailsPage />} />
          <Route path="password" element={<ChangePasswordPage />} />
          <Route path="delete-account" element={<DeleteAccountPage />} />
          <Route path="company" element={<CompanyPage />} />
          <Route path="company/:companyId/messages/new" element={<NewCompanyThreadPage />} />
          <Route path="company/:companyId/messages/:id" element={<CompanyThreadPage />} />
          <Route path="*" element={<Navigate to="/" replace />} />
        </Route>
      </Routes>
    </BrowserRouter>
  );
}

/** The hotel's name for the header (falls back to a neutral label while it loads). */
export function useHotelName(): string {
  const { t } = useTranslation();
  return useAccountSite().data?.hotelName || t('account.hotelName');
}

function Header({ children }: { children?: ReactNode }) {
  const { t } = useTranslation();
  const hotelName = useHotelName();
  return (
    <Container size="lg" h="100%">
      <Group h="100%" justify="space-between" wrap="nowrap">
        <Group gap="sm" wrap="nowrap">
          {children}
          <Link to="/" style={{ color: 'inherit', textDecoration: 'none' }}>
            <Brand label={hotelName} caption={t('account.title')} />
          </Link>
        </Group>
        <LanguageSwitcher />
      </Group>
    </Container>
  );
}

/** Sign-in, registration and password pages: one centred card on the brand backdrop. */
function PublicLayout() {
  return (
    <AppShell header={{ height: 64 }} padding={0}>
      <AppShell.Header>
        <Header />
      </AppShell.Header>
      <AppShell.Main>
        <Box className="auth-backdrop" style={{ minHeight: 'calc(100vh - 64px)' }}>
          <Container size={480} py={56}>
            <Outlet />
          </Container>
        </Box>
      </AppShell.Main>
    </AppShell>
  );
}

const NAV = [
  { to: '/', key: 'dashboard', icon: IconHome, testId: 'nav-dashboard' },
  { to: '/bookings', key: 'bookings', icon: IconCalendarEvent, testId: 'nav-bookings' },
  { to: '/messages', key: 'messages', icon: IconMessages, testId: 'nav-messages' },
  { to: '/details', key: 'details', icon: IconUserEdit, testId: 'nav-details' },
  { to: '/password', key: 'password', icon: IconKey, testId: 'nav-password' },
] as const;

/** The signed-in area: a side menu and the page; signed-out visitors go to the sign-in page. */
function CustomerLayout() {
  const { t } = useTranslation();
  const customer = useCustomer();
  const location = useLocation();
  const navigate = useNavigate();
  const signOut = useSignOut();
  const [opened, { toggle, close }] = useDisclosure();

  if (customer.isPending) {
    return (
      <Center h="100vh">
        <Loader />
      </Center>
    );
  }
  if (!customer.data) return <Navigate to="/sign-in" replace state={{ from: location }} />;

  const active = (to: string) => (to === '/' ? location.pathname === '/' : location.pathname.startsWith(to));
  return (
    <AppShell
      header={{ height: 64 }}
      navbar={{ width: 260, breakpoint: 'sm', collapsed: { mobile: !opened } }}
      padding="lg"
    >
      <AppShell.Header>
        <Header>
          <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label={t('accountArea.nav.menu')} />
        </Header>
      </AppShell.Header>
      <AppShell.Navbar p="md">
        <Stack gap={4} h="100%">
          {NAV.map((item) => (
            <NavLink
              key={item.key}
              component={Link}
              to={item.to}
              label={t(`accountArea.nav.${item.key}`)}
              leftSection={<item.icon size={18} />}
              active={active(item.to)}
              onClick={close}
              data-testid={item.testId}
              style={{ borderRadius: 'var(--mantine-radius-md)' }}
            />
          ))}
          <CompanyNavLink active={active('/company')} onClick={close} />
          <Box style={{ flex: 1 }} />
          <NavLink
            component={Link}
            to="/delete-account"
            label={t('privacyFlows.account.nav')}
            leftSection={<IconTrash size={18} />}
            active={active('/delete-account')}
            onClick={close}
            color="red"
            c="red"
            data-testid="nav-delete-account"
            style={{ borderRadius: 'var(--mantine-radius-md)' }}
          />
          <Button
            variant="subtle"
            color="gray"
            justify="flex-start"
            leftSection={<IconLogout size={18} />}
            loading={signOut.isPending}
            data-testid="sign-out"
            onClick={() => signOut.mutate(undefined, { onSettled: () => void navigate('/sign-in', { replace: true }) })}
          >
            {t('accountArea.nav.signOut')}
          </Button>
        </Stack>
      </AppShell.Navbar>
      <AppShell.Main>
        <Container size="md" px={0}>
          <Outlet />
        </Container>
      </AppShell.Main>
    </AppShell>
  );
}

/** "Company" in the menu, only for a contact of a company (issue 15). */
function CompanyNavLink({ active, onClick }: { active: boolean; onClick: () => void }) {
  const { t } = useTranslation();
  const companies = useAccountCompanies();
  if (!companies.data?.items.length) return null;
  return (
    <NavLink
      component={Link}
      to="/company"
      label={t('accountCompany.nav')}
      leftSection={<IconBuilding size={18} />}
      active={active}
      onClick={onClick}
      data-testid="nav-company"
      style={{ borderRadius: 'var(--mantine-radius-md)' }}
    />
  );
}
