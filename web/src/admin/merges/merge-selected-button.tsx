import { Button, Tooltip } from '@mantine/core';
import { IconArrowsJoin } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';

const MIN = 2;
const MAX = 10;

/** "Merge…" in the guest list's bulk bar: opens the merge wizard for 2–10 selected guests. */
export function MergeSelectedButton({ guestIds }: { guestIds: string[] }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const allowed = guestIds.length >= MIN && guestIds.length <= MAX;
  return (
    <Tooltip label={t('duplicates.merge.bulkHint', { min: MIN, max: MAX })} disabled={allowed}>
      <Button
        size="compact-sm"
        variant="white"
        leftSection={<IconArrowsJoin size={16} />}
        // data-disabled (not disabled) keeps the tooltip that says why.
        data-disabled={!allowed || undefined}
        onClick={(event) => {
          event.preventDefault();
          if (allowed) void navigate(`/guests/merge?ids=${guestIds.map(encodeURIComponent).join(',')}`);
        }}
        data-testid="bulk-merge"
      >
        {t('duplicates.actions.merge')}
      </Button>
    </Tooltip>
  );
}
