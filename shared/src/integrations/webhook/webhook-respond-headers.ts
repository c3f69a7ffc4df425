/**
 * Which headers a `webhook.respond` step may not send. A trigger URL is opened by browsers of
 * signed-in users too, so a reply must not act on the browser's state for the host or on the
 * connection. Refused at publish (flow validation) and stripped at run time (older versions).
 */
const FORBIDDEN = new Map<string, string>(
  Object.entries({
    // Browser state of the whole host: cookies, storage, other pages.
    'set-cookie': 'sets cookies for the Hookflow host',
    'set-cookie2': 'sets cookies for the Hookflow host',
    'clear-site-data': "clears the signed-in user's storage and cookies",
    'strict-transport-security': 'pins the whole host to HTTPS',
    'alt-svc': 'sends the browser to another server for the whole host',
    nel: "collects reports about the host's other pages",
    'report-to': "collects reports about the host's other pages",
    'reporting-endpoints': "collects reports about the host's other pages",
    'service-worker-allowed': "widens a service worker's scope",
    'www-authenticate': 'opens a password prompt that looks like Hookflow’s',
    // Overrides of the policies Hookflow sets on every trigger reply.
    'content-security-policy': 'overrides the sandbox policy of trigger replies',
    'content-security-policy-report-only': 'overrides the sandbox policy of trigger replies',
    'x-content-security-policy': 'overrides the sandbox policy of trigger replies',
    'x-webkit-csp': 'overrides the sandbox policy of trigger replies',
    'x-content-type-options': 'overrides nosniff on trigger replies',
    'x-frame-options': 'overrides the framing policy',
    'permissions-policy': 'overrides the permissions policy',
    'feature-policy': 'overrides the permissions policy',
    'access-control-allow-credentials': 'lets other sites read replies with the user’s cookies',
    // Navigation without a redirect status, and preloading: the browser acts on them on any page.
    refresh: 'navigates the browser elsewhere',
    link: 'makes the browser preload or connect to other resources',
    // The connection and its framing belong to the server.
    connection: 'is a hop-by-hop header of the connection',
    'keep-alive': 'is a hop-by-hop header of the connection',
    'transfer-encoding': 'is a hop-by-hop header of the connection',
    upgrade: 'is a hop-by-hop header of the connection',
    te: 'is a hop-by-hop header of the connection',
    trailer: 'is a hop-by-hop header of the connection',
    'content-length': 'is computed by the server from the body',
  }),
);

// RFC 9110 token: what a header name may be made of.
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/** Why a `webhook.respond` step may not send the header `name`, or undefined if it may. */
export function refusedResponseHeader(name: string): string | undefined {
  if (!HEADER_NAME.test(name)) return 'is not a valid header name';
  const lower = name.toLowerCase();
  if (lower.startsWith('proxy-')) return 'is a hop-by-hop header meant for proxies';
  return FORBIDDEN.get(lower);
}
