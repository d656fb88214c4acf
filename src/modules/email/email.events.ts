/** Every message Clientela sends, by event (SPEC M-4; contract in the e-mail section). */
export const EMAIL_EVENTS = [
  'account.created',
  'account.password_reset',
  'registration.staff_alert',
  'registration.validated',
  'booking.confirmation',
  'account.verify_email',
  'account.exists',
  'thread.reply',
  'thread.staff_alert',
  'company.invitation',
  'company.registration.validated',
  'company.registration.cancelled',
] as const;

export type EmailEvent = (typeof EMAIL_EVENTS)[number];

export const EMAIL_LANGUAGES = ['en', 'es', 'fr'] as const;
export type EmailLanguage = (typeof EMAIL_LANGUAGES)[number];

export const isEmailEvent = (value: string): value is EmailEvent => (EMAIL_EVENTS as readonly string[]).includes(value);

/** The placeholders a template of each event may use (mustache `{{name}}`). */
export const EMAIL_PLACEHOLDERS: Record<EmailEvent, readonly string[]> = {
  'account.created': ['firstName', 'username', 'setPasswordUrl', 'expiresAt', 'hotelName'],
  'account.password_reset': ['firstName', 'username', 'resetUrl', 'expiresAt', 'hotelName'],
  'account.verify_email': ['firstName', 'username', 'verifyUrl', 'expiresAt', 'hotelName'],
  'account.exists': ['username', 'signInUrl', 'resetUrl', 'hotelName'],
  'registration.staff_alert': ['firstName', 'lastName', 'email', 'reviewUrl', 'hotelName'],
  'registration.validated': ['firstName', 'username', 'signInUrl', 'hotelName'],
  'thread.reply': ['firstName', 'subject', 'message', 'staffName', 'contactName', 'hotelName'],
  'thread.staff_alert': ['senderName', 'subject', 'message', 'contactName', 'threadUrl', 'hotelName'],
  'company.invitation': ['firstName', 'companyName', 'roles', 'username', 'accessUrl', 'expiresAt', 'hotelName'],
  'company.registration.validated': ['firstName', 'companyName', 'signInUrl', 'bookUrl', 'hotelName'],
  'company.registration.cancelled': ['firstName', 'companyName', 'reason', 'hotelName'],
  'booking.confirmation': [
    'firstName',
    'reference',
    'checkIn',
    'checkOut',
    'roomType',
    'nights',
    'total',
    'currency',
    'accountUrl',
    'hotelName',
  ],
};

/** Data the preview renders with (realistic, never a real guest). */
export const EMAIL_SAMPLE_DATA: Record<EmailEvent, Record<string, string>> = {
  'account.created': {
    firstName: 'Anna',
    username: 'anna.lopez@example.com',
    setPasswordUrl: 'https://hotel.example.com/account/set-password?token=sample-token',
    expiresAt: '2026-11-26T17:00:00Z',
    hotelName: 'Hotel Miramar',
  },
  'account.password_reset': {
    firstName: 'Anna',
    username: 'anna.lopez@example.com',
    resetUrl: 'https://hotel.example.com/account/reset-password?token=sample-token',
    expiresAt: '2026-11-24T17:00:00Z',
    hotelName: 'Hotel Miramar',
  },
  'account.verify_email': {
    firstName: 'Anna',
    username: 'anna.lopez@example.com',
    verifyUrl: 'https://hotel.example.com/account/verify-email?token=sample-token',
    expiresAt: '2026-11-26 18:00',
    hotelName: 'Hotel Miramar',
  },
  'account.exists': {
    username: 'anna.lopez@example.com',
    signInUrl: 'https://hotel.example.com/account/sign-in',
    resetUrl: 'https://hotel.example.com/account/forgot-password',
    hotelName: 'Hotel Miramar',
  },
  'registration.staff_alert': {
    firstName: 'Anna',
    lastName: 'López',
    email: 'anna.lopez@example.com',
    reviewUrl: 'https://hotel.example.com/admin/accounts',
    hotelName: 'Hotel Miramar',
  },
  'registration.validated': {
    firstName: 'Anna',
    username: 'anna.lopez@example.com',
    signInUrl: 'https://hotel.example.com/account/login',
    hotelName: 'Hotel Miramar',
  },
  'thread.reply': {
    firstName: 'Anna',
    subject: 'Late check-in',
    message: 'Of course: the night reception will have your key ready. Have a good trip!',
    staffName: 'Marta',
    contactName: 'Reception',
    hotelName: 'Hotel Miramar',
  },
  'thread.staff_alert': {
    senderName: 'Anna López',
    subject: 'Late check-in',
    message: 'We will arrive around midnight. Is that all right?',
    contactName: 'Reception',
    threadUrl: 'https://hotel.example.com/admin/threads/thr_sample',
    hotelName: 'Hotel Miramar',
  },
  'booking.confirmation': {
    firstName: 'Anna',
    reference: 'MIR-7K4Q2',
    checkIn: '2026-12-18',
    checkOut: '2026-12-21',
    roomType: 'Double room with sea view',
    nights: '3',
    total: '435.00',
    currency: 'EUR',
    accountUrl: 'https://hotel.example.com/account',
    hotelName: 'Hotel Miramar',
  },
  'company.invitation': {
    firstName: 'Anna',
    companyName: 'Viajes Sol',
    roles: 'purchasing, billing',
    username: 'anna.lopez@example.com',
    accessUrl: 'https://hotel.example.com/account/set-password?token=sample-token',
    expiresAt: '2026-11-26T17:00:00Z',
    hotelName: 'Hotel Miramar',
  },
  'company.registration.validated': {
    firstName: 'Anna',
    companyName: 'Viajes Sol',
    signInUrl: 'https://hotel.example.com/account/sign-in',
    bookUrl: 'https://hotel.example.com/book',
    hotelName: 'Hotel Miramar',
  },
  'company.registration.cancelled': {
    firstName: 'Anna',
    companyName: 'Viajes Sol',
    reason: 'We could not confirm the company’s tax id.',
    hotelName: 'Hotel Miramar',
  },
};
