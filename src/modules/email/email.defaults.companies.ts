import type { EmailLanguage } from './email.events.ts';
import type { TemplateText } from './email.defaults.ts';

const t = (subject: string, bodyText: string): TemplateText => ({ subject, bodyText, bodyHtml: null });

/**
 * Issue 15 (C-3): a new contact of a company is invited to the customer area. `accessUrl` is a
 * one-time link to set a password, or the sign-in page when their account already has one.
 */
export const COMPANY_TEMPLATES: Record<'company.invitation', Record<EmailLanguage, TemplateText>> = {
  'company.invitation': {
    en: t(
      'You are a contact of {{companyName}} at {{hotelName}}',
      `Dear {{firstName}},

{{hotelName}} has added you as a contact of {{companyName}} ({{roles}}).

Your username: {{username}}

To access your account, open this link:
{{accessUrl}}

A link to choose your password can be used only once and expires on {{expiresAt}}. We will never send you a password by e-mail.

If you did not expect this message, you can simply ignore it.

Warm regards,
The {{hotelName}} team`,
    ),
    es: t(
      'Es usted contacto de {{companyName}} en {{hotelName}}',
      `Estimado/a {{firstName}}:

{{hotelName}} le ha añadido como contacto de {{companyName}} ({{roles}}).

Su usuario: {{username}}

Para acceder a su cuenta, abra este enlace:
{{accessUrl}}

Un enlace para elegir su contraseña solo puede usarse una vez y caduca el {{expiresAt}}. Nunca le enviaremos una contraseña por correo.

Si no esperaba este mensaje, puede ignorarlo.

Un cordial saludo,
El equipo de {{hotelName}}`,
    ),
    fr: t(
      'Vous êtes contact de {{companyName}} chez {{hotelName}}',
      `Bonjour {{firstName}},

{{hotelName}} vous a ajouté comme contact de {{companyName}} ({{roles}}).

Votre identifiant : {{username}}

Pour accéder à votre compte, ouvrez ce lien :
{{accessUrl}}

Un lien pour choisir votre mot de passe ne peut servir qu'une fois et expire le {{expiresAt}}. Nous ne vous enverrons jamais de mot de passe par e-mail.

Si vous n'attendiez pas ce message, vous pouvez l'ignorer.

Bien cordialement,
L'équipe de {{hotelName}}`,
    ),
  },
};
