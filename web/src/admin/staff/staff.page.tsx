import {
  ActionIcon,
  Alert,
  Avatar,
  Badge,
  Button,
  Card,
  Group,
  Skeleton,
  Switch,
  Table,
  Text,
  Tooltip,
} from '@mantine/core';
import { IconPencil, IconUserPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { describeError, notifySuccess } from '../../shared/errors.ts';
import { useFormat } from '../../shared/format.ts';
import { PageHeader } from '../../shared/page-header.tsx';
import type { Role, User } from '../../shared/types.ts';
import { initialsOf } from '../layout/user-menu.tsx';
import { ForbiddenState } from '../pages/not-found.page.tsx';
import { hasPermission, useCurrentUser } from '../session/session-context.tsx';
import { SignInEventsCard } from './sign-in-events-card.tsx';
import { StaffFormModal } from './staff-form-modal.tsx';
import { useSetPersonalDataAccess, useStaffList } from './staff.api.ts';

const roleColors: Record<Role, string> = {
  owner: 'grape',
  manager: 'indigo',
  reception: 'teal',
  marketing: 'orange',
  read_only: 'gray',
};

type Editing = { mode: 'create' } | { mode: 'edit'; member: User } | null;

/** Settings → Staff: who can sign in to the back office, with which role. */
export function StaffPage() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const canManage = hasPermission(user, 'staff:write');
  // Managers (staff:read, no staff:write) still see the list to trust reception with personal data.
  const canGrantPersonalData = hasPermission(user, 'staff:read') && hasPermission(user, 'personal-data:read');
  const [editing, setEditing] = useState<Editing>(null);

  return (
    <>
      <PageHeader
        title={t('nav.staff')}
        description={t('sections.staff')}
        actions={
          canManage ? (
            <Button leftSection={<IconUserPlus size={18} />} onClick={() => setEditing({ mode: 'create' })}>
              {t('staff.create')}
            </Button>
          ) : null
        }
      />
      {canManage || canGrantPersonalData ? (
        <StaffTable
          onEdit={canManage ? (member) => setEditing({ mode: 'edit', member }) : undefined}
          canGrantPersonalData={canGrantPersonalData}
        />
      ) : (
        <ForbiddenState />
      )}
      {hasPermission(user, 'audit:read') ? <SignInEventsCard /> : null}
      <StaffFormModal
        opened={editing !== null}
        onClose={() => setEditing(null)}
        member={editing?.mode === 'edit' ? editing.member : undefined}
        isSelf={editing?.mode === 'edit' && editing.member.id === user.id}
      />
    </>
  );
}

function StaffTable({
  onEdit,
  canGrantPersonalData,
}: {
  onEdit: ((member: User) => void) | undefined;
  canGrantPersonalData: boolean;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const staff = useStaffList();
  const setAccess = useSetPersonalDataAccess();

  if (staff.isError) {
    return (
      <Alert color="red" title={t('errors.title')}>
        {describeError(staff.error)}
      </Alert>
    );
  }

  const rows = staff.data?.items.map((member) => (
    <Table.Tr key={member.id} data-testid="staff-row" opacity={member.active ? 1 : 0.6}>
      <Table.Td>
        <Group gap="sm" wrap="nowrap">
          <Avatar color={roleColors[member.role]} radius="xl" size={32}>
            {initialsOf(member.name)}
          </Avatar>
          <div>
            <Text size="sm" fw={600}>
              {member.name}
            </Text>
            <Text size="xs" c="dimmed">
              {member.email}
            </Text>
          </div>
        </Group>
      </Table.Td>
      <Table.Td>
        <Badge variant="light" color={roleColors[member.role]}>
          {t(`roles.${member.role}`)}
        </Badge>
      </Table.Td>
      <Table.Td>{t(`language.name.${member.language}`)}</Table.Td>
      <Table.Td>
        <Badge variant="dot" color={member.active ? 'teal' : 'gray'}>
          {member.active ? t('staff.status.active') : t('staff.status.inactive')}
        </Badge>
      </Table.Td>
      <Table.Td>
        {member.role === 'reception' ? (
          <Tooltip label={t('privacyDocuments.staffToggleHint')} multiline w={280}>
            <Switch
              aria-label={t('privacyDocuments.staffToggle')}
              data-testid="personal-data-toggle"
              checked={member.extraPermissions?.includes('personal-data:read') ?? false}
              disabled={!canGrantPersonalData || setAccess.isPending}
              onChange={(event) => {
                const granted = event.currentTarget.checked;
                setAccess.mutate(
                  { id: member.id, granted },
                  {
                    onSuccess: () =>
                      notifySuccess(t(granted ? 'privacyDocuments.granted' : 'privacyDocuments.revoked')),
                  },
                );
              }}
            />
          </Tooltip>
        ) : (
          <Tooltip label={t('privacyDocuments.staffToggleOnlyReception')} multiline w={280}>
            <Text size="sm" c="dimmed">
              {member.permissions.includes('personal-data:read') || member.permissions.includes('admin') ? '✓' : '—'}
            </Text>
          </Tooltip>
        )}
      </Table.Td>
      <Table.Td>
        <Text size="sm" c={member.lastLoginAt ? undefined : 'dimmed'}>
          {member.lastLoginAt ? format.dateTime(member.lastLoginAt) : t('staff.neverSignedIn')}
        </Text>
      </Table.Td>
      <Table.Td ta="right">
        {onEdit ? (
          <Tooltip label={t('actions.edit')}>
            <ActionIcon variant="subtle" color="gray" aria-label={t('actions.edit')} onClick={() => onEdit(member)}>
              <IconPencil size={18} />
            </ActionIcon>
          </Tooltip>
        ) : null}
      </Table.Td>
    </Table.Tr>
  ));

  return (
    <Card p={0}>
      <Table.ScrollContainer minWidth={760}>
        <Table verticalSpacing="sm" horizontalSpacing="lg" highlightOnHover>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('fields.name')}</Table.Th>
              <Table.Th>{t('fields.role')}</Table.Th>
              <Table.Th>{t('fields.language')}</Table.Th>
              <Table.Th>{t('fields.status')}</Table.Th>
              <Table.Th>{t('privacyDocuments.staffToggle')}</Table.Th>
              <Table.Th>{t('staff.lastSignIn')}</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {staff.isPending
              ? [0, 1, 2].map((row) => (
                  <Table.Tr key={row}>
                    <Table.Td colSpan={7}>
                      <Skeleton h={28} />
                    </Table.Td>
                  </Table.Tr>
                ))
              : rows}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Card>
  );
}
