import type { TemplateDocument } from '../template-document.schema';

export const stripePaymentToDiscordAndEmailTemplate: TemplateDocument = {
  format: 'hookflow.template',
  formatVersion: 1,
  name: 'Stripe payment → Discord + e-mail',
  description:
    'When Stripe reports a successful payment, announces it in a Discord channel and e-mails ' +
    'the customer a thank-you note. Needs the endpoint’s signing secret (whsec_…) from Stripe, ' +
    'a Discord webhook and an SMTP server.',
  definition: {
    schemaVersion: 1,
    nodes: [
      {
        id: 'n1',
        type: 'trigger.webhook',
        name: 'Stripe webhook',
        position: { x: 0, y: 0 },
        config: {
          methods: ['POST'],
          auth: { type: 'stripe', toleranceSeconds: 300 },
          response: { mode: 'accepted' },
          dedupe: { expression: '{{ trigger.body.id }}' },
        },
      },
      {
        id: 'n2',
        type: 'logic.filter',
        name: 'Only successful payments',
        position: { x: 260, y: 0 },
        config: { condition: '{{ trigger.body.type = "payment_intent.succeeded" }}' },
      },
      {
        id: 'n3',
        type: 'data.transform',
        name: 'Payment details',
        position: { x: 520, y: 0 },
        config: {
          fields: {
            paymentId: '{{ trigger.body.data.object.id }}',
            amount:
              '{{ $formatNumber(trigger.body.data.object.amount_received / 100, "#,##0.00") }}',
            currency: '{{ $uppercase(trigger.body.data.object.currency) }}',
            email: '{{ trigger.body.data.object.receipt_email }}',
          },
        },
      },
      {
        id: 'n4',
        type: 'discord.message',
        name: 'Announce on Discord',
        position: { x: 780, y: -80 },
        config: {
          content:
            'Payment received: {{ steps.n3.amount }} {{ steps.n3.currency }} ({{ steps.n3.paymentId }})',
        },
      },
      {
        id: 'n5',
        type: 'email.send',
        name: 'Thank the customer',
        position: { x: 780, y: 80 },
        config: {
          to: '{{ steps.n3.email }}',
          subject: 'Thank you for your payment',
          text:
            'Hello,\n\nwe received your payment of {{ steps.n3.amount }} {{ steps.n3.currency }}.\n' +
            'Reference: {{ steps.n3.paymentId }}\n\nThank you!',
        },
      },
    ],
    edges: [
      { id: 'e1', source: 'n1', target: 'n2' },
      { id: 'e2', source: 'n2', target: 'n3' },
      { id: 'e3', source: 'n3', target: 'n4' },
      { id: 'e4', source: 'n3', target: 'n5' },
    ],
  },
  credentialPlaceholders: {
    n4: { field: 'credentialId', credentialTypes: ['discord.webhook'] },
    n5: { field: 'credentialId', credentialTypes: ['smtp'] },
  },
};
