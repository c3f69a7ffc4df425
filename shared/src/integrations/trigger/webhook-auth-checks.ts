import { z } from 'zod';
import { rotatableAuthTypes } from './secret-rotation';

/**
 * One placeholder of a generic HMAC trigger's signed text (`auth.signedPayloadTemplate`): the raw
 * body, the timestamp, a header's value, a JSON body field. Capturing, so `split` keeps them.
 */
export const signedTextPlaceholder = /(\{timestamp\}|\{body\}|\{header:[^{}]+\}|\{json:[^{}]+\})/;

/** The `{…}` parts of a signed-text template that are not placeholders, as written. */
export function unknownSignedTextPlaceholders(template: string): string[] {
  const braces = template.match(/\{[^{}]*\}/g) ?? [];
  const known = new RegExp(`^${signedTextPlaceholder.source}$`);
  return braces.filter((part) => !known.test(part));
}

// Z or an explicit offset: a date-time without one would depend on the server's time zone.
const isoDateTime = z.iso.datetime({ offset: true });

/** An ISO 8601 date and time with a time zone, e.g. 2026-12-31T12:00:00Z. */
export const isIsoDateTime = (text: string): boolean =>
  isoDateTime.safeParse(text).success && !Number.isNaN(Date.parse(text));

/** A `trigger.webhook` auth value that the props schema accepts but the ingress could not use. */
export interface WebhookAuthProblem {
  /** Path inside the node's config. */
  path: string[];
  /** Follows the field's name, like the props schema's messages. */
  problem: string;
}

/**
 * What publishing refuses in a webhook trigger's `auth` beyond types and required fields: a
 * rotation end date that is not a date-time (the previous secret would never pass) and signed
 * text with a placeholder the HMAC check does not know (it would be signed as literal text).
 */
export function webhookAuthProblems(auth: unknown): WebhookAuthProblem[] {
  if (auth === null || typeof auth !== 'object') return [];
  const { type, rotationEndsAt, signedPayloadTemplate } = auth as Record<string, unknown>;
  const problems: WebhookAuthProblem[] = [];
  if (
    typeof type === 'string' &&
    rotatableAuthTypes.includes(type) &&
    typeof rotationEndsAt === 'string' &&
    rotationEndsAt !== '' &&
    !isIsoDateTime(rotationEndsAt)
  ) {
    problems.push({
      path: ['auth', 'rotationEndsAt'],
      problem: `is not a date and time like 2026-12-31T12:00:00Z (ISO 8601 with Z or an offset such as +01:00)`,
    });
  }
  if (type === 'hmac' && typeof signedPayloadTemplate === 'string') {
    const unknown = unknownSignedTextPlaceholders(signedPayloadTemplate);
    if (unknown.length > 0) {
      problems.push({
        path: ['auth', 'signedPayloadTemplate'],
        problem:
          `uses ${unknown.join(', ')}, which the signature check does not know: the placeholders ` +
          'are {body}, {timestamp}, {header:Name} and {json:a.b}',
      });
    }
  }
  return problems;
}
