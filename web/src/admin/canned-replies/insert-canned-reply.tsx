import { Button, Group, Menu } from '@mantine/core';
import { IconMessageDots } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { notifyError } from '../../shared/errors.ts';
import { renderCannedReply, useCannedReplies } from './canned-replies.api.ts';

/** The reply box's "Insert reply" menu: the thread contact's (and general) canned replies, filled for the thread. */
export function InsertCannedReply({
  threadId,
  hotelContactId,
  onInsert,
}: {
  threadId: string;
  hotelContactId: string | null;
  onInsert: (text: string) => void;
}) {
  const { t } = useTranslation();
  const replies = useCannedReplies();
  const offered = (replies.data?.items ?? []).filter((r) => !r.hotelContactId || r.hotelContactId === hotelContactId);
  if (offered.length === 0) return null;
  const insert = (id: string) =>
    renderCannedReply(id, threadId).then(
      (r) => onInsert(r.body),
      (err: unknown) => notifyError(err),
    );
  return (
    <Group>
      <Menu position="bottom-start" withinPortal>
        <Menu.Target>
          <Button variant="light" size="xs" leftSection={<IconMessageDots size={14} />} data-testid="canned-insert">
            {t('cannedReplies.insert')}
          </Button>
        </Menu.Target>
        <Menu.Dropdown>
          {offered.map((r) => (
            <Menu.Item key={r.id} onClick={() => void insert(r.id)} data-testid="canned-insert-item">
              {r.title}
            </Menu.Item>
          ))}
        </Menu.Dropdown>
      </Menu>
    </Group>
  );
}
