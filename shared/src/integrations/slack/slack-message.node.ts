import { defineNode } from '../../catalog/define-node';

export const slackMessageNode = defineNode({
  type: 'slack.message',
  version: 1,
  title: 'Slack message',
  description: 'Posts a message through an incoming webhook or a bot token (chat.postMessage).',
  category: 'integration',
  icon: 'hash',
  props: {
    credentialId: {
      type: 'credential',
      label: 'Slack connection',
      required: true,
      credentialTypes: ['slack.webhook', 'slack.bot'],
    },
    channel: {
      type: 'text',
      label: 'Channel',
      description: 'Needed with a bot token; an incoming webhook posts to its own channel.',
      placeholder: '#deploys',
    },
    text: {
      type: 'textarea',
      label: 'Text',
      required: true,
      placeholder: 'New order {{ trigger.body.id }}',
    },
    blocks: { type: 'json', label: 'Blocks (Block Kit)' },
  },
  sampleOutput: { ok: true, channel: 'C0123456789', ts: '1736154000.000200' },
});
