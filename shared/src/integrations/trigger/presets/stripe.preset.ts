import { fieldOf, jsonSample, type WebhookPreset } from './preset';

const paymentIntentSucceeded = {
  id: 'evt_3QkT2mLr8uYx0aBc1dEfGh2i',
  object: 'event',
  api_version: '2024-06-20',
  created: 1764495672,
  livemode: false,
  pending_webhooks: 1,
  request: { id: 'req_Vb7mQz1xK9pLwE', idempotency_key: '5d3c8e7a-4b1f-4f6e-9a2d-0c8b7e6f5a4d' },
  type: 'payment_intent.succeeded',
  data: {
    object: {
      id: 'pi_3QkT2mLr8uYx0aBc1xYz9Abc',
      object: 'payment_intent',
      amount: 4999,
      amount_received: 4999,
      currency: 'eur',
      status: 'succeeded',
      customer: 'cus_RdT5kLm2nOp3Qr',
      description: 'Order #1042',
      receipt_email: 'jane@example.com',
      latest_charge: 'ch_3QkT2mLr8uYx0aBc1QwErTyU',
      payment_method: 'pm_1QkT2lLr8uYx0aBcZ9yXwVuT',
      payment_method_types: ['card'],
      metadata: { order_id: '1042' },
      created: 1764495669,
      livemode: false,
    },
  },
};

export const stripePreset: WebhookPreset = {
  id: 'stripe',
  title: 'Stripe',
  eventOf: (request) => fieldOf(request.body, 'type'),
  commonEvents: [
    'payment_intent.succeeded',
    'payment_intent.payment_failed',
    'checkout.session.completed',
    'charge.succeeded',
    'charge.refunded',
    'customer.created',
    'customer.subscription.created',
    'customer.subscription.updated',
    'customer.subscription.deleted',
    'invoice.paid',
    'invoice.payment_failed',
    'payment_intent.*',
  ],
  deliveryIdOf: (request) => fieldOf(request.body, 'id'),
  deliveryIdSource: 'the event’s id (body.id)',
  samples: [
    jsonSample(
      'payment_intent.succeeded',
      {
        'user-agent': 'Stripe/1.0 (+https://stripe.com/docs/webhooks)',
        'stripe-signature': '[redacted]',
      },
      paymentIntentSucceeded,
    ),
  ],
  guide: {
    where: 'Dashboard → Developers → Webhooks → Add endpoint',
    urlField: 'Endpoint URL',
    secretField: 'Signing secret (Reveal)',
    secretSource: 'the provider shows it',
    secretLooksLike: 'whsec_ followed by about 32 letters and digits.',
    notes: ['Select the events to send; Stripe always posts JSON.'],
  },
};
