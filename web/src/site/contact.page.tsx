import {
  Alert,
  Button,
  Card,
  Container,
  Group,
  Select,
  SimpleGrid,
  Stack,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import { IconSend } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../shared/api.ts';
import { AttachmentPicker, toUploads, useAttachmentError } from '../shared/attachments.tsx';
import { describeError, fieldErrorsOf } from '../shared/errors.ts';
import { Honeypot } from './honeypot.tsx';

interface ContactForm {
  formToken: string;
  contacts: { id: string; name: string; description: string; propertyId: string | null }[];
}

const langOf = (l: string) => (['en', 'es', 'fr'].includes(l.slice(0, 2)) ? l.slice(0, 2) : 'en');

/**
 * The booking site's contact form (`/book/contact`, M-3): anonymous, with the form token (the
 * server turns away forms sent within seconds of being shown) and a honeypot field people never see.
 */
export function ContactPage() {
  const { t, i18n } = useTranslation();
  const lang = langOf(i18n.language);
  const form = useQuery({
    queryKey: ['site', 'contact-form', lang],
    queryFn: ({ signal }) => api.get<ContactForm>(`/public/contact/form?lang=${lang}`, signal),
    staleTime: Infinity,
  });
  const [values, setValues] = useState({
    hotelContactId: '',
    firstName: '',
    lastName: '',
    email: '',
    phone: '',
    subject: '',
    message: '',
    bookingReference: '',
    website: '',
  });
  const send = useMutation({
    meta: { inlineErrors: true },
    mutationFn: (body: Record<string, unknown>) => api.post<{ threadId: string }>('/public/contact', body),
  });
  const errors = fieldErrorsOf(send.error);
  const [files, setFiles] = useState<File[]>([]);
  const fileError = useAttachmentError(send.error, files);
  const set = (k: keyof typeof values) => (v: string) => setValues((s) => ({ ...s, [k]: v }));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const optional = (v: string) => (v.trim() ? v.trim() : undefined);
    const attachments = files.length ? await toUploads(files) : undefined;
    send.mutate({
      attachments,
      hotelContactId: values.hotelContactId,
      firstName: values.firstName,
      lastName: values.lastName,
      email: values.email,
      phone: optional(values.phone),
      subject: values.subject,
      message: values.message,
      bookingReference: optional(values.bookingReference),
      language: lang,
      formToken: form.data?.formToken,
      website: values.website,
    });
  };

  return (
    <Container size="sm" py="xl">
      <Title order={1} mb="md">
        {t('siteContact.title')}
      </Title>
      {send.isSuccess ? (
        <Alert color="teal" data-testid="site-contact-sent">
          {t('siteContact.sent')}
        </Alert>
      ) : (
        <Card withBorder radius="lg">
          <form onSubmit={(e) => void submit(e)} data-testid="site-contact-form">
            <Stack>
              {form.isError && <Alert color="red">{describeError(form.error)}</Alert>}
              <Select
                label={t('siteContact.contact')}
                data={(form.data?.contacts ?? []).map((c) => ({ value: c.id, label: c.name }))}
                value={values.hotelContactId || null}
                onChange={(v) => set('hotelContactId')(v ?? '')}
                error={errors.hotelContactId}
                required
                data-testid="site-contact-to"
              />
              <SimpleGrid cols={{ base: 1, sm: 2 }}>
                <TextInput
                  label={t('siteContact.firstName')}
                  value={values.firstName}
                  onChange={(e) => set('firstName')(e.currentTarget.value)}
                  error={errors.firstName}
                  required
                  maxLength={100}
                />
                <TextInput
                  label={t('siteContact.lastName')}
                  value={values.lastName}
                  onChange={(e) => set('lastName')(e.currentTarget.value)}
                  error={errors.lastName}
                  required
                  maxLength={100}
                />
                <TextInput
                  type="email"
                  label={t('siteContact.email')}
                  value={values.email}
                  onChange={(e) => set('email')(e.currentTarget.value)}
                  error={errors.email}
                  required
                />
                <TextInput
                  label={t('siteContact.phone')}
                  value={values.phone}
                  onChange={(e) => set('phone')(e.currentTarget.value)}
                  error={errors.phone}
                  maxLength={40}
                />
              </SimpleGrid>
              <TextInput
                label={t('siteContact.bookingReference')}
                value={values.bookingReference}
                onChange={(e) => set('bookingReference')(e.currentTarget.value)}
                error={errors.bookingReference}
                maxLength={100}
              />
              <TextInput
                label={t('siteContact.subject')}
                value={values.subject}
                onChange={(e) => set('subject')(e.currentTarget.value)}
                error={errors.subject}
                required
                maxLength={200}
              />
              <Textarea
                label={t('siteContact.message')}
                value={values.message}
                onChange={(e) => set('message')(e.currentTarget.value)}
                error={errors.message}
                autosize
                minRows={5}
                maxLength={20000}
                required
              />
              <AttachmentPicker value={files} onChange={setFiles} error={fileError} />
              <Honeypot value={values.website} onChange={set('website')} />
              {send.isError && !fileError && !Object.keys(errors).length && (
                <Alert color="red">{describeError(send.error)}</Alert>
              )}
              <Group justify="flex-end">
                <Button type="submit" leftSection={<IconSend size={16} />} loading={send.isPending}>
                  {t('siteContact.send')}
                </Button>
              </Group>
            </Stack>
          </form>
        </Card>
      )}
    </Container>
  );
}
