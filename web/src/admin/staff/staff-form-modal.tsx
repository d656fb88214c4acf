import { Button, Group, Modal, PasswordInput, Select, SimpleGrid, Stack, Switch, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { fieldErrorsOf, notifySuccess } from '../../shared/errors.ts';
import { currentLanguage } from '../../shared/i18n.ts';
import { languages, roles as allRoles, type Language, type Role, type User } from '../../shared/types.ts';
import { MIN_PASSWORD_LENGTH } from '../pages/setup-owner.page.tsx';
import { useRoles } from '../roles.api.ts';
import { mayGrantRole, useCurrentUser } from '../session/session-context.tsx';
import { useCreateStaff, useUpdateStaff } from './staff.api.ts';

interface StaffFormModalProps {
  opened: boolean;
  onClose: () => void;
  /** The member to edit; absent to create a new one. */
  member?: User;
  /** Editing yourself: role and status stay as they are (no self-lockout). */
  isSelf?: boolean;
}

interface StaffFormValues {
  name: string;
  email: string;
  role: Role;
  password: string;
  language: Language;
  active: boolean;
}

/** Creates a staff member, or edits one (name, role, language, active). */
export function StaffFormModal({ opened, onClose, member, isSelf = false }: StaffFormModalProps) {
  const { t } = useTranslation();
  return (
    <Modal opened={opened} onClose={onClose} title={member ? t('staff.editTitle') : t('staff.createTitle')} size="lg">
      {/* Remount per member so the form starts from their current values. */}
      {opened ? <StaffForm key={member?.id ?? 'new'} member={member} isSelf={isSelf} onDone={onClose} /> : null}
    </Modal>
  );
}

function StaffForm({ member, isSelf, onDone }: { member?: User; isSelf: boolean; onDone: () => void }) {
  const { t } = useTranslation();
  const rolesQuery = useRoles();
  const createStaff = useCreateStaff();
  const updateStaff = useUpdateStaff();
  const isNew = !member;
  const form = useForm<StaffFormValues>({
    initialValues: {
      name: member?.name ?? '',
      email: member?.email ?? '',
      role: member?.role ?? 'reception',
      password: '',
      language: member?.language ?? currentLanguage(),
      active: member?.active ?? true,
    },
    validate: {
      name: (value) => (value.trim() ? null : t('validation.required')),
      email: (value) => (!isNew || /^\S+@\S+$/.test(value.trim()) ? null : t('validation.email')),
      password: (value) =>
        !isNew || value.length >= MIN_PASSWORD_LENGTH
          ? null
          : t('validation.passwordLength', { count: MIN_PASSWORD_LENGTH }),
    },
  });

  // The grant rule (as on the server): only roles whose every permission you hold, the owner role
  // only for owners; a member you may not change keeps their role shown, read-only.
  const me = useCurrentUser();
  const grantable = (rolesQuery.data?.roles ?? [])
    .filter((definition) => mayGrantRole(me, definition.role, definition.permissions))
    .map((definition) => definition.role);
  const choices = rolesQuery.data ? grantable : [...allRoles];
  const roleOptions = (member && !choices.includes(member.role) ? [member.role, ...choices] : choices).map((role) => ({
    value: role,
    label: t(`roles.${role}`),
    disabled: !choices.includes(role),
  }));
  const showFieldErrors = (error: unknown) => form.setErrors(fieldErrorsOf(error));

  const submit = form.onSubmit((values) => {
    if (isNew) {
      const { active: _active, ...body } = values;
      createStaff.mutate(
        { ...body, name: body.name.trim(), email: body.email.trim() },
        {
          onSuccess: () => {
            notifySuccess(t('staff.created', { name: values.name.trim() }));
            onDone();
          },
          onError: showFieldErrors,
        },
      );
      return;
    }
    const changes = isSelf
      ? { name: values.name.trim(), language: values.language }
      : { name: values.name.trim(), language: values.language, role: values.role, active: values.active };
    updateStaff.mutate(
      { id: member.id, changes },
      {
        onSuccess: () => {
          notifySuccess(t('staff.updated', { name: values.name.trim() }));
          onDone();
        },
        onError: showFieldErrors,
      },
    );
  });

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput label={t('fields.name')} name="name" required data-autofocus {...form.getInputProps('name')} />
          <TextInput
            label={t('fields.email')}
            name="email"
            type="email"
            required={isNew}
            disabled={!isNew}
            description={isNew ? undefined : t('staff.emailFixed')}
            {...form.getInputProps('email')}
          />
          <Select
            label={t('fields.role')}
            name="role"
            data={roleOptions}
            allowDeselect={false}
            disabled={isSelf}
            description={isSelf ? t('staff.selfRole') : undefined}
            {...form.getInputProps('role')}
          />
          <Select
            label={t('fields.language')}
            name="language"
            allowDeselect={false}
            data={languages.map((language) => ({ value: language, label: t(`language.name.${language}`) }))}
            {...form.getInputProps('language')}
          />
        </SimpleGrid>
        {isNew ? (
          <PasswordInput
            label={t('staff.initialPassword')}
            description={t('passwordPolicy.initialHint', { count: MIN_PASSWORD_LENGTH })}
            name="password"
            autoComplete="new-password"
            required
            {...form.getInputProps('password')}
          />
        ) : (
          <Switch
            label={t('staff.activeLabel')}
            description={t('staff.activeHint')}
            name="active"
            disabled={isSelf}
            {...form.getInputProps('active', { type: 'checkbox' })}
          />
        )}
        <Group justify="flex-end" mt="sm">
          <Button variant="default" onClick={onDone}>
            {t('actions.cancel')}
          </Button>
          <Button type="submit" loading={createStaff.isPending || updateStaff.isPending}>
            {isNew ? t('staff.create') : t('actions.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
