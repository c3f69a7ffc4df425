import { fieldOf, headerOf, jsonSample, type WebhookPreset } from './preset';

export const standardWebhooksPreset: WebhookPreset = {
  id: 'standard-webhooks',
  title: 'Standard Webhooks',
  eventOf: (request) => fieldOf(request.body, 'type'),
  deliveryIdOf: (request) => headerOf(request, 'webhook-id'),
  deliveryIdSource: 'the webhook-id header',
  samples: [
    jsonSample(
      'invoice.paid',
      {
        'user-agent': 'Svix-Webhooks/1.62.0',
        'webhook-id': 'msg_2pLq8sVtX4kJd9mNc3bYw6zRf1A',
        'webhook-timestamp': '1764495672',
        'webhook-signature': '[redacted]',
      },
      {
        type: 'invoice.paid',
        timestamp: '2026-11-30T09:41:12.345Z',
        data: {
          id: 'inv_01JDRQ7K2M4N6P8R0T2V4X6Z8B',
          customer_id: 'cus_01JDRQ5B3C5D7E9F1G3H5J7K9M',
          amount: 4999,
          currency: 'EUR',
          status: 'paid',
        },
      },
    ),
  ],
  guide: {
    where: 'The sender’s webhook settings (Svix-based apps: Webhooks → Add Endpoint)',
    urlField: 'Endpoint URL',
    secretField: 'Signing Secret',
    secretSource: 'the provider shows it',
    secretLooksLike: 'whsec_ and base64 (HMAC, v1), or whpk_ and base64 (Ed25519 public key, v1a).',
  },
};
