import { useQuery } from '@tanstack/react-query';
import { api } from '../shared/api.ts';
import type { RolesResponse } from '../shared/types.ts';

/** Staff roles with their permissions, and the scopes an API key can have. */
export function useRoles() {
  return useQuery({
    queryKey: ['auth', 'roles'],
    queryFn: ({ signal }) => api.get<RolesResponse>('/auth/roles', signal),
    staleTime: Infinity,
  });
}
