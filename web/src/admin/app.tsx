import { BrowserRouter, Route, Routes } from 'react-router-dom';
import { ApiKeysPage } from './api-keys/api-keys.page.tsx';
import { GuestCreatePage } from './guests/guest-create.page.tsx';
import { GuestListPage } from './guests/guest-list.page.tsx';
import { GuestProfilePage } from './guests/guest-profile.page.tsx';
import { AdminLayout } from './layout/admin-layout.tsx';
import { mainNavigation, settingsNavigation } from './layout/navigation.ts';
import { ComingSoonPage } from './pages/coming-soon.page.tsx';
import { DashboardPage } from './pages/dashboard.page.tsx';
import { NotFoundPage } from './pages/not-found.page.tsx';
import { ProfilePage } from './pages/profile.page.tsx';
import { SignInPage } from './pages/sign-in.page.tsx';
import { GroupsPage } from './settings/groups/groups.page.tsx';
import { TagsPage } from './settings/tags/tags.page.tsx';
import { TitlesPage } from './settings/titles/titles.page.tsx';
import { RequireSession, SetupGate } from './session/session-gates.tsx';
import { StaffPage } from './staff/staff.page.tsx';

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
              <Route path="guests/:id" element={<GuestProfilePage />} />
              <Route path="settings/staff" element={<StaffPage />} />
              <Route path="settings/titles" element={<TitlesPage />} />
              <Route path="settings/tags" element={<TagsPage />} />
              <Route path="settings/groups" element={<GroupsPage />} />
              <Route path="settings/api-keys" element={<ApiKeysPage />} />
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
