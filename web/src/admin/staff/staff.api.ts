import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../shared/api.ts';
import type { ItemList, Language, Role, User } from '../../shared/types.ts';

const staffQueryKey = ['staff'] as const;

export function useStaffList() {
  return useQuery({
    queryKey: staffQueryKey,
    queryFn: ({ signal }) => api.get<ItemList<User>>('/staff', signal),
  });
}

export interface NewStaffMember {
  name: string;
  email: string;
  role: Role;
  password: string;
  language: Language;
}

export function useCreateStaff() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (member: NewStaffMember) => api.post<User | { user: User }>('/staff', member),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: staffQueryKey }),
  });
}

export interface StaffChanges {
  name?: string;
  role?: Role;
  active?: boolean;
  language?: Language;
}

export function useUpdateStaff() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, changes }: { id: string; changes: StaffChanges }) =>
      api.patch<User | { user: User }>(`/staff/${encodeURIComponent(id)}`, changes),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: staffQueryKey }),
  });
}

/** Gives or takes back a receptionist's access to personal data (PUT …/extra-permissions). */
export function useSetPersonalDataAccess() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, granted }: { id: string; granted: boolean }) =>
      api.put<User>(`/staff/${encodeURIComponent(id)}/extra-permissions`, {
        permissions: granted ? ['personal-data:read'] : [],
      }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: staffQueryKey }),
  });
}
