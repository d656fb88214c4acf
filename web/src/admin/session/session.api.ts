import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { api, isApiError, setCsrfToken } from '../../shared/api.ts';
import { applyLanguage } from '../../shared/i18n.ts';
import type { Language, Session, User } from '../../shared/types.ts';

export const sessionQueryKey = ['auth', 'me'] as const;
export const setupStatusQueryKey = ['setup', 'status'] as const;

/** The signed-in session, or null when nobody is signed in (401). */
async function fetchSession(): Promise<Session | null> {
  try {
    const session = await api.get<Session>('/auth/me');
    setCsrfToken(session.csrfToken);
    return session;
  } catch (error) {
    if (isApiError(error) && error.status === 401) return null;
    throw error;
  }
}

export function useSessionQuery() {
  return useQuery({ queryKey: sessionQueryKey, queryFn: fetchSession, staleTime: Infinity, retry: false });
}

export function useSetupStatus() {
  return useQuery({
    queryKey: setupStatusQueryKey,
    queryFn: () => api.get<{ needsOwner: boolean }>('/setup/status'),
    staleTime: Infinity,
  });
}

/** Keeps a fresh session (CSRF token, user, the user's language) after login or setup. */
async function startSession(queryClient: QueryClient, session: Session): Promise<void> {
  setCsrfToken(session.csrfToken);
  queryClient.setQueryData(sessionQueryKey, session);
  await applyLanguage(session.user.language);
}

/** Forgets everything the signed-in user could see. */
export function endSession(queryClient: QueryClient): void {
  setCsrfToken(null);
  queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== 'setup' });
  queryClient.setQueryData(sessionQueryKey, null);
}

export interface Credentials {
  email: string;
  password: string;
}

export function useSignIn() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (credentials: Credentials) => api.post<Session>('/auth/login', credentials),
    onSuccess: (session) => startSession(queryClient, session),
    meta: { inlineErrors: true },
  });
}

export interface OwnerDetails extends Credentials {
  organisationName: string;
  name: string;
  language: Language;
}

export function useCreateOwner() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (owner: OwnerDetails) => api.post<Session>('/setup/owner', owner),
    onSuccess: async (session) => {
      queryClient.setQueryData(setupStatusQueryKey, { needsOwner: false });
      await startSession(queryClient, session);
    },
    meta: { inlineErrors: true },
  });
}

export function useSignOut() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<void>('/auth/logout'),
    // Whatever the server says, this browser is signed out.
    onSettled: () => endSession(queryClient),
    meta: { inlineErrors: true },
  });
}

export type ProfileChanges = Partial<Pick<User, 'name' | 'language'>>;

export function useUpdateProfile() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (changes: ProfileChanges) => api.patch<{ user?: User } | undefined>('/auth/me', changes),
    onSuccess: (answer, changes) => {
      const user = answer?.user ?? changes;
      queryClient.setQueryData<Session | null>(sessionQueryKey, (session) =>
        session ? { ...session, user: { ...session.user, ...user } } : session,
      );
    },
  });
}

export function useChangePassword() {
  return useMutation({
    mutationFn: (body: { currentPassword: string; newPassword: string }) => api.post<void>('/auth/password', body),
    meta: { inlineErrors: true },
  });
}
