import { Card, Radio, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { SiteInfo } from './site.types.ts';

/**
 * Checkout, signed in as a company's purchasing contact (issue 15 C-3/C-4): book for yourself, or
 * for the company at its price (the server prices it; the discount shown is the company's).
 */
export function BookForCompany(props: {
  companies: SiteInfo['companies'];
  value: string;
  onChange: (companyId: string) => void;
}) {
  const { t } = useTranslation();
  if (props.companies.length === 0) return null;
  return (
    <Card withBorder radius="md" p="lg" data-testid="book-for-company">
      <Radio.Group label={t('companyRegistration.checkout.bookFor')} value={props.value} onChange={props.onChange}>
        <Stack gap="xs" mt="xs">
          <Radio value="" label={t('companyRegistration.checkout.myself')} data-testid="book-for-myself" />
          {props.companies.map((c) => (
            <Radio
              key={c.id}
              value={c.id}
              data-testid="book-for-company-option"
              label={t('companyRegistration.checkout.forCompany', { name: c.name })}
              description={
                c.visible
                  ? c.discountPercent > 0
                    ? t('companyRegistration.checkout.companyDiscount', { percent: c.discountPercent })
                    : t('companyRegistration.checkout.companyPrice')
                  : t('companyRegistration.prices.onRequest')
              }
            />
          ))}
        </Stack>
      </Radio.Group>
      {props.value ? (
        <Text size="xs" c="dimmed" mt="sm">
          {t('companyRegistration.checkout.companyNote')}
        </Text>
      ) : null}
    </Card>
  );
}
