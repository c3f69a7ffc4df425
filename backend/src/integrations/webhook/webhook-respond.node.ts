import { refusedResponseHeader, webhookRespondNode } from '@hookflow/shared';
import { implementNode } from '../implement-node.js';

// Answering the waiting trigger request is no outside side effect: dry runs respond too.
export const webhookRespondHandler = implementNode(webhookRespondNode, {
  run: async ({ config }) => {
    // Versions published before the publish-time check may still name refused headers.
    const names = Object.keys(config.headers ?? {});
    const dropped = names.filter((name) => refusedResponseHeader(name));
    const headers = Object.fromEntries(
      names.filter((name) => !dropped.includes(name)).map((name) => [name, config.headers![name]]),
    );
    const respond = { status: config.status, headers, body: config.body };
    return { output: dropped.length ? { ...respond, droppedHeaders: dropped } : respond, respond };
  },
});
