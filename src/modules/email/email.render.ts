import Mustache from 'mustache';
import { invalid, type ErrorDetail } from '../../core/errors.ts';
import { EMAIL_PLACEHOLDERS, type EmailEvent } from './email.events.ts';
import { formatPlaceholder, type EmailFormat } from './email.format.ts';
import type { TemplateText } from './email.defaults.ts';

type Token = [string, string, number, number, Token[]?, number?];

const FIELDS = ['subject', 'bodyText', 'bodyHtml'] as const;
type Field = (typeof FIELDS)[number];

/** Problems of one template field: broken mustache, partials, or placeholders the event does not offer. */
function problemsOf(event: EmailEvent, field: Field, source: string): ErrorDetail[] {
  let tokens: Token[];
  try {
    tokens = Mustache.parse(source) as unknown as Token[];
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    return [{ field, code: 'template_syntax', message: `The template cannot be read: ${why}` }];
  }
  const allowed = new Set(EMAIL_PLACEHOLDERS[event]);
  const unknown = new Set<string>();
  const problems: ErrorDetail[] = [];
  const walk = (list: Token[]) => {
    for (const token of list) {
      const [type, name] = token;
      if (type === '>') {
        problems.push({ field, code: 'template_partial', message: `Partials ({{> ${name}}}) are not supported` });
      } else if (type === 'name' || type === '&' || type === '#' || type === '^') {
        if (name !== '.' && !allowed.has(name)) unknown.add(name);
        if (token[4]) walk(token[4]);
      }
    }
  };
  walk(tokens);
  for (const name of unknown) {
    problems.push({
      field,
      code: 'unknown_placeholder',
      message: `Unknown placeholder {{${name}}}; available: ${EMAIL_PLACEHOLDERS[event].join(', ')}`,
    });
  }
  return problems;
}

/** Throws a 400 naming each field whose template is broken or uses an unknown placeholder. */
export function validateTemplate(event: EmailEvent, template: TemplateText): void {
  const problems = FIELDS.flatMap((field) => {
    const source = template[field];
    return source == null ? [] : problemsOf(event, field, source);
  });
  if (problems.length) throw invalid('invalid_template', 'The template has errors', problems);
}

/** Placeholder values as strings, written for the recipient (missing ones empty). */
function viewOf(event: EmailEvent, data: Record<string, unknown>, format: EmailFormat): Record<string, string> {
  const view: Record<string, string> = {};
  for (const name of EMAIL_PLACEHOLDERS[event]) view[name] = formatPlaceholder(name, data[name], data, format);
  return view;
}

export interface RenderedEmail {
  subject: string;
  bodyText: string;
  bodyHtml: string | null;
}

/** Renders a template (values formatted for the recipient, see email.format.ts): text as is (no HTML escaping), HTML escaped, subject on one line. */
export function renderTemplate(
  event: EmailEvent,
  template: TemplateText,
  data: Record<string, unknown>,
  format: EmailFormat = { language: 'en', timeZone: 'UTC' },
): RenderedEmail {
  const view = viewOf(event, data, format);
  const plain = { escape: (s: string) => s };
  const subject = Mustache.render(template.subject, view, {}, plain)
    .replace(/\s*[\r\n]+\s*/g, ' ')
    .trim();
  return {
    subject,
    bodyText: Mustache.render(template.bodyText, view, {}, plain),
    bodyHtml: template.bodyHtml ? Mustache.render(template.bodyHtml, view) : null,
  };
}
