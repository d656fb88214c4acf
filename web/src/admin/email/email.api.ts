import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, apiRequest } from '../../shared/api.ts';

export const EMAIL_EVENTS = [
  'account.created',
  'account.password_reset',
  'registration.staff_alert',
  'registration.validated',
  'booking.confirmation',
  'account.verify_email',
  'account.exists',
  'thread.reply',
  'thread.staff_alert',
  'company.invitation',
] as const;
export type EmailEvent = (typeof EMAIL_EVENTS)[number];
export const EMAIL_LANGUAGES = ['en', 'es', 'fr'] as const;
export type EmailLanguage = (typeof EMAIL_LANGUAGES)[number];
export const EMAIL_STATUSES = ['queued', 'sending', 'sent', 'failed', 'held'] as const;
export type EmailStatus = (typeof EMAIL_STATUSES)[number];

export interface EmailTemplate {
  event: EmailEvent;
  language: EmailLanguage;
  subject: string;
  bodyText: string;
  bodyHtml: string | null;
  placeholders: string[];
  customised: boolean;
  updatedAt: string | null;
  updatedBy: { type: string; id: string | null } | null;
}

export interface TemplateDraft {
  subject: string;
  bodyText: string;
  bodyHtml: string | null;
}

export interface EmailPreview {
  subject: string;
  bodyText: string;
  bodyHtml: string | null;
  data: Record<string, string>;
}

export interface EmailMessageSummary {
  id: string;
  event: string;
  to: string;
  language: string;
  subject: string;
  status: EmailStatus;
  attempts: number;
  nextAttemptAt: string | null;
  lastError: string | null;
  sentAt: string | null;
  messageId: string | null;
  guestId: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface EmailMessage extends EmailMessageSummary {
  bodyText: string;
  bodyHtml: string | null;
  /** One-time links shown in clear: no SMTP server, an unsent message, an owner viewing (issue 11, 19). */
  linksRevealed: boolean;
}

export interface MessageFilters {
  status?: EmailStatus | null;
  event?: EmailEvent | null;
  to?: string;
}

const templatePath = (event: string, language: string) =>
  `/email/templates/${encodeURIComponent(event)}/${encodeURIComponent(language)}`;

export function useEmailTemplate(event: EmailEvent, language: EmailLanguage) {
  return useQuery({
    queryKey: ['email-template', event, language],
    queryFn: ({ signal }) => api.get<EmailTemplate>(templatePath(event, language), signal),
  });
}

/** Renders the draft with sample data; errors name the field (shown inline). */
export function useTemplatePreview(event: EmailEvent, language: EmailLanguage, draft: TemplateDraft | null) {
  return useQuery({
    queryKey: ['email-preview', event, language, draft],
    queryFn: () => api.post<EmailPreview>(`${templatePath(event, language)}/preview`, draft ?? {}),
    enabled: draft !== null,
    placeholderData: keepPreviousData,
    retry: false,
  });
}

export function useSaveTemplate(event: EmailEvent, language: EmailLanguage) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (draft: TemplateDraft) =>
      apiRequest<EmailTemplate>('PUT', templatePath(event, language), { body: draft }),
    onSuccess: (saved) => queryClient.setQueryData(['email-template', event, language], saved),
  });
}

export function useResetTemplate(event: EmailEvent, language: EmailLanguage) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<EmailTemplate>(`${templatePath(event, language)}/reset`),
    onSuccess: (template) => queryClient.setQueryData(['email-template', event, language], template),
  });
}

const messagesKey = ['email-messages'] as const;

export function useEmailMessages(filters: MessageFilters) {
  return useInfiniteQuery({
    queryKey: [...messagesKey, filters],
    initialPageParam: null as string | null,
    queryFn: ({ pageParam, signal }) => {
      const params = new URLSearchParams({ limit: '50' });
      if (filters.status) params.set('status', filters.status);
      if (filters.event) params.set('event', filters.event);
      if (filters.to?.trim()) params.set('to', filters.to.trim());
      if (pageParam) params.set('cursor', pageParam);
      return api.get<{ items: EmailMessageSummary[]; nextCursor: string | null }>(
        `/email/messages?${params.toString()}`,
        signal,
      );
    },
    getNextPageParam: (last) => last.nextCursor,
    placeholderData: keepPreviousData,
    // The log follows the worker while something is waiting to leave.
    refetchInterval: (query) =>
      query.state.data?.pages.some((p) => p.items.some((m) => m.status === 'queued')) ? 3000 : 15_000,
  });
}

export function useEmailMessage(id: string | null) {
  return useQuery({
    queryKey: ['email-message', id],
    queryFn: ({ signal }) => api.get<EmailMessage>(`/email/messages/${encodeURIComponent(id ?? '')}`, signal),
    enabled: id !== null,
    refetchInterval: (query) => (query.state.data?.status === 'queued' ? 2000 : false),
  });
}

export function useRetryMessage() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.post<EmailMessage>(`/email/messages/${encodeURIComponent(id)}/retry`),
    onSuccess: (message) => {
      queryClient.setQueryData(['email-message', message.id], message);
      return queryClient.invalidateQueries({ queryKey: messagesKey });
    },
  });
}

export function useReleaseHeld() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<{ released: number }>('/email/messages/release-held'),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: messagesKey }),
  });
}
