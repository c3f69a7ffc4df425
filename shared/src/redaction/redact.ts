/**
 * One place that decides what a secret looks like in text the app shows or stores (rows, logs,
 * the live stream, error messages): URL passwords, credential-named query parameters and header
 * values, and `Bearer …`-style tokens. The template secret scanner uses the same names.
 */

export const REDACTED = '[redacted]';

// Header, query and field names whose values are credentials whatever they look like.
const SENSITIVE_NAME =
  /^(?:authorization|proxy-authorization|cookie|set-cookie|(?:x-)?auth(?:-key)?|x-api-key|api-?key|key|sig)$|token|secret|passw(?:or)?d|api[-_]?key|access[-_]?key|private[-_]?key|signature|session/i;

/** Whether a header, query parameter or field of this name holds a credential. */
export const isSensitiveName = (name: string) => SENSITIVE_NAME.test(name);

// `scheme://user:password@`: the password goes, the user name stays readable.
const URL_PASSWORD = /(\b[a-z][a-z0-9+.-]*:\/\/[^\s/?#@:]*:)[^\s/?#@]+@/gi;
// `?name=value` / `&name=value` (URLs, form bodies); a `{{ }}` value is no literal secret.
const QUERY_PARAM = /([?&;])([^=&#\s?]+)=([^&#\s"'<>`{]*)/g;
// `Authorization: Bearer x`-style tokens quoted in text; the scheme stays readable.
const AUTH_TOKEN = /\b(bearer|basic|digest)(\s+)[A-Za-z0-9._~+/=-]{8,}/gi;
const MAY_HOLD_SECRET = /[:=]|\b(?:bearer|basic|digest)\s/i;
// Always credentials on an incoming request; signatures are derived values and stay visible.
const CREDENTIAL_HEADERS = new Set(['authorization', 'proxy-authorization', 'cookie', 'x-api-key']);

const decoded = (text: string) => {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
};

/**
 * `text` with URL passwords, credential-named query values (`api_key`, `token`, `signature`…)
 * and `Bearer …` tokens replaced by `[redacted]`; everything else is left exactly as it was.
 */
export function redactText(text: string): string {
  if (!MAY_HOLD_SECRET.test(text)) return text;
  return text
    .replace(URL_PASSWORD, `$1${REDACTED}@`)
    .replace(QUERY_PARAM, (whole, separator: string, name: string, value: string) =>
      value !== '' && isSensitiveName(decoded(name)) ? `${separator}${name}=${REDACTED}` : whole,
    )
    .replace(AUTH_TOKEN, (_, scheme: string, space: string) => `${scheme}${space}${REDACTED}`);
}

/**
 * Whether to redact this header of an incoming trigger request before it is stored.
 * `triggerAuthHeader` is the trigger's own header-auth name (if any); `null` means the trigger's
 * settings are unknown (flow disabled, unpublished, misconfigured), so every credential-named
 * header is hidden, whichever the flow would have checked (`X-Token`, …).
 */
export function isSecretRequestHeader(
  name: string,
  triggerAuthHeader: string | undefined | null,
): boolean {
  const lower = name.toLowerCase();
  if (CREDENTIAL_HEADERS.has(lower)) return true;
  if (triggerAuthHeader === null) return isSensitiveName(lower);
  return lower === triggerAuthHeader?.toLowerCase();
}

/**
 * A copy of a JSON value for display or storage: strings redacted as text, and the value of
 * every credential-named field (an `Authorization` header, an `api_key` query entry) replaced.
 */
export function redactValue<T>(value: T): T {
  return redactAt(value, undefined) as T;
}

function redactAt(value: unknown, name: string | undefined): unknown {
  if (typeof value === 'string')
    return name !== undefined && isSensitiveName(name) && value !== ''
      ? REDACTED
      : redactText(value);
  if (Array.isArray(value)) return value.map((item) => redactAt(item, name));
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, child]) => [key, redactAt(child, key)]),
  );
}
