import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

/** The single-page apps and the URL prefix each one owns. */
const entries = { admin: 'admin.html', account: 'account.html', book: 'book.html' } as const;

/**
 * In development, serve each app's HTML for every path under its prefix
 * (`/admin/guests/42` → admin.html) the way the server does in production.
 */
function multiPageFallback(): Plugin {
  return {
    name: 'clientela-multi-page-fallback',
    configureServer(server) {
      server.middlewares.use((req, _res, next) => {
        const path = (req.url ?? '/').split('?')[0] ?? '/';
        for (const [prefix, html] of Object.entries(entries)) {
          const isAppPath = path === `/${prefix}` || (path.startsWith(`/${prefix}/`) && !path.includes('.'));
          if (isAppPath) req.url = `/${html}`;
        }
        next();
      });
    },
  };
}

export default defineConfig({
  root,
  base: '/',
  plugins: [react(), multiPageFallback()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    rolldownOptions: {
      input: {
        admin: fileURLToPath(new URL(entries.admin, import.meta.url)),
        account: fileURLToPath(new URL(entries.account, import.meta.url)),
        book: fileURLToPath(new URL(entries.book, import.meta.url)),
      },
      // Long-lived vendor chunks: they change far less often than the app code.
      output: {
        codeSplitting: {
          groups: [
            {
              name: 'vendor-react',
              priority: 3,
              test: /node_modules[\\/](react|react-dom|scheduler|react-router|react-router-dom|@tanstack)[\\/]/,
            },
            // The chart library (admin guest KPIs only), loaded on demand, apart from the shared vendor chunks.
            {
              name: 'vendor-charts',
              priority: 2,
              test: /node_modules[\\/](@mantine[\\/]charts|recharts|d3-[a-z-]+|victory-vendor|@reduxjs|redux|react-redux|immer|reselect|es-toolkit|decimal\.js-light|eventemitter3|internmap|tiny-invariant)[\\/]/,
            },
            {
              name: 'vendor-mantine',
              priority: 3,
              test: /node_modules[\\/](@mantine[\\/](?!charts)|@tabler|@floating-ui)/,
            },
            { name: 'shared', test: /web[\\/]src[\\/](shared|i18n)[\\/]/ },
            { name: 'vendor-i18n', priority: 3, test: /node_modules[\\/](i18next|react-i18next)[\\/]/ },
          ],
        },
      },
    },
  },
  server: {
    // The API runs on its own port in development (`npm start`).
    proxy: { '/api': process.env.CLIENTELA_API_URL ?? 'http://localhost:3000' },
  },
});
