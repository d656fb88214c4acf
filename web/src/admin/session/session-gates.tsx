import { Center, Loader } from '@mantine/core';
import { Navigate, Outlet, useLocation } from 'react-router-dom';
import { SetupOwnerPage } from '../pages/setup-owner.page.tsx';
import { ServerUnavailable } from '../pages/server-unavailable.tsx';
import { CurrentUserContext } from './session-context.tsx';
import { useSessionQuery, useSetupStatus } from './session.api.ts';

export function FullPageLoader() {
  return (
    <Center h="100vh">
      <Loader />
    </Center>
  );
}

/** On a fresh install (no owner yet) every admin URL shows the first-run form. */
export function SetupGate() {
  const status = useSetupStatus();
  if (status.isPending) return <FullPageLoader />;
  // An older server without the setup endpoint simply has an owner already.
  if (status.data?.needsOwner) return <SetupOwnerPage />;
  return <Outlet />;
}

/** Renders the signed-in pages, or sends the visitor to sign in (and back afterwards). */
export function RequireSession() {
  const session = useSessionQuery();
  const location = useLocation();
  if (session.isPending) return <FullPageLoader />;
  if (session.isError) return <ServerUnavailable onRetry={() => void session.refetch()} />;
  if (!session.data) return <Navigate to="/sign-in" replace state={{ from: location }} />;
  return (
    <CurrentUserContext.Provider value={session.data.user}>
      <Outlet />
    </CurrentUserContext.Provider>
  );
}
