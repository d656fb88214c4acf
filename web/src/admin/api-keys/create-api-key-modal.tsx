import { Button, Checkbox, Group, Modal, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { fieldErrorsOf } from '../../shared/errors.ts';
import type { CreatedApiKey } from '../../shared/types.ts';
import { useRoles } from '../roles.api.ts';
import { hasPermission, useCurrentUser } from '../session/session-context.tsx';
import { useCreateApiKey } from './api-keys.api.ts';
import { ScopeLabel } from './scope-label.tsx';

interface CreateApiKeyModalProps {
  opened: boolean;
  onClose: () => void;
  onCreated: (key: CreatedApiKey) => void;
}

/** Names a new key for a connected tool and picks what it may do. */
export function CreateApiKeyModal({ opened, onClose, onCreated }: CreateApiKeyModalProps) {
  const { t } = useTranslation();
  return (
    <Modal opened={opened} onClose={onClose} title={t('apiKeys.createTitle')} size="lg">
      {opened ? <CreateApiKeyForm onCancel={onClose} onCreated={onCreated} /> : null}
    </Modal>
  );
}

function CreateApiKeyForm({ onCancel, onCreated }: { onCancel: () => void; onCreated: (key: CreatedApiKey) => void }) {
  const { t } = useTranslation();
  const roles = useRoles();
  const user = useCurrentUser();
  // The server refuses scopes the creator does not hold, so only those are offered.
  const scopes = (roles.data?.scopes ?? []).filter((scope) => hasPermission(user, scope));
  const createKey = useCreateApiKey();
  const form = useForm({
    initialValues: { name: '', scopes: [] as string[] },
    validate: {
      name: (value) => (value.trim() ? null : t('validation.required')),
      scopes: (value) => (value.length > 0 ? null : t('apiKeys.scopesRequired')),
    },
  });

  const submit = form.onSubmit((values) => {
    createKey.mutate(
      { name: values.name.trim(), scopes: values.scopes },
      { onSuccess: onCreated, onError: (error) => form.setErrors(fieldErrorsOf(error)) },
    );
  });

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <TextInput
          label={t('fields.name')}
          description={t('apiKeys.nameHint')}
          placeholder={t('apiKeys.namePlaceholder')}
          name="name"
          required
          data-autofocus
          {...form.getInputProps('name')}
        />
        <Checkbox.Group
          label={t('apiKeys.scopes')}
          description={t('apiKeys.scopesHint')}
          {...form.getInputProps('scopes')}
        >
          {roles.isPending ? (
            <Text size="sm" c="dimmed" mt="xs">
              {t('common.loading')}
            </Text>
          ) : (
            <SimpleGrid cols={{ base: 1, sm: 2 }} mt="xs" spacing="xs">
              {scopes.map((scope) => (
                <Checkbox key={scope} value={scope} name="scopes" label={<ScopeLabel scope={scope} />} />
              ))}
            </SimpleGrid>
          )}
        </Checkbox.Group>
        <Group justify="flex-end" mt="sm">
          <Button variant="default" onClick={onCancel}>
            {t('actions.cancel')}
          </Button>
          <Button type="submit" loading={createKey.isPending}>
            {t('apiKeys.create')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
