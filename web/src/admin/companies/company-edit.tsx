import {
  Alert,
  Anchor,
  Button,
  Group,
  Modal,
  NumberInput,
  SimpleGrid,
  Stack,
  TagsInput,
  TextInput,
  Textarea,
} from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { isApiError } from '../../shared/api.ts';
import { describeError, fieldErrorsOf } from '../../shared/errors.ts';
import { useUpdateCompany, type Company } from './companies.api.ts';

type Text = 'name' | 'legalName' | 'taxId' | 'country' | 'language' | 'rateCode' | 'paymentTerms' | 'notes';
type Address = 'street' | 'postcode' | 'city' | 'region' | 'country';
const TEXTS: Text[] = ['name', 'legalName', 'taxId', 'country', 'language', 'rateCode', 'paymentTerms', 'notes'];
const ADDRESS: Address[] = ['street', 'postcode', 'city', 'region', 'country'];

const blankToNull = (v: string) => (v.trim() ? v.trim() : null);

/**
 * Edit a company's details (issue 15; `PATCH /companies/{id}`): only what changed is sent, so the
 * history records just that; an emptied field is cleared. A tax id in use links to its company.
 */
export function EditCompanyModal({ company, onClose }: { company: Company; onClose: () => void }) {
  const { t } = useTranslation();
  const update = useUpdateCompany(company.id);
  const [text, setText] = useState<Record<Text, string>>(
    Object.fromEntries(TEXTS.map((k) => [k, company[k] ?? ''])) as Record<Text, string>,
  );
  const [address, setAddress] = useState<Record<Address, string>>(
    Object.fromEntries(ADDRESS.map((k) => [k, company.billingAddress[k] ?? ''])) as Record<Address, string>,
  );
  const [discount, setDiscount] = useState<number | string>(company.discount ?? '');
  const [tags, setTags] = useState<string[]>(company.tags);
  const errors = fieldErrorsOf(update.error);

  const submit = () => {
    const body: Record<string, unknown> = {};
    for (const k of TEXTS) {
      const v = k === 'name' ? text.name.trim() : blankToNull(text[k]);
      if (v !== (company[k] ?? null)) body[k] = k === 'country' || k === 'language' ? (v?.toUpperCase() ?? null) : v;
    }
    if (body.language) body.language = (body.language as string).toLowerCase();
    const billing = Object.fromEntries(ADDRESS.map((k) => [k, blankToNull(address[k])]));
    if (billing.country) billing.country = billing.country.toUpperCase();
    if (ADDRESS.some((k) => billing[k] !== (company.billingAddress[k] ?? null))) body.billingAddress = billing;
    const d = discount === '' ? null : Number(discount);
    if (d !== company.discount) body.discount = d;
    if (tags.join('\u0000') !== company.tags.join('\u0000')) body.tags = tags;
    if (!Object.keys(body).length) return onClose();
    update.mutate(body, { onSuccess: onClose });
  };

  const input = (k: Text, extra: Record<string, unknown> = {}) => (
    <TextInput
      label={t(`companyExtras.edit.fields.${k}`)}
      value={text[k]}
      onChange={(e) => setText({ ...text, [k]: e.currentTarget.value })}
      error={errors[k]}
      data-testid={`company-edit-${k}`}
      {...extra}
    />
  );
  return (
    <Modal opened onClose={onClose} title={t('companyExtras.edit.title')} size="lg">
      <Stack>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          {input('name', { required: true })}
          {input('legalName')}
          {input('country', { maxLength: 2, description: t('companyExtras.edit.countryHint') })}
          {input('taxId')}
          {input('language', { maxLength: 2, description: t('companyExtras.edit.languageHint') })}
          {input('rateCode')}
          {input('paymentTerms')}
          <NumberInput
            label={t('companyExtras.edit.fields.discount')}
            value={discount}
            onChange={setDiscount}
            min={0}
            max={100}
            decimalScale={2}
            suffix=" %"
            error={errors.discount}
            data-testid="company-edit-discount"
          />
        </SimpleGrid>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          {ADDRESS.map((k) => (
            <TextInput
              key={k}
              label={t(`companyExtras.edit.address.${k}`)}
              value={address[k]}
              maxLength={k === 'country' ? 2 : undefined}
              onChange={(e) => setAddress({ ...address, [k]: e.currentTarget.value })}
              error={errors[`billingAddress.${k}`]}
              data-testid={`company-edit-address-${k}`}
            />
          ))}
        </SimpleGrid>
        <TagsInput
          label={t('companyExtras.edit.fields.tags')}
          value={tags}
          onChange={setTags}
          maxTags={9}
          error={errors.tags}
        />
        <Textarea
          label={t('companyExtras.edit.fields.notes')}
          value={text.notes}
          onChange={(e) => setText({ ...text, notes: e.currentTarget.value })}
          autosize
          minRows={2}
          error={errors.notes}
        />
        {update.isError ? (
          <Alert color="red" data-testid="company-edit-error">
            {describeError(update.error)}
            {isApiError(update.error) && update.error.code === 'company_exists' && update.error.details[0]?.code ? (
              <>
                {' '}
                <Anchor component={Link} to={`/companies/${update.error.details[0].code}`} onClick={onClose}>
                  {t('companies.list.openExisting')}
                </Anchor>
              </>
            ) : null}
          </Alert>
        ) : null}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('companies.common.cancel')}
          </Button>
          <Button
            onClick={submit}
            loading={update.isPending}
            disabled={!text.name.trim()}
            data-testid="company-edit-save"
          >
            {t('companies.common.save')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
