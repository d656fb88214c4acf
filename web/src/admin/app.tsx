import { BrowserRouter, Navigate, Route, Routes } from 'react-router-dom';
import { AccountsPage } from './accounts/accounts.page.tsx';
import { ApiKeysPage } from './api-keys/api-keys.page.tsx';
import { ExportsPage } from './exports/exports.page.tsx';
import { DuplicatesPage } from './duplicates/duplicates.page.tsx';
import { ConsentSettingsPage } from './consent/consent-settings.page.tsx';
import { BookingSiteSettingsPage } from './booking-site/booking-site-settings.page.tsx';
import { PrivacySettingsPage } from './privacy/privacy-settings.page.tsx';
import { IdentitySettingsPage } from './identity-settings/identity-settings.page.tsx';
import { BookingCreatePage } from './bookings/booking-create.page.tsx';
import { BookingListPage } from './bookings/booking-list.page.tsx';
import { BookingPage } from './bookings/booking.page.tsx';
import { PropertiesPage } from './properties/properties.page.tsx';
import { CartsPage } from './carts/carts.page.tsx';
import { CompaniesPage } from './companies/companies.page.tsx';
import { CompanyPage } from './companies/company.page.tsx';
import { CompanyDuplicatesPage } from './company-dedupe/company-duplicates.page.tsx';
import { GuestCreatePage } from './guests/guest-create.page.tsx';
import { GuestListPage } from './guests/guest-list.page.tsx';
import { GuestProfilePage } from './guests/guest-profile.page.tsx';
import { ImportExportPage } from './imports/import-export.page.tsx';
import { ImportPage } from './imports/import.page.tsx';
import { AdminLayout } from './layout/admin-layout.tsx';
import { mainNavigation, settingsNavigation } from './layout/navigation.ts';
import { ComingSoonPage } from './pages/coming-soon.page.tsx';
import { DashboardPage } from './pages/dashboard.page.tsx';
import { EmailTemplatesPage } from './email/email-templates.page.tsx';
import { MailLogPage } from './email/mail-log.page.tsx';
import { MergeWizardPage } from './merges/merge-wizard.page.tsx';
import { NotFoundPage } from './pages/not-found.page.tsx';
import { ProfilePage } from './pages/profile.page.tsx';
import { SignInPage } from './pages/sign-in.page.tsx';
import { GroupsPage } from './settings/groups/groups.page.tsx';
import { TagsPage } from './settings/tags/tags.page.tsx';
import { TitlesPage } from './settings/titles/titles.page.tsx';
import { RequireSession, SetupGate } from './session/session-gates.tsx';
import { StaffPage } from './staff/staff.page.tsx';
import { AuditLogPage } from './privacy-access/audit-log.page.tsx';
import { ThreadListPage } from './threads/thread-list.page.tsx';
import { ThreadPage } from './threads/thread.page.tsx';
import { CannedRepliesPage } from './canned-replies/canned-replies.page.tsx';
import { HotelContactsPage } from './hotel-contacts/hotel-contacts.page.tsx';

const plannedSections = [...mainNavigation, ...settingsNavigation].filter((item) => item.comingSoon);

/** Routes of the back office, served under /admin. */
export function AdminApp() {
  return (
    <BrowserRouter basename="/admin">
      <Routes>
        <Route element={<SetupGate />}>
          <Route path="sign-in" element={<SignInPage />} />
          <Route element={<RequireSession />}>
            <Route element={<AdminLayout />}>
              <Route index element={<DashboardPage />} />
              <Route path="profile" element={<ProfilePage />} />
              <Route path="guests" element={<GuestListPage />} />
              <Route path="guests/new" element={<GuestCreatePage />} />
              <Route path="guests/merge" element={<MergeWizardPage />} />
              <Route path="guests/import" element={<ImportPage />} />
              <Route path="import-export" element={<ImportExportPage />} />
              <Route path="duplicates" element={<DuplicatesPage />} />
              <Route path="guests/:id" element={<GuestProfilePage />} />
              <Route path="bookings" element={<BookingListPage />} />
              <Route path="bookings/new" element={<BookingCreatePage />} />
              <Route path="bookings/:id" element={<BookingPage />} />
              <Route path="carts" element={<CartsPage />} />
              <Route path="companies" element={<CompaniesPage />} />
              <Route path="companies/duplicates" element={<CompanyDuplicatesPage />} />
              <Route path="companies/:id" element={<CompanyPage />} />
              <Route path="exports" element={<ExportsPage />} />
              <Route path="settings/staff" element={<StaffPage />} />
              <Route path="settings/titles" element={<TitlesPage />} />
              <Route path="settings/tags" element={<TagsPage />} />
              <Route path="settings/groups" element={<GroupsPage />} />
              <Route path="settings/properties" element={<PropertiesPage />} />
              <Route path="settings/api-keys" element={<ApiKeysPage />} />
              <Route path="settings/accounts" element={<AccountsPage />} />
              <Route path="settings/booking-site" element={<BookingSiteSettingsPage />} />
              <Route path="settings/consent" element={<ConsentSettingsPage />} />
              <Route path="settings/privacy" element={<PrivacySettingsPage />} />
              <Route path="settings/identity" element={<IdentitySettingsPage />} />
              <Route path="settings/email-templates" element={<EmailTemplatesPage />} />
              <Route path="settings/mail-log" element={<MailLogPage />} />
              <Route path="settings/audit-log" element={<AuditLogPage />} />
              <Route path="threads" element={<ThreadListPage />} />
              <Route path="threads/:id" element={<ThreadPage />} />
              <Route path="inbox" element={<Navigate to="/threads" replace />} />
              <Route path="settings/contacts" element={<HotelContactsPage />} />
              <Route path="settings/canned-replies" element={<CannedRepliesPage />} />
              {plannedSections.map((item) => (
                <Route
                  key={item.key}
                  path={`${item.path.slice(1)}/*`}
                  element={<ComingSoonPage section={item.key} />}
                />
              ))}
              <Route path="*" element={<NotFoundPage />} />
            </Route>
          </Route>
        </Route>
      </Routes>
    </BrowserRouter>
  );
}
