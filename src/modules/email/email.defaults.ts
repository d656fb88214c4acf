import type { EmailEvent, EmailLanguage } from './email.events.ts';
import { ACCOUNT_NOTICE_TEMPLATES } from './email.defaults.accounts.ts';
import { THREAD_TEMPLATES } from './email.defaults.threads.ts';
import { COMPANY_TEMPLATES } from './email.defaults.companies.ts';
import { COMPANY_REGISTRATION_TEMPLATES } from './email.defaults.company-registration.ts';

export interface TemplateText {
  subject: string;
  bodyText: string;
  bodyHtml: string | null;
}

const t = (subject: string, bodyText: string): TemplateText => ({ subject, bodyText, bodyHtml: null });

/** The templates every organisation starts with; edits are stored per org (email_template). */
export const DEFAULT_TEMPLATES: Record<EmailEvent, Record<EmailLanguage, TemplateText>> = {
  'account.created': {
    en: t(
      'Your {{hotelName}} account is ready',
      `Dear {{firstName}},

Thank you for choosing {{hotelName}}. We have created a guest account for you so you can see your bookings and keep your details up to date.

Your username: {{username}}

To choose your password, open this link:
{{setPasswordUrl}}

For your security the link can be used only once and expires on {{expiresAt}}. We will never send you a password by e-mail.

If you did not expect this message, you can simply ignore it.

Warm regards,
The {{hotelName}} team`,
    ),
    es: t(
      'Su cuenta de {{hotelName}} está lista',
      `Estimado/a {{firstName}}:

Gracias por elegir {{hotelName}}. Hemos creado una cuenta de cliente para que pueda consultar sus reservas y mantener sus datos al día.

Su usuario: {{username}}

Para elegir su contraseña, abra este enlace:
{{setPasswordUrl}}

Por su seguridad, el enlace solo puede usarse una vez y caduca el {{expiresAt}}. Nunca le enviaremos una contraseña por correo electrónico.

Si no esperaba este mensaje, puede ignorarlo.

Un cordial saludo,
El equipo de {{hotelName}}`,
    ),
    fr: t(
      'Votre compte {{hotelName}} est prêt',
      `Bonjour {{firstName}},

Merci d'avoir choisi {{hotelName}}. Nous avons créé votre compte client : vous pourrez y consulter vos réservations et tenir vos coordonnées à jour.

Votre identifiant : {{username}}

Pour choisir votre mot de passe, ouvrez ce lien :
{{setPasswordUrl}}

Pour votre sécurité, ce lien ne peut servir qu'une seule fois et expire le {{expiresAt}}. Nous ne vous enverrons jamais de mot de passe par e-mail.

Si vous n'attendiez pas ce message, vous pouvez l'ignorer.

Bien cordialement,
L'équipe de {{hotelName}}`,
    ),
  },
  'account.password_reset': {
    en: t(
      'Reset your {{hotelName}} password',
      `Dear {{firstName}},

We received a request to reset the password of your {{hotelName}} account ({{username}}).

To choose a new password, open this link:
{{resetUrl}}

The link can be used only once and expires on {{expiresAt}}.

If you did not ask for this, no action is needed: your current password stays as it is.

Kind regards,
The {{hotelName}} team`,
    ),
    es: t(
      'Restablezca su contraseña de {{hotelName}}',
      `Estimado/a {{firstName}}:

Hemos recibido una solicitud para restablecer la contraseña de su cuenta de {{hotelName}} ({{username}}).

Para elegir una contraseña nueva, abra este enlace:
{{resetUrl}}

El enlace solo puede usarse una vez y caduca el {{expiresAt}}.

Si usted no lo ha solicitado, no tiene que hacer nada: su contraseña actual sigue siendo válida.

Un cordial saludo,
El equipo de {{hotelName}}`,
    ),
    fr: t(
      'Réinitialisez votre mot de passe {{hotelName}}',
      `Bonjour {{firstName}},

Nous avons reçu une demande de réinitialisation du mot de passe de votre compte {{hotelName}} ({{username}}).

Pour choisir un nouveau mot de passe, ouvrez ce lien :
{{resetUrl}}

Ce lien ne peut servir qu'une seule fois et expire le {{expiresAt}}.

Si vous n'êtes pas à l'origine de cette demande, vous n'avez rien à faire : votre mot de passe actuel reste valable.

Bien cordialement,
L'équipe de {{hotelName}}`,
    ),
  },
  'registration.staff_alert': {
    en: t(
      'New customer registration to review: {{firstName}} {{lastName}}',
      `Hello,

A new customer has registered on the {{hotelName}} website and is waiting for validation.

Name: {{firstName}} {{lastName}}
E-mail: {{email}}

Review the registration and validate or cancel it here:
{{reviewUrl}}

Until it is validated, the customer cannot sign in or see prices.

— Clientela for {{hotelName}}`,
    ),
    es: t(
      'Nuevo registro de cliente pendiente de revisión: {{firstName}} {{lastName}}',
      `Hola:

Un nuevo cliente se ha registrado en la web de {{hotelName}} y está pendiente de validación.

Nombre: {{firstName}} {{lastName}}
Correo electrónico: {{email}}

Revise el registro y valídelo o cancélelo aquí:
{{reviewUrl}}

Hasta que se valide, el cliente no puede iniciar sesión ni ver precios.

— Clientela para {{hotelName}}`,
    ),
    fr: t(
      'Nouvelle inscription client à vérifier : {{firstName}} {{lastName}}',
      `Bonjour,

Un nouveau client s'est inscrit sur le site de {{hotelName}} et attend une validation.

Nom : {{firstName}} {{lastName}}
E-mail : {{email}}

Vérifiez l'inscription, puis validez-la ou annulez-la ici :
{{reviewUrl}}

Tant qu'elle n'est pas validée, le client ne peut ni se connecter ni voir les prix.

— Clientela pour {{hotelName}}`,
    ),
  },
  'registration.validated': {
    en: t(
      'Welcome to {{hotelName}}: your account is active',
      `Dear {{firstName}},

Good news: your {{hotelName}} account has been validated. You can now sign in, see our prices and manage your bookings.

Your username: {{username}}
Sign in here: {{signInUrl}}

We look forward to welcoming you.

Warm regards,
The {{hotelName}} team`,
    ),
    es: t(
      'Bienvenido/a a {{hotelName}}: su cuenta está activa',
      `Estimado/a {{firstName}}:

Buenas noticias: su cuenta de {{hotelName}} ha sido validada. Ya puede iniciar sesión, ver nuestras tarifas y gestionar sus reservas.

Su usuario: {{username}}
Inicie sesión aquí: {{signInUrl}}

Será un placer recibirle.

Un cordial saludo,
El equipo de {{hotelName}}`,
    ),
    fr: t(
      'Bienvenue chez {{hotelName}} : votre compte est activé',
      `Bonjour {{firstName}},

Bonne nouvelle : votre compte {{hotelName}} a été validé. Vous pouvez désormais vous connecter, consulter nos tarifs et gérer vos réservations.

Votre identifiant : {{username}}
Connectez-vous ici : {{signInUrl}}

Au plaisir de vous accueillir.

Bien cordialement,
L'équipe de {{hotelName}}`,
    ),
  },
  'booking.confirmation': {
    en: t(
      'Your booking at {{hotelName}} is confirmed ({{reference}})',
      `Dear {{firstName}},

Thank you for booking with {{hotelName}}. We are delighted to confirm your stay.

Booking reference: {{reference}}
Arrival: {{checkIn}}
Departure: {{checkOut}}
Room: {{roomType}}
Nights: {{nights}}
Total: {{total}}

You can see or manage your booking at any time in your account:
{{accountUrl}}

Please keep your booking reference handy. If you have any special request, simply reply to this e-mail.

We look forward to welcoming you.

Warm regards,
The {{hotelName}} team`,
    ),
    es: t(
      'Su reserva en {{hotelName}} está confirmada ({{reference}})',
      `Estimado/a {{firstName}}:

Gracias por reservar en {{hotelName}}. Nos complace confirmar su estancia.

Localizador: {{reference}}
Llegada: {{checkIn}}
Salida: {{checkOut}}
Habitación: {{roomType}}
Noches: {{nights}}
Total: {{total}}

Puede consultar o gestionar su reserva en cualquier momento desde su cuenta:
{{accountUrl}}

Conserve su localizador. Si tiene alguna petición especial, basta con responder a este correo.

Será un placer recibirle.

Un cordial saludo,
El equipo de {{hotelName}}`,
    ),
    fr: t(
      'Votre réservation chez {{hotelName}} est confirmée ({{reference}})',
      `Bonjour {{firstName}},

Merci d'avoir réservé chez {{hotelName}}. Nous avons le plaisir de vous confirmer votre séjour.

Référence de réservation : {{reference}}
Arrivée : {{checkIn}}
Départ : {{checkOut}}
Chambre : {{roomType}}
Nuits : {{nights}}
Total : {{total}}

Vous pouvez consulter ou gérer votre réservation à tout moment depuis votre compte :
{{accountUrl}}

Conservez votre référence de réservation. Pour toute demande particulière, il vous suffit de répondre à cet e-mail.

Au plaisir de vous accueillir.

Bien cordialement,
L'équipe de {{hotelName}}`,
    ),
  },
  ...ACCOUNT_NOTICE_TEMPLATES,
  ...THREAD_TEMPLATES,
  ...COMPANY_TEMPLATES,
  ...COMPANY_REGISTRATION_TEMPLATES,
};
