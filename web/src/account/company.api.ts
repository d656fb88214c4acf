import { useQuery } from '@tanstack/react-query';
import { api } from '../shared/api.ts';

/** The company area of the customer account (/api/v1/account/company…, issue 15). */

export type CompanyRole = 'purchasing' | 'billing' | 'logistics' | 'support';

export interface AccountCompany {
  id: string;
  name: string;
  roles: CompanyRole[];
}

export interface CompanyBooking {
  id: string;
  reference: string;
  propertyName: string;
  roomTypeName: string;
  checkIn: string;
  checkOut: string;
  nights: number;
  adults: number;
  children: number;
  status: string;
  total: number;
  currency: string;
  travellers: string[];
  createdAt: string;
}

export type CompanyArrival = Omit<CompanyBooking, 'status' | 'total' | 'currency' | 'createdAt'>;

export interface CompanySupport {
  hotelName: string;
  contacts: { name: string; description: string; email: string }[];
}

export function useAccountCompanies() {
  return useQuery({
    queryKey: ['account', 'company'],
    queryFn: ({ signal }) => api.get<{ items: AccountCompany[] }>('/account/company', signal),
  });
}

export function useCompanyBookings(companyId: string, enabled: boolean) {
  return useQuery({
    queryKey: ['account', 'company', companyId, 'bookings'],
    queryFn: ({ signal }) =>
      api.get<{ items: CompanyBooking[] }>(`/account/company/${encodeURIComponent(companyId)}/bookings`, signal),
    enabled,
  });
}

export function useCompanyArrivals(companyId: string, enabled: boolean) {
  return useQuery({
    queryKey: ['account', 'company', companyId, 'arrivals'],
    queryFn: ({ signal }) =>
      api.get<{ items: CompanyArrival[] }>(`/account/company/${encodeURIComponent(companyId)}/arrivals`, signal),
    enabled,
  });
}

export function useCompanySupport(companyId: string, enabled: boolean) {
  return useQuery({
    queryKey: ['account', 'company', companyId, 'support'],
    queryFn: ({ signal }) =>
      api.get<CompanySupport>(`/account/company/${encodeURIComponent(companyId)}/support`, signal),
    enabled,
  });
}
