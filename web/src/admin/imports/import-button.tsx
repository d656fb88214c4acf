import { Button } from '@mantine/core';
import { IconFileImport } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';

/** "Import" on the guest list's header, next to "New guest". */
export function ImportButton() {
  const { t } = useTranslation();
  return (
    <Button
      component={Link}
      to="/guests/import"
      variant="default"
      leftSection={<IconFileImport size={18} />}
      data-testid="guest-import"
    >
      {t('imports.open')}
    </Button>
  );
}
