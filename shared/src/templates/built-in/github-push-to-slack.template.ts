import type { TemplateDocument } from '../template-document.schema';

export const githubPushToSlackTemplate: TemplateDocument = {
  format: 'hookflow.template',
  formatVersion: 1,
  name: 'GitHub push → Slack message',
  description:
    'Posts who pushed what to which branch whenever GitHub delivers a push event. Needs the ' +
    'webhook’s signing secret from GitHub and a Slack connection.',
  definition: {
    schemaVersion: 1,
    nodes: [
      {
        id: 'n1',
        type: 'trigger.webhook',
        name: 'GitHub webhook',
        position: { x: 0, y: 0 },
        config: {
          methods: ['POST'],
          // Other events (the ping on creation…) are answered and recorded as filtered; the
          // GitHub preset de-duplicates by X-GitHub-Delivery and samples a push for the picker.
          auth: { type: 'github', events: ['push'] },
          response: { mode: 'accepted' },
        },
      },
      {
        id: 'n3',
        type: 'slack.message',
        name: 'Tell Slack',
        position: { x: 260, y: 0 },
        config: {
          channel: '#deploys',
          text:
            '{{ trigger.body.pusher.name }} pushed {{ $count(trigger.body.commits) }} commit(s) to ' +
            '{{ trigger.body.repository.full_name }} ({{ $substringAfter(trigger.body.ref, "refs/heads/") }}): ' +
            '{{ trigger.body.head_commit.message }}\n{{ trigger.body.compare }}',
        },
      },
    ],
    edges: [{ id: 'e1', source: 'n1', target: 'n3' }],
  },
  credentialPlaceholders: {
    n3: { field: 'credentialId', credentialTypes: ['slack.webhook', 'slack.bot'] },
  },
};
