import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { isApiError } from './api.ts';
import { notifyError } from './errors.ts';

declare module '@tanstack/react-query' {
  interface Register {
    mutationMeta: {
      /** The form shows this mutation's errors itself: no global notification. */
      inlineErrors?: boolean;
    };
  }
}

interface QueryClientOptions {
  /** Called when any request answers 401: the session ended (expired, signed out elsewhere). */
  onUnauthenticated?: () => void;
}

/** One QueryClient per app: mutation errors become notifications, a 401 ends the session. */
export function createQueryClient(options: QueryClientOptions = {}): QueryClient {
  const handleUnauthenticated = (error: unknown) => {
    if (isApiError(error) && error.status === 401) options.onUnauthenticated?.();
  };
  return new QueryClient({
    queryCache: new QueryCache({ onError: handleUnauthenticated }),
    mutationCache: new MutationCache({
      onError: (error, _variables, _context, mutation) => {
        handleUnauthenticated(error);
        if (!mutation.meta?.inlineErrors) notifyError(error);
      },
    }),
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        refetchOnWindowFocus: false,
        // Client errors will not fix themselves: retry only network and server failures.
        retry: (failureCount, error) =>
          failureCount < 2 && (!isApiError(error) || error.status === 0 || error.status >= 500),
      },
    },
  });
}
