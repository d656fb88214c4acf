import { Button, Card, Group, Text, Tooltip } from '@mantine/core';
import { IconEye, IconEyeOff, IconId } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../shared/api.ts';
import type { Guest, GuestDocument } from './guest.types.ts';

const SHOW_SECONDS = 30;

/**
 * The identity document as everyone sees it (number masked, SPEC P-5), with "Reveal" for staff who
 * hold personal-data:read: the full number comes from an audited call, shows for 30 s, and is
 * forgotten when the profile is left (the component unmounts: nothing is cached).
 */
export function GuestDocumentReveal({ guest, canReveal }: { guest: Guest; canReveal: boolean }) {
  const { t } = useTranslation();
  const [revealed, setRevealed] = useState<string | null>(null);
  const [left, setLeft] = useState(0);
  const reveal = useMutation({
    mutationFn: () => api.post<GuestDocument>(`/guests/${encodeURIComponent(guest.id)}/document/reveal`),
    onSuccess: (doc) => {
      setRevealed(doc.number);
      setLeft(SHOW_SECONDS);
    },
  });
  useEffect(() => {
    if (!revealed) return;
    const timer = setInterval(() => setLeft((s) => s - 1), 1000);
    return () => clearInterval(timer);
  }, [revealed]);
  useEffect(() => {
    if (revealed && left <= 0) setRevealed(null);
  }, [left, revealed]);
  // Another guest on the same page (navigation between profiles): forget the number at once.
  useEffect(() => () => setRevealed(null), [guest.id]);

  const masked = guest.document?.number;
  if (!masked) return null;
  return (
    <Card withBorder mb="md" padding="sm" data-testid="guest-document">
      <Group justify="space-between" wrap="nowrap">
        <Group gap="sm" wrap="nowrap">
          <IconId size={20} />
          <div>
            <Text size="xs" c="dimmed">
              {t('privacyDocuments.document')}
              {guest.document?.type ? ` · ${guest.document.type}` : ''}
              {guest.document?.issuingCountry ? ` · ${guest.document.issuingCountry}` : ''}
            </Text>
            <Text ff="monospace" fw={600} data-testid="guest-document-number">
              {revealed ?? masked}
            </Text>
            {revealed ? (
              <Text size="xs" c="dimmed" data-testid="guest-document-countdown">
                {t('privacyDocuments.revealed', { seconds: left })}
              </Text>
            ) : null}
          </div>
        </Group>
        {canReveal ? (
          revealed ? (
            <Button variant="subtle" size="xs" leftSection={<IconEyeOff size={14} />} onClick={() => setRevealed(null)}>
              {t('privacyDocuments.hide')}
            </Button>
          ) : (
            <Tooltip label={t('privacyDocuments.revealHint')} multiline w={260}>
              <Button
                variant="light"
                size="xs"
                leftSection={<IconEye size={14} />}
                loading={reveal.isPending}
                onClick={() => reveal.mutate()}
                data-testid="reveal-document"
              >
                {t('privacyDocuments.reveal')}
              </Button>
            </Tooltip>
          )
        ) : null}
      </Group>
    </Card>
  );
}
