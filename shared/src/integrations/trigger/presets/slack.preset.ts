import { fieldOf, jsonSample, type WebhookPreset } from './preset';

const messageEvent = {
  token: 'Jhj5dZrVaK7ZwHHjRyZWjbDl',
  team_id: 'T0A1B2C3D',
  api_app_id: 'A0KRD7HC3',
  event: {
    type: 'message',
    channel: 'C2147483705',
    channel_type: 'channel',
    user: 'U2147483697',
    text: 'Deploy finished, shipping the release notes now',
    ts: '1764495672.000200',
    event_ts: '1764495672.000200',
  },
  type: 'event_callback',
  event_id: 'Ev0PV52K21',
  event_time: 1764495672,
  authorizations: [
    { team_id: 'T0A1B2C3D', user_id: 'U0BOTUSER1', is_bot: true, is_enterprise_install: false },
  ],
  event_context: '4-eyJldCI6Im1lc3NhZ2UiLCJ0aWQiOiJUMEExQjJDM0QifQ',
};

export const slackPreset: WebhookPreset = {
  id: 'slack',
  title: 'Slack',
  // Events API callbacks name their event inside; other payloads (interactivity…) name none.
  eventOf: (request) =>
    fieldOf(request.body, 'type') === 'event_callback'
      ? fieldOf(request.body, 'event', 'type')
      : null,
  commonEvents: [
    'message',
    'app_mention',
    'reaction_added',
    'member_joined_channel',
    'channel_created',
    'team_join',
    'app_home_opened',
  ],
  // A retry (X-Slack-Retry-Num set) carries the same event_id as the first attempt.
  deliveryIdOf: (request) => fieldOf(request.body, 'event_id'),
  deliveryIdSource: 'the event_id Slack repeats on every retry (X-Slack-Retry-Num)',
  samples: [
    jsonSample(
      'message',
      {
        'user-agent': 'Slackbot 1.0 (+https://api.slack.com/robots)',
        'x-slack-request-timestamp': '1764495673',
        'x-slack-signature': '[redacted]',
      },
      messageEvent,
    ),
  ],
  guide: {
    where: 'api.slack.com/apps → your app → Event Subscriptions → Enable Events',
    urlField: 'Request URL',
    secretField: 'Signing Secret (Basic Information → App Credentials)',
    secretSource: 'the provider shows it',
    secretLooksLike: '32 hex characters.',
    notes: [
      'Slack checks the URL with a url_verification challenge; Hookflow answers it.',
      'Then add the bot events to subscribe to and reinstall the app.',
    ],
  },
};
