import type { EmailLanguage } from './email.events.ts';
import type { TemplateText } from './email.defaults.ts';

const t = (subject: string, bodyText: string): TemplateText => ({ subject, bodyText, bodyHtml: null });

type RegistrationEvent = 'company.registration.validated' | 'company.registration.cancelled';

/**
 * Issue 15 point 5: the first contact of a company registered on the booking site hears of
 * staff's decision. `reason` is what staff wrote when cancelling (may be empty).
 */
export const COMPANY_REGISTRATION_TEMPLATES: Record<RegistrationEvent, Record<EmailLanguage, TemplateText>> = {
  'company.registration.validated': {
    en: t(
      '{{companyName}} is now a company customer of {{hotelName}}',
      `Dear {{firstName}},

Good news: {{hotelName}} has validated the registration of {{companyName}}.

As the company's purchasing contact you can now sign in and book for {{companyName}} at its prices:
{{bookUrl}}

Your account: {{signInUrl}}

Warm regards,
The {{hotelName}} team`,
    ),
    es: t(
      '{{companyName}} ya es empresa cliente de {{hotelName}}',
      `Estimado/a {{firstName}}:

Buenas noticias: {{hotelName}} ha validado el registro de {{companyName}}.

Como contacto de compras de la empresa, ya puede iniciar sesión y reservar para {{companyName}} a sus precios:
{{bookUrl}}

Su cuenta: {{signInUrl}}

Un cordial saludo,
El equipo de {{hotelName}}`,
    ),
    fr: t(
      '{{companyName}} est désormais client entreprise de {{hotelName}}',
      `Bonjour {{firstName}},

Bonne nouvelle : {{hotelName}} a validé l'inscription de {{companyName}}.

En tant que contact achats de l'entreprise, vous pouvez maintenant vous connecter et réserver pour {{companyName}} à ses tarifs :
{{bookUrl}}

Votre compte : {{signInUrl}}

Bien cordialement,
L'équipe de {{hotelName}}`,
    ),
  },
  'company.registration.cancelled': {
    en: t(
      'Your registration of {{companyName}} at {{hotelName}}',
      `Dear {{firstName}},

Thank you for registering {{companyName}} with {{hotelName}}. We are sorry: we could not accept the registration.
{{#reason}}

Reason: {{reason}}
{{/reason}}

You can still book as a private guest, and we will be glad to help if you contact us.

Warm regards,
The {{hotelName}} team`,
    ),
    es: t(
      'Su registro de {{companyName}} en {{hotelName}}',
      `Estimado/a {{firstName}}:

Gracias por registrar {{companyName}} en {{hotelName}}. Lo sentimos: no hemos podido aceptar el registro.
{{#reason}}

Motivo: {{reason}}
{{/reason}}

Puede seguir reservando como cliente particular y estaremos encantados de ayudarle si nos contacta.

Un cordial saludo,
El equipo de {{hotelName}}`,
    ),
    fr: t(
      'Votre inscription de {{companyName}} chez {{hotelName}}',
      `Bonjour {{firstName}},

Merci d'avoir inscrit {{companyName}} chez {{hotelName}}. Nous sommes désolés : nous n'avons pas pu accepter l'inscription.
{{#reason}}

Motif : {{reason}}
{{/reason}}

Vous pouvez toujours réserver à titre personnel, et nous serons heureux de vous aider si vous nous contactez.

Bien cordialement,
L'équipe de {{hotelName}}`,
    ),
  },
};
