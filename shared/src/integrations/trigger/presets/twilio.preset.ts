import { formSample, headerOf, type WebhookPreset } from './preset';

export const twilioPreset: WebhookPreset = {
  id: 'twilio',
  title: 'Twilio',
  // Twilio sends this token on every webhook; a retry of the same request repeats it.
  deliveryIdOf: (request) => headerOf(request, 'i-twilio-idempotency-token'),
  deliveryIdSource: 'the I-Twilio-Idempotency-Token header',
  samples: [
    formSample(
      'sms',
      {
        'user-agent': 'TwilioProxy/1.1',
        'i-twilio-idempotency-token': '3f1c6d2e-5a4b-4c8d-9e0f-1a2b3c4d5e6f',
        'x-twilio-signature': '[redacted]',
      },
      {
        ToCountry: 'US',
        ToState: 'CA',
        SmsMessageSid: 'SM1f0e2d3c4b5a69788796a5b4c3d2e1f0',
        NumMedia: '0',
        ToCity: 'SAN FRANCISCO',
        FromZip: '94107',
        SmsSid: 'SM1f0e2d3c4b5a69788796a5b4c3d2e1f0',
        FromState: 'CA',
        SmsStatus: 'received',
        FromCity: 'SAN FRANCISCO',
        Body: 'Is my order 1042 on its way?',
        FromCountry: 'US',
        To: '+14155550100',
        ToZip: '94105',
        NumSegments: '1',
        MessageSid: 'SM1f0e2d3c4b5a69788796a5b4c3d2e1f0',
        AccountSid: 'AC0123456789abcdef0123456789abcdef',
        From: '+14155550123',
        ApiVersion: '2010-04-01',
      },
    ),
  ],
  guide: {
    where:
      'Console → Phone Numbers → Manage → Active numbers → your number → Messaging configuration',
    urlField: 'A message comes in → Webhook URL (HTTP POST)',
    secretField: 'Auth Token (Console → Account Info)',
    secretSource: 'the provider shows it',
    secretLooksLike: '32 hex characters.',
    notes: [
      'Twilio signs the exact URL: paste it unchanged, with no added query string.',
      'Twilio posts form fields (application/x-www-form-urlencoded).',
    ],
  },
};
