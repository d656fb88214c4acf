import type { EmailLanguage } from './email.events.ts';
import type { TemplateText } from './email.defaults.ts';

const t = (subject: string, bodyText: string): TemplateText => ({ subject, bodyText, bodyHtml: null });

/**
 * Issue 11 (13, 19): the customer-account notices added with the verified-e-mail rule —
 * confirming the e-mail of an account registered with a password, and telling the owner of an
 * e-mail that someone tried to register it again (registration answers the same either way).
 */
export const ACCOUNT_NOTICE_TEMPLATES: Record<
  'account.verify_email' | 'account.exists',
  Record<EmailLanguage, TemplateText>
> = {
  'account.verify_email': {
    en: t(
      'Confirm your e-mail for your {{hotelName}} account',
      `Dear {{firstName}},

Thank you for registering with {{hotelName}}. Please confirm that this e-mail address is yours by opening this link:
{{verifyUrl}}

Your username: {{username}}

Once your e-mail is confirmed you can sign in and see the bookings made with this address. The link can be used only once and expires on {{expiresAt}}.

If you did not register, you can simply ignore this message.

Warm regards,
The {{hotelName}} team`,
    ),
    es: t(
      'Confirme su correo para su cuenta de {{hotelName}}',
      `Estimado/a {{firstName}}:

Gracias por registrarse en {{hotelName}}. Confirme que esta dirección de correo es suya abriendo este enlace:
{{verifyUrl}}

Su usuario: {{username}}

Una vez confirmado el correo podrá iniciar sesión y ver las reservas hechas con esta dirección. El enlace solo puede usarse una vez y caduca el {{expiresAt}}.

Si no se ha registrado, puede ignorar este mensaje.

Un cordial saludo,
El equipo de {{hotelName}}`,
    ),
    fr: t(
      'Confirmez votre e-mail pour votre compte {{hotelName}}',
      `Bonjour {{firstName}},

Merci de votre inscription chez {{hotelName}}. Confirmez que cette adresse e-mail est la vôtre en ouvrant ce lien :
{{verifyUrl}}

Votre identifiant : {{username}}

Une fois votre e-mail confirmé, vous pourrez vous connecter et voir les réservations faites avec cette adresse. Le lien ne peut servir qu'une fois et expire le {{expiresAt}}.

Si vous ne vous êtes pas inscrit, ignorez simplement ce message.

Bien cordialement,
L'équipe de {{hotelName}}`,
    ),
  },
  'account.exists': {
    en: t(
      'You already have a {{hotelName}} account',
      `Hello,

Someone (probably you) just tried to register a new {{hotelName}} account with this e-mail address. You already have one, so nothing was changed.

Sign in here:
{{signInUrl}}

Forgot your password? Ask for a new one here:
{{resetUrl}}

If it was not you, you can ignore this message: your account is safe.

Warm regards,
The {{hotelName}} team`,
    ),
    es: t(
      'Ya tiene una cuenta en {{hotelName}}',
      `Hola:

Alguien (probablemente usted) acaba de intentar registrar una cuenta nueva en {{hotelName}} con esta dirección de correo. Ya tiene una, así que no se ha cambiado nada.

Inicie sesión aquí:
{{signInUrl}}

¿Olvidó su contraseña? Pida una nueva aquí:
{{resetUrl}}

Si no fue usted, puede ignorar este mensaje: su cuenta está a salvo.

Un cordial saludo,
El equipo de {{hotelName}}`,
    ),
    fr: t(
      'Vous avez déjà un compte {{hotelName}}',
      `Bonjour,

Quelqu'un (sans doute vous) vient d'essayer de créer un nouveau compte {{hotelName}} avec cette adresse e-mail. Vous en avez déjà un : rien n'a été modifié.

Connectez-vous ici :
{{signInUrl}}

Mot de passe oublié ? Demandez-en un nouveau ici :
{{resetUrl}}

Si ce n'était pas vous, ignorez ce message : votre compte ne risque rien.

Bien cordialement,
L'équipe de {{hotelName}}`,
    ),
  },
};
