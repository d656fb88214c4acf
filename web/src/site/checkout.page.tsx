import {
  ActionIcon,
  Alert,
  Anchor,
  Button,
  Card,
  Checkbox,
  Container,
  Divider,
  Grid,
  Group,
  PasswordInput,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { IconAlertTriangle, IconLogin, IconPlus, IconTrash, IconUserCheck } from '@tabler/icons-react';
import i18next from 'i18next';
import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { isApiError } from '../shared/api.ts';
import { describeError, fieldErrorsOf } from '../shared/errors.ts';
import { useConsentWording } from '../shared/consent-wording.ts';
import { currentLanguage } from '../shared/i18n.ts';
import { BookForCompany } from './book-for-company.tsx';
import { CartPanel } from './cart-panel.tsx';
import { CONFIRMATION_KEY } from './confirmation.page.tsx';
import { useCart, useCheckout, useCustomerSignIn, useSiteInfo } from './site.api.ts';
import type { SiteInfo } from './site.types.ts';
import { usePropertyId } from './use-property.ts';

interface Person {
  firstName: string;
  lastName: string;
  email: string;
  phone: string;
}

const emptyPerson: Person = { firstName: '', lastName: '', email: '', phone: '' };

/** Checkout (A-1, I-2, I-3): guest details, additional guests, someone else's stay, account options. */
export function CheckoutPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('site.checkout.title'));
  const propertyId = usePropertyId();
  const info = useSiteInfo(propertyId);
  const cart = useCart(propertyId);
  if (!propertyId || info.isLoading || cart.isLoading || !info.data) {
    return (
      <Container size="lg" py="xl">
        <Text c="dimmed">{t('site.loading')}</Text>
      </Container>
    );
  }
  if (!cart.data?.id || cart.data.itemCount === 0) {
    return (
      <Container size="sm" py={64}>
        <Card withBorder p="xl" data-testid="checkout-empty">
          <Stack align="center">
            <Text>{t('site.checkout.emptyCart')}</Text>
            <Button component={Link} to="/">
              {t('site.checkout.backToRooms')}
            </Button>
          </Stack>
        </Card>
      </Container>
    );
  }
  return <CheckoutForm propertyId={propertyId} info={info.data} cartId={cart.data.id} />;
}

function CheckoutForm({ propertyId, info, cartId }: { propertyId: string; info: SiteInfo; cartId: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const checkout = useCheckout(propertyId, (result) => {
    sessionStorage.setItem(CONFIRMATION_KEY, JSON.stringify(result));
    void navigate('/confirmation');
  });
  const idempotencyKey = useMemo(() => crypto.randomUUID(), []);
  const [customer, setCustomer] = useState<Person>(emptyPerson);
  const [guests, setGuests] = useState<Person[]>([]);
  const [forSomeoneElse, setForSomeoneElse] = useState(false);
  const [stayGuest, setStayGuest] = useState<Person>(emptyPerson);
  const [createAccount, setCreateAccount] = useState(false);
  const [notes, setNotes] = useState('');
  const [consent, setConsent] = useState(false);
  const [companyId, setCompanyId] = useState('');
  const wording = useConsentWording(currentLanguage()).data;
  const signedIn = info.customer;

  // Sign-in at checkout pre-fills every field (A-1 c).
  useEffect(() => {
    if (!signedIn) return;
    setCustomer({
      firstName: signedIn.firstName,
      lastName: signedIn.lastName,
      email: signedIn.email ?? signedIn.username,
      phone: signedIn.phone ?? '',
    });
  }, [signedIn]);

  const errors = fieldErrorsOf(checkout.error);
  const clean = (p: Person) => ({
    firstName: p.firstName.trim(),
    lastName: p.lastName.trim(),
    ...(p.email.trim() ? { email: p.email.trim() } : {}),
    ...(p.phone.trim() ? { phone: p.phone.trim() } : {}),
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const body = {
      cartId,
      customer: {
        ...clean(customer),
        email: customer.email.trim(),
        language: currentLanguage(),
        // Ticked: the record names the exact wording shown (P-4); unticked changes nothing.
        ...(consent && wording?.version
          ? { marketingConsent: true, consentWording: { version: wording.version, language: wording.language } }
          : {}),
      },
      additionalGuests: guests.map(clean),
      ...(forSomeoneElse ? { bookingFor: clean(stayGuest) } : {}),
      createAccount: Boolean(!signedIn && createAccount),
      ...(notes.trim() ? { notes: notes.trim() } : {}),
      ...(companyId ? { companyId } : {}),
    };
    checkout.mutate({ body, key: idempotencyKey });
  };

  const generalError =
    checkout.error && (!isApiError(checkout.error) || checkout.error.details.every((d) => !d.field))
      ? siteError(checkout.error)
      : checkout.error && isApiError(checkout.error) && checkout.error.code === 'sold_out'
        ? siteError(checkout.error)
        : null;
  const offerAccount = !signedIn && info.accounts.offerCreateAtCheckout && !info.accounts.autoCreateAtCheckout;

  return (
    <Container size="lg" py="xl">
      <Title order={1} mb="lg">
        {t('site.checkout.title')}
      </Title>
      <Grid gap="xl">
        <Grid.Col span={{ base: 12, md: 8 }}>
          <Stack gap="lg">
            {!info.prices.visible ? (
              <Alert icon={<IconAlertTriangle />} color="cyan" data-testid="checkout-sign-in-required">
                {info.prices.hiddenReason === 'validation'
                  ? t('site.rooms.awaitingValidation')
                  : info.prices.hiddenReason === 'on_request'
                    ? t('companyRegistration.prices.onRequestHint')
                    : t('site.checkout.signInToBook')}
              </Alert>
            ) : null}
            {!signedIn && info.accounts.loginAtCheckout ? <CheckoutSignIn propertyId={propertyId} /> : null}
            {signedIn ? (
              <Alert icon={<IconUserCheck />} color="teal" data-testid="checkout-signed-in">
                {t('site.checkout.signedInAs', { name: `${signedIn.firstName} ${signedIn.lastName}`.trim() })}
              </Alert>
            ) : null}
            <BookForCompany companies={info.companies} value={companyId} onChange={setCompanyId} />
            <Card
              component="form"
              onSubmit={submit}
              withBorder
              shadow="sm"
              radius="md"
              p="lg"
              noValidate
              data-testid="checkout-form"
            >
              <Stack gap="md">
                <Title order={3}>{t('site.checkout.yourDetails')}</Title>
                <PersonFields
                  prefix="customer"
                  person={customer}
                  onChange={setCustomer}
                  errors={errors}
                  emailRequired
                />
                <Checkbox
                  label={t('site.checkout.forSomeoneElse')}
                  checked={forSomeoneElse}
                  onChange={(e) => setForSomeoneElse(e.currentTarget.checked)}
                  data-testid="booking-for-someone-else"
                />
                {forSomeoneElse ? (
                  <Card withBorder bg="gray.0" p="md">
                    <Text fw={600} mb="sm">
                      {t('site.checkout.stayGuest')}
                    </Text>
                    <PersonFields prefix="bookingFor" person={stayGuest} onChange={setStayGuest} errors={errors} />
                  </Card>
                ) : null}
                <Divider label={t('site.checkout.additionalGuests')} labelPosition="left" />
                {guests.map((g, i) => (
                  <Group key={i} align="flex-start" wrap="nowrap">
                    <SimpleGrid cols={2} style={{ flex: 1 }}>
                      <TextInput
                        label={t('site.checkout.firstName')}
                        value={g.firstName}
                        error={errors[`additionalGuests.${i}.firstName`]}
                        onChange={(e) =>
                          setGuests(guests.map((x, j) => (j === i ? { ...x, firstName: e.currentTarget.value } : x)))
                        }
                        data-testid={`guest-${i}-first-name`}
                      />
                      <TextInput
                        label={t('site.checkout.lastName')}
                        value={g.lastName}
                        error={errors[`additionalGuests.${i}.lastName`]}
                        onChange={(e) =>
                          setGuests(guests.map((x, j) => (j === i ? { ...x, lastName: e.currentTarget.value } : x)))
                        }
                        data-testid={`guest-${i}-last-name`}
                      />
                    </SimpleGrid>
                    <ActionIcon
                      mt={26}
                      variant="subtle"
                      color="gray"
                      aria-label={t('site.checkout.removeGuest')}
                      onClick={() => setGuests(guests.filter((_, j) => j !== i))}
                    >
                      <IconTrash size={16} />
                    </ActionIcon>
                  </Group>
                ))}
                <Group>
                  <Button
                    variant="light"
                    size="xs"
                    leftSection={<IconPlus size={14} />}
                    disabled={guests.length >= 10}
                    onClick={() => setGuests([...guests, { ...emptyPerson }])}
                    data-testid="add-guest"
                  >
                    {t('site.checkout.addGuest')}
                  </Button>
                </Group>
                <Textarea
                  label={t('site.checkout.notes')}
                  autosize
                  minRows={2}
                  value={notes}
                  error={errors.notes}
                  onChange={(e) => setNotes(e.currentTarget.value)}
                />
                {wording?.text ? (
                  <Checkbox
                    label={wording.text}
                    checked={consent}
                    onChange={(e) => setConsent(e.currentTarget.checked)}
                    data-testid="marketing-consent"
                  />
                ) : null}
                {offerAccount ? (
                  <Checkbox
                    label={t('site.checkout.createAccount')}
                    description={t('site.checkout.createAccountHelp')}
                    checked={createAccount}
                    onChange={(e) => setCreateAccount(e.currentTarget.checked)}
                    data-testid="create-account"
                  />
                ) : null}
                {!signedIn && info.accounts.autoCreateAtCheckout ? (
                  <Text size="sm" c="dimmed">
                    {t('site.checkout.accountAutomatic')}
                  </Text>
                ) : null}
                {generalError ? (
                  <Alert color="red" icon={<IconAlertTriangle />} data-testid="checkout-error">
                    {generalError}
                  </Alert>
                ) : null}
                <Button type="submit" size="lg" loading={checkout.isPending} data-testid="checkout-submit">
                  {t('site.checkout.submit')}
                </Button>
              </Stack>
            </Card>
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 4 }}>
          <Stack>
            <CartPanel propertyId={propertyId} showCheckout={false} />
            <Anchor component={Link} to="/" size="sm">
              {t('site.checkout.backToRooms')}
            </Anchor>
          </Stack>
        </Grid.Col>
      </Grid>
    </Container>
  );
}

function siteError(error: unknown): string {
  if (isApiError(error) && i18next.exists(`site.errors.${error.code}`)) return i18next.t(`site.errors.${error.code}`);
  return describeError(error);
}

function PersonFields(props: {
  prefix: string;
  person: Person;
  onChange: (p: Person) => void;
  errors: Record<string, string>;
  emailRequired?: boolean;
}) {
  const { prefix, person, onChange, errors, emailRequired } = props;
  const { t } = useTranslation();
  const field = (name: keyof Person) => ({
    value: person[name],
    error: errors[`${prefix}.${name}`],
    onChange: (e: { currentTarget: { value: string } }) => onChange({ ...person, [name]: e.currentTarget.value }),
    'data-testid': `${prefix}-${name}`,
  });
  return (
    <SimpleGrid cols={{ base: 1, sm: 2 }}>
      <TextInput label={t('site.checkout.firstName')} required autoComplete="given-name" {...field('firstName')} />
      <TextInput label={t('site.checkout.lastName')} required autoComplete="family-name" {...field('lastName')} />
      <TextInput
        label={t('site.checkout.email')}
        type="email"
        required={emailRequired}
        autoComplete="email"
        {...field('email')}
      />
      <TextInput label={t('site.checkout.phone')} type="tel" autoComplete="tel" {...field('phone')} />
    </SimpleGrid>
  );
}

function CheckoutSignIn({ propertyId }: { propertyId: string }) {
  const { t } = useTranslation();
  const signIn = useCustomerSignIn(propertyId);
  const [open, setOpen] = useState(false);
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  if (!open) {
    return (
      <Card withBorder radius="md" p="md">
        <Group justify="space-between">
          <Text size="sm">{t('site.checkout.haveAccount')}</Text>
          <Button
            variant="light"
            leftSection={<IconLogin size={16} />}
            onClick={() => setOpen(true)}
            data-testid="checkout-sign-in-open"
          >
            {t('site.checkout.signIn')}
          </Button>
        </Group>
      </Card>
    );
  }
  return (
    <Card
      component="form"
      withBorder
      radius="md"
      p="md"
      onSubmit={(e: FormEvent) => {
        e.preventDefault();
        signIn.mutate({ email: email.trim(), password });
      }}
      data-testid="checkout-sign-in"
    >
      <Stack gap="sm">
        <Text fw={600}>{t('site.checkout.signInTitle')}</Text>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput
            label={t('site.checkout.email')}
            type="email"
            autoComplete="username"
            value={email}
            onChange={(e) => setEmail(e.currentTarget.value)}
            data-testid="checkout-sign-in-email"
          />
          <PasswordInput
            label={t('site.checkout.password')}
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.currentTarget.value)}
            data-testid="checkout-sign-in-password"
          />
        </SimpleGrid>
        {signIn.isError ? (
          <Text c="red" size="sm">
            {siteError(signIn.error)}
          </Text>
        ) : null}
        <Group>
          <Button type="submit" loading={signIn.isPending} data-testid="checkout-sign-in-submit">
            {t('site.checkout.signIn')}
          </Button>
          <Anchor href="/account/forgot-password" size="sm">
            {t('site.checkout.forgotPassword')}
          </Anchor>
        </Group>
      </Stack>
    </Card>
  );
}
