import { Alert, Anchor, Button, Card, Checkbox, Group, Skeleton, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { isApiError } from '../../shared/api.ts';
import { describeError, fieldErrorsOf } from '../../shared/errors.ts';
import { GuestPicker, personPayload, type PersonChoice } from '../bookings/guest-picker.tsx';
import {
  CONTACT_ROLES,
  useAddContact,
  useCompanyContacts,
  useRemoveContact,
  useUpdateContact,
  type Contact,
  type ContactRole,
} from './companies.api.ts';

const isPurchasingTaken = (error: unknown) => isApiError(error) && error.code === 'purchasing_contact_exists';

/** A company's contacts with their roles; the one-purchasing-contact rule explained where roles are chosen. */
export function CompanyContacts({ companyId, canWrite }: { companyId: string; canWrite: boolean }) {
  const { t } = useTranslation();
  const contacts = useCompanyContacts(companyId);
  const update = useUpdateContact(companyId);
  const remove = useRemoveContact(companyId);
  const [pending, setPending] = useState<{ guestId: string; roles: ContactRole[] } | null>(null);
  const items = contacts.data?.items ?? [];
  const holder = items.find((c) => c.roles.includes('purchasing'));
  const nameOf = (c: Contact | undefined) => (c ? `${c.firstName} ${c.lastName}`.trim() : '');

  const changeRoles = (contact: Contact, roles: ContactRole[], transferPurchasing = false) => {
    setPending({ guestId: contact.guestId, roles });
    update.mutate({ guestId: contact.guestId, roles, transferPurchasing }, { onSuccess: () => setPending(null) });
  };

  return (
    <Card withBorder>
      <Title order={4} mb="xs">
        {t('companies.contacts.title')}
      </Title>
      <Text size="sm" c="dimmed" mb="sm" data-testid="purchasing-rule">
        {t('companies.contacts.rule')}
      </Text>
      {!contacts.data ? (
        <Skeleton h={60} />
      ) : items.length === 0 ? (
        <Text c="dimmed">{t('companies.contacts.empty')}</Text>
      ) : (
        <Table data-testid="company-contacts">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('companies.contacts.name')}</Table.Th>
              <Table.Th>{t('companies.contacts.email')}</Table.Th>
              <Table.Th>{t('companies.contacts.roles')}</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((c) => (
              <Table.Tr key={c.guestId} data-testid="company-contact-row">
                <Table.Td>
                  <Anchor component={Link} to={`/guests/${c.guestId}`}>
                    {nameOf(c) || c.guestId}
                  </Anchor>
                  {c.invitedAt ? (
                    <Text size="xs" c="dimmed">
                      {t('companies.contacts.invited')}
                    </Text>
                  ) : null}
                </Table.Td>
                <Table.Td>{c.email ?? '—'}</Table.Td>
                <Table.Td>
                  <Group gap="xs">
                    {CONTACT_ROLES.map((role) => (
                      <Checkbox
                        key={role}
                        label={t(`companies.roles.${role}`)}
                        checked={c.roles.includes(role)}
                        disabled={!canWrite || update.isPending}
                        onChange={(e) =>
                          changeRoles(
                            c,
                            e.currentTarget.checked ? [...c.roles, role] : c.roles.filter((r) => r !== role),
                          )
                        }
                        data-testid={`role-${role}`}
                      />
                    ))}
                  </Group>
                </Table.Td>
                <Table.Td>
                  {canWrite ? (
                    <Button size="xs" variant="subtle" color="red" onClick={() => remove.mutate(c.guestId)}>
                      {t('companies.contacts.remove')}
                    </Button>
                  ) : null}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {pending && isPurchasingTaken(update.error) ? (
        <Alert color="orange" mt="sm" data-testid="purchasing-taken">
          <Stack gap="xs">
            <Text size="sm">{t('companies.contacts.taken', { name: nameOf(holder) })}</Text>
            <Group>
              <Button
                size="xs"
                onClick={() => {
                  const contact = items.find((c) => c.guestId === pending.guestId);
                  if (contact) changeRoles(contact, pending.roles, true);
                }}
                data-testid="purchasing-transfer"
              >
                {t('companies.contacts.transfer', { name: nameOf(holder) })}
              </Button>
              <Button size="xs" variant="default" onClick={() => setPending(null)}>
                {t('companies.common.cancel')}
              </Button>
            </Group>
          </Stack>
        </Alert>
      ) : update.isError && !isPurchasingTaken(update.error) ? (
        <Alert color="red" mt="sm">
          {describeError(update.error)}
        </Alert>
      ) : null}
      {canWrite ? <AddContact companyId={companyId} holderName={nameOf(holder)} /> : null}
    </Card>
  );
}

/** "Add contact": an existing guest or a new person (found or created by the identity resolver), with roles. */
function AddContact({ companyId, holderName }: { companyId: string; holderName: string }) {
  const { t } = useTranslation();
  const add = useAddContact(companyId);
  const [person, setPerson] = useState<PersonChoice>(null);
  const [roles, setRoles] = useState<ContactRole[]>([]);
  // A new picker after each contact added (it keeps what was typed in its search box otherwise).
  const [round, setRound] = useState(0);
  const payload = personPayload(person);
  const submit = (transferPurchasing = false) =>
    payload &&
    add.mutate(
      { ...payload, roles, transferPurchasing },
      {
        onSuccess: () => {
          setPerson(null);
          setRoles([]);
          setRound((r) => r + 1);
        },
      },
    );
  return (
    <Stack mt="md" gap="xs" data-testid="add-contact">
      <Text fw={500}>{t('companies.contacts.add')}</Text>
      <GuestPicker
        key={round}
        value={person}
        onChange={setPerson}
        errors={fieldErrorsOf(add.error)}
        label={t('companies.contacts.person')}
        testId="contact-person"
      />
      <Checkbox.Group value={roles} onChange={(v) => setRoles(v)} label={t('companies.contacts.roles')}>
        <Group gap="xs" mt={4}>
          {CONTACT_ROLES.map((role) => (
            <Checkbox key={role} value={role} label={t(`companies.roles.${role}`)} data-testid={`new-role-${role}`} />
          ))}
        </Group>
      </Checkbox.Group>
      <Text size="xs" c="dimmed">
        {t('companies.contacts.inviteHint')}
      </Text>
      {isPurchasingTaken(add.error) ? (
        <Alert color="orange" data-testid="purchasing-taken-add">
          <Stack gap="xs">
            <Text size="sm">{t('companies.contacts.taken', { name: holderName })}</Text>
            <Group>
              <Button size="xs" onClick={() => submit(true)}>
                {t('companies.contacts.transfer', { name: holderName })}
              </Button>
            </Group>
          </Stack>
        </Alert>
      ) : add.isError ? (
        <Alert color="red">{describeError(add.error)}</Alert>
      ) : null}
      <Group>
        <Button onClick={() => submit()} disabled={!payload} loading={add.isPending} data-testid="contact-save">
          {t('companies.contacts.addButton')}
        </Button>
      </Group>
    </Stack>
  );
}
