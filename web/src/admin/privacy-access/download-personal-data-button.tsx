import { Button, Tooltip } from '@mantine/core';
import { IconFileDownload } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { notifyError, notifySuccess } from '../../shared/errors.ts';
import { hasPermission, useCurrentUser } from '../session/session-context.tsx';
import { downloadGuestPersonalData } from './privacy-access.api.ts';

/** "Download personal data" on the guest profile (subject access, P-3); only for staff who may see personal data. */
export function DownloadPersonalDataButton({ guestId }: { guestId: string }) {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const download = useMutation({ mutationFn: () => downloadGuestPersonalData(guestId) });
  if (!hasPermission(user, 'guests:read') || !hasPermission(user, 'personal-data:read')) return null;
  return (
    <Tooltip label={t('privacyAccess.download.hint')} multiline w={280}>
      <Button
        variant="default"
        leftSection={<IconFileDownload size={16} />}
        mr="xs"
        loading={download.isPending}
        data-testid="download-personal-data"
        onClick={() =>
          download.mutate(undefined, {
            onSuccess: () => notifySuccess(t('privacyAccess.download.done')),
            onError: notifyError,
          })
        }
      >
        {t('privacyAccess.download.action')}
      </Button>
    </Tooltip>
  );
}
