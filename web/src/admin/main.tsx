import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { AppProviders } from '../shared/app-providers.tsx';
import { initI18n } from '../shared/i18n.ts';
import { createQueryClient } from '../shared/query-client.ts';
import { AdminApp } from './app.tsx';
import { endSession } from './session/session.api.ts';

initI18n();

// Any 401 means the session is gone: forget the user, the router then shows sign-in.
const queryClient = createQueryClient({ onUnauthenticated: () => endSession(queryClient) });

const root = document.getElementById('root');
if (!root) throw new Error('#root is missing from admin.html');

createRoot(root).render(
  <StrictMode>
    <AppProviders queryClient={queryClient}>
      <AdminApp />
    </AppProviders>
  </StrictMode>,
);
