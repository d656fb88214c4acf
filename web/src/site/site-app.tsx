import { Alert, Anchor, Box, Container, Group, Select, Text } from '@mantine/core';
import { IconUserCircle } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { BrowserRouter, Link, Route, Routes, useSearchParams } from 'react-router-dom';
import { describeError } from '../shared/errors.ts';
import { Brand } from '../shared/brand.tsx';
import { LanguageSwitcher } from '../shared/language-switcher.tsx';
import { CheckoutPage } from './checkout.page.tsx';
import { ContactPage } from './contact.page.tsx';
import { ConfirmationPage } from './confirmation.page.tsx';
import { HomePage } from './home.page.tsx';
import { RegisterCompanyPage } from './register-company.page.tsx';
import { useSiteInfo, useSiteProperties } from './site.api.ts';
import { usePropertyId } from './use-property.ts';

/** The hotel's public booking site, served under /book (SPEC B-1 … B-4, A-1, A-5). */
export function SiteApp() {
  return (
    <BrowserRouter basename="/book">
      <SiteLayout>
        <Routes>
          <Route index element={<HomePage />} />
          <Route path="checkout" element={<CheckoutPage />} />
          <Route path="confirmation" element={<ConfirmationPage />} />
          <Route path="contact" element={<ContactPage />} />
          <Route path="register-company" element={<RegisterCompanyPage />} />
          <Route path="*" element={<HomePage />} />
        </Routes>
      </SiteLayout>
    </BrowserRouter>
  );
}

function SiteLayout({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const propertyId = usePropertyId();
  const info = useSiteInfo(propertyId);
  const hotel = info.data?.property.hotelName ?? '';
  return (
    <Box mih="100vh" style={{ display: 'flex', flexDirection: 'column' }} bg="gray.0">
      <Box component="header" bg="white" style={{ borderBottom: '1px solid var(--mantine-color-gray-2)' }}>
        <Container size="lg" h={64}>
          <Group h="100%" justify="space-between" wrap="nowrap">
            <Anchor component={Link} to="/" underline="never" c="inherit" data-testid="site-home">
              <Brand label={hotel || t('site.title')} caption={info.data?.property.name} />
            </Anchor>
            <Group gap="xs" wrap="nowrap">
              <PropertyPicker current={propertyId} />
              <Anchor component={Link} to="/contact" size="sm" data-testid="site-contact-link">
                {t('siteContact.link')}
              </Anchor>
              {info.data && !info.data.customer ? (
                <Anchor component={Link} to="/register-company" size="sm" data-testid="site-register-company-link">
                  {t('companyRegistration.site.link')}
                </Anchor>
              ) : null}
              <Anchor href="/account" size="sm" data-testid="site-account-link">
                <Group gap={6} wrap="nowrap">
                  <IconUserCircle size={18} />
                  {info.data?.customer
                    ? t('site.header.signedInAs', { name: info.data.customer.firstName })
                    : t('site.header.myAccount')}
                </Group>
              </Anchor>
              <LanguageSwitcher />
            </Group>
          </Group>
        </Container>
      </Box>
      <Box component="main" style={{ flex: 1 }}>
        <SiteUnavailable />
        {children}
      </Box>
      <Box component="footer" py="lg" bg="dark.7">
        <Container size="lg">
          <Text size="sm" c="gray.4">
            {t('site.footer', { hotel: hotel || t('site.title'), year: new Date().getFullYear() })}
          </Text>
        </Container>
      </Box>
    </Box>
  );
}

/** The organisation's properties, when it has several (issue 11 #23): `?property=` chooses. */
function PropertyPicker({ current }: { current: string | undefined }) {
  const { t } = useTranslation();
  const properties = useSiteProperties();
  const [params, setParams] = useSearchParams();
  const items = properties.data?.items ?? [];
  if (items.length < 2) return null;
  return (
    <Select
      aria-label={t('site.picker.label')}
      size="xs"
      w={200}
      allowDeselect={false}
      data={items.map((p) => ({ value: p.id, label: p.name }))}
      value={current ?? null}
      onChange={(id) => {
        if (!id) return;
        const next = new URLSearchParams(params);
        next.set('property', id);
        setParams(next);
      }}
      data-testid="property-picker"
    />
  );
}

/** This address is no organisation's booking site (404 site_not_found), or the server is down. */
function SiteUnavailable() {
  const properties = useSiteProperties();
  if (!properties.isError) return null;
  return (
    <Container size="sm" py="xl">
      <Alert color="red" data-testid="site-unavailable">
        {describeError(properties.error)}
      </Alert>
    </Container>
  );
}
