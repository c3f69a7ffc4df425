/**
 * Whether an event name passes a filter. Empty filter: everything. A pattern is the event's name
 * with `*` standing for any run of characters (`pull_request.*`, `orders/*`, `*`); a name without
 * a dot-suffix also covers its sub-events, so `pull_request` takes `pull_request.opened`.
 * An event the request does not name passes only `*`.
 */
export function eventPassesFilter(
  patterns: readonly string[] | undefined,
  event: string | null,
): boolean {
  const active = (patterns ?? []).map((pattern) => pattern.trim()).filter(Boolean);
  if (active.length === 0) return true;
  return active.some((pattern) => {
    if (pattern === '*') return true;
    if (event === null) return false;
    return globMatches(pattern, event) || event.startsWith(`${pattern}.`);
  });
}

function globMatches(pattern: string, event: string): boolean {
  const parts = pattern.split('*');
  if (parts.length === 1) return pattern === event;
  const [first, ...rest] = parts;
  const last = rest.pop()!;
  if (!event.startsWith(first) || event.length < first.length + last.length) return false;
  if (!event.endsWith(last)) return false;
  let at = first.length;
  const end = event.length - last.length;
  for (const middle of rest) {
    const found = event.indexOf(middle, at);
    if (found < 0 || found + middle.length > end) return false;
    at = found + middle.length;
  }
  return true;
}
