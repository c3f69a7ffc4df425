import { jsonSample, type WebhookPreset } from './preset';

const message = {
  email: 'jane@example.com',
  'smtp-id': '<19a3f5c2d7e.4b1f.2a8c@ismtpd0041p1mdw1.sendgrid.net>',
  sg_message_id: 'f0RlEuvWSzmtXIXTj0Gm2A.recvd-7c5d9f4b6-x2k9p-1-6744F1A2-17.0',
  category: ['order-confirmation'],
  order_id: '1042',
};

export const sendgridPreset: WebhookPreset = {
  id: 'sendgrid',
  title: 'SendGrid',
  // One request carries a batch of events, each with its own sg_event_id: no delivery-level id.
  samples: [
    jsonSample(
      'events',
      {
        'user-agent': 'SendGrid Event API',
        'x-twilio-email-event-webhook-signature': '[redacted]',
        'x-twilio-email-event-webhook-timestamp': '1764495690',
      },
      [
        {
          ...message,
          event: 'processed',
          timestamp: 1764495601,
          sg_event_id: 'cHJvY2Vzc2VkLTQ4MTQ2NDE4LWYwUmxFdXZXU3ptdA',
        },
        {
          ...message,
          event: 'delivered',
          timestamp: 1764495604,
          response: '250 2.0.0 OK  1764495604 a1si1234567qkb.88 - gsmtp',
          tls: 1,
          ip: '168.245.12.34',
          sg_event_id: 'ZGVsaXZlcmVkLTAtNDgxNDY0MTgtZjBSbEV1dlc',
        },
        {
          ...message,
          event: 'open',
          timestamp: 1764495688,
          useragent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64)',
          ip: '203.0.113.41',
          sg_machine_open: false,
          sg_event_id: 'b3Blbi00ODE0NjQxOC1mMFJsRXV2VzE3NjQ0OTU2ODg',
        },
      ],
    ),
  ],
  guide: {
    where: 'Settings → Mail Settings → Event Webhooks → Create new webhook',
    urlField: 'Post URL',
    secretField: 'Verification Key (after turning on Signed Event Webhook)',
    secretSource: 'the provider shows it',
    secretLooksLike: 'A base64 public key starting with MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE.',
    notes: ['Select the delivery and engagement events to post; SendGrid batches them.'],
  },
};
