import type { FlowDefinition } from '@hookflow/shared';

export interface WebhookToSinkOptions {
  /** Extra webhook trigger settings: `concurrency`, `orderingKey`, … */
  trigger?: Record<string, unknown>;
  /** Puts a `flow.delay` of this many ms (a number or an expression) before the call. */
  delayMs?: number | string;
}

/** webhook → [flow.delay] → http.request POSTing the trigger body to `url`, never retried. */
export function webhookToSink(url: string, options: WebhookToSinkOptions = {}): FlowDefinition {
  const delayed = options.delayMs !== undefined;
  return {
    schemaVersion: 1,
    nodes: [
      {
        id: 'hook',
        type: 'trigger.webhook',
        name: 'Hook',
        position: { x: 0, y: 0 },
        config: { methods: ['POST'], auth: { type: 'none' }, ...options.trigger },
      },
      ...(delayed
        ? [
            {
              id: 'wait',
              type: 'flow.delay',
              name: 'Wait',
              position: { x: 0, y: 100 },
              config: { ms: options.delayMs },
            },
          ]
        : []),
      {
        id: 'call',
        type: 'http.request',
        name: 'Call',
        position: { x: 0, y: 200 },
        retry: { attempts: 1, backoff: 'fixed', delayMs: 100 },
        config: { method: 'POST', url, body: '{{ trigger.body }}' },
      },
    ],
    edges: delayed
      ? [
          { id: 'e1', source: 'hook', target: 'wait' },
          { id: 'e2', source: 'wait', target: 'call' },
        ]
      : [{ id: 'e1', source: 'hook', target: 'call' }],
  };
}

/** webhook {GET, sync} → webhook.respond "Reply page" (node `reply`) with these headers and body. */
export function webhookReplyPage(headers: Record<string, string>, body: string): FlowDefinition {
  return {
    schemaVersion: 1,
    nodes: [
      {
        id: 'hook',
        type: 'trigger.webhook',
        name: 'Hook',
        position: { x: 0, y: 0 },
        config: { methods: ['GET'], auth: { type: 'none' }, response: { mode: 'sync' } },
      },
      {
        id: 'reply',
        type: 'webhook.respond',
        name: 'Reply page',
        position: { x: 0, y: 100 },
        config: { status: 200, headers, body },
      },
    ],
    edges: [{ id: 'e1', source: 'hook', target: 'reply' }],
  };
}
