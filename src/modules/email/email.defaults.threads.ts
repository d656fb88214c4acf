import type { EmailLanguage } from './email.events.ts';
import type { TemplateText } from './email.defaults.ts';

const t = (subject: string, bodyText: string): TemplateText => ({ subject, bodyText, bodyHtml: null });

/**
 * Issue 16 (M-2): a staff reply in a customer-service thread. The reply address of the e-mail
 * carries the thread's token, so the guest's answer joins the same thread.
 */
export const THREAD_TEMPLATES: Record<'thread.reply' | 'thread.staff_alert', Record<EmailLanguage, TemplateText>> = {
  'thread.reply': {
    en: t(
      'Re: {{subject}}',
      `Dear {{firstName}},

{{message}}

You can simply reply to this e-mail to answer.

Kind regards,
{{staffName}}
{{contactName}} · {{hotelName}}`,
    ),
    es: t(
      'Re: {{subject}}',
      `Estimado/a {{firstName}}:

{{message}}

Puede responder directamente a este correo.

Un cordial saludo,
{{staffName}}
{{contactName}} · {{hotelName}}`,
    ),
    fr: t(
      'Re: {{subject}}',
      `Bonjour {{firstName}},

{{message}}

Vous pouvez répondre directement à cet e-mail.

Bien cordialement,
{{staffName}}
{{contactName}} · {{hotelName}}`,
    ),
  },
  // To the hotel contact's notification address when a guest writes (not to the guest).
  'thread.staff_alert': {
    en: t(
      'New message for {{contactName}}: {{subject}}',
      `{{senderName}} wrote to {{contactName}}:

{{message}}

Answer it in the inbox: {{threadUrl}}`,
    ),
    es: t(
      'Nuevo mensaje para {{contactName}}: {{subject}}',
      `{{senderName}} ha escrito a {{contactName}}:

{{message}}

Responda desde la bandeja de entrada: {{threadUrl}}`,
    ),
    fr: t(
      'Nouveau message pour {{contactName}} : {{subject}}',
      `{{senderName}} a écrit à {{contactName}} :

{{message}}

Répondez depuis la boîte de réception : {{threadUrl}}`,
    ),
  },
};
