import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { AppProviders } from '../shared/app-providers.tsx';
import { initI18n } from '../shared/i18n.ts';
import { createQueryClient } from '../shared/query-client.ts';
import { SiteApp } from './site-app.tsx';

initI18n();
const queryClient = createQueryClient();

const root = document.getElementById('root');
if (!root) throw new Error('#root is missing from book.html');

createRoot(root).render(
  <StrictMode>
    <AppProviders queryClient={queryClient}>
      <SiteApp />
    </AppProviders>
  </StrictMode>,
);
