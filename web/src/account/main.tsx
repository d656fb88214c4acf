import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { AppProviders } from '../shared/app-providers.tsx';
import { initI18n } from '../shared/i18n.ts';
import { createQueryClient } from '../shared/query-client.ts';
import { AccountApp } from './account-app.tsx';

initI18n();
// A customer request answering 401 means the session ended: the area goes back to sign-in.
const queryClient = createQueryClient({
  onUnauthenticated: () => queryClient.setQueryData(['account', 'me'], null),
});

const root = document.getElementById('root');
if (!root) throw new Error('#root is missing from account.html');

createRoot(root).render(
  <StrictMode>
    <AppProviders queryClient={queryClient}>
      <AccountApp />
    </AppProviders>
  </StrictMode>,
);
