import { fieldOf, jsonSample, type WebhookPreset } from './preset';

const slashCommand = {
  app_permissions: '562949953601536',
  application_id: '1181234567890123456',
  authorizing_integration_owners: { '0': '1091234567890123456' },
  channel_id: '1091234567890123999',
  context: 0,
  data: {
    id: '1181234567890123460',
    name: 'order',
    type: 1,
    options: [{ name: 'number', type: 4, value: 1042 }],
  },
  entitlements: [],
  guild_id: '1091234567890123456',
  guild_locale: 'en-US',
  id: '1311234567890123789',
  locale: 'en-GB',
  member: {
    nick: null,
    roles: [],
    joined_at: '2025-04-02T18:20:11.123000+00:00',
    permissions: '2248473465835073',
    user: { id: '80351110224678912', username: 'nelly', global_name: 'Nelly' },
  },
  token: 'aW50ZXJhY3Rpb246MTMxMTIzNDU2Nzg5MDEyMzc4OTpzYW1wbGU',
  type: 2,
  version: 1,
};

export const discordPreset: WebhookPreset = {
  id: 'discord',
  title: 'Discord',
  // Each interaction has its own id; Discord does not resend one.
  deliveryIdOf: (request) => fieldOf(request.body, 'id'),
  deliveryIdSource: 'the interaction’s id (body.id)',
  samples: [
    jsonSample(
      'application_command',
      {
        'user-agent': 'Discord-Interactions/1.0 (+https://discord.com)',
        'x-signature-ed25519': '[redacted]',
        'x-signature-timestamp': '1764495672',
      },
      slashCommand,
    ),
  ],
  guide: {
    where: 'Developer Portal → Applications → your app → General Information',
    urlField: 'Interactions Endpoint URL',
    secretField: 'Public Key',
    secretSource: 'the provider shows it',
    secretLooksLike: '64 hex characters (a public key: not secret, but it must be exact).',
    notes: [
      'Discord sends a PING when you save the URL; Hookflow answers it.',
      'Discord waits 3 seconds for an answer: respond with the flow’s result (webhook.respond).',
    ],
  },
};
