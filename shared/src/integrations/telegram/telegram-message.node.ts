import { defineNode } from '../../catalog/define-node';

export const telegramMessageNode = defineNode({
  type: 'telegram.message',
  version: 1,
  title: 'Telegram message',
  description: 'Sends a message from a bot to a chat, group or channel (sendMessage).',
  category: 'integration',
  icon: 'send',
  props: {
    credentialId: {
      type: 'credential',
      label: 'Telegram bot',
      required: true,
      credentialTypes: ['telegram.bot'],
    },
    chatId: {
      type: 'text',
      label: 'Chat',
      description: 'A chat id such as -1001234567890, or @channelname for a public channel.',
      required: true,
      placeholder: '@deploys',
    },
    text: {
      type: 'textarea',
      label: 'Text',
      required: true,
      placeholder: 'New order {{ trigger.body.id }}',
    },
    parseMode: {
      type: 'select',
      label: 'Formatting',
      default: 'none',
      options: [
        { label: 'Plain text', value: 'none' },
        { label: 'HTML', value: 'HTML' },
        { label: 'MarkdownV2', value: 'MarkdownV2' },
      ],
    },
    silent: {
      type: 'boolean',
      label: 'Send silently',
      description: 'Recipients get a notification without sound.',
      default: false,
    },
  },
  sampleOutput: { ok: true, messageId: 42, chatId: -1001234567890, date: 1736154000 },
});
