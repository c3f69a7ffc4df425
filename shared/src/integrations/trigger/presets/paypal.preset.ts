import { fieldOf, jsonSample, type WebhookPreset } from './preset';

const captureCompleted = {
  id: 'WH-7Y7254563A4550640-11V2185806837105M',
  event_version: '1.0',
  create_time: '2026-11-30T09:21:18.712Z',
  resource_type: 'capture',
  resource_version: '2.0',
  event_type: 'PAYMENT.CAPTURE.COMPLETED',
  summary: 'Payment completed for EUR 49.99 EUR',
  resource: {
    id: '42311647XV020574X',
    status: 'COMPLETED',
    amount: { currency_code: 'EUR', value: '49.99' },
    final_capture: true,
    seller_protection: {
      status: 'ELIGIBLE',
      dispute_categories: ['ITEM_NOT_RECEIVED', 'UNAUTHORIZED_TRANSACTION'],
    },
    seller_receivable_breakdown: {
      gross_amount: { currency_code: 'EUR', value: '49.99' },
      paypal_fee: { currency_code: 'EUR', value: '2.09' },
      net_amount: { currency_code: 'EUR', value: '47.90' },
    },
    invoice_id: 'ORDER-1042',
    custom_id: '1042',
    supplementary_data: { related_ids: { order_id: '5O190127TN364715T' } },
    payee: { email_address: 'shop@example.com', merchant_id: 'C7CYMKZDG8D6E' },
    create_time: '2026-11-30T09:21:14Z',
    update_time: '2026-11-30T09:21:14Z',
    links: [
      {
        href: 'https://api.paypal.com/v2/payments/captures/42311647XV020574X',
        rel: 'self',
        method: 'GET',
      },
    ],
  },
  links: [
    {
      href: 'https://api.paypal.com/v1/notifications/webhooks-events/WH-7Y7254563A4550640-11V2185806837105M',
      rel: 'self',
      method: 'GET',
    },
  ],
};

export const paypalPreset: WebhookPreset = {
  id: 'paypal',
  title: 'PayPal',
  eventOf: (request) => fieldOf(request.body, 'event_type'),
  commonEvents: [
    'PAYMENT.CAPTURE.COMPLETED',
    'PAYMENT.CAPTURE.DENIED',
    'PAYMENT.CAPTURE.REFUNDED',
    'CHECKOUT.ORDER.APPROVED',
    'BILLING.SUBSCRIPTION.ACTIVATED',
    'BILLING.SUBSCRIPTION.CANCELLED',
    'CUSTOMER.DISPUTE.CREATED',
    'PAYMENT.CAPTURE.*',
  ],
  // A redelivered event keeps its id.
  deliveryIdOf: (request) => fieldOf(request.body, 'id'),
  deliveryIdSource: 'the event’s id (body.id, WH-…)',
  samples: [
    jsonSample(
      'PAYMENT.CAPTURE.COMPLETED',
      {
        'user-agent': 'PayPal/AUHD-214.0-58843451',
        'paypal-auth-algo': 'SHA256withRSA',
        'paypal-cert-url':
          'https://api.paypal.com/v1/notifications/certs/CERT-360caa42-fca2a594-a5cafa77',
        'paypal-transmission-id': '69cd13f0-d67a-11e5-baa3-778b53f4ae55',
        'paypal-transmission-sig': '[redacted]',
        'paypal-transmission-time': '2026-11-30T09:21:20Z',
      },
      captureCompleted,
    ),
  ],
  guide: {
    where: 'Developer Dashboard → Apps & Credentials → your app → Webhooks → Add Webhook',
    urlField: 'Webhook URL',
    secretField: 'Webhook ID (listed once the webhook is saved)',
    secretSource: 'the provider shows it',
    secretLooksLike: '17 capitals and digits, e.g. 8PT597110X687430LK.',
    notes: ['PayPal signs with its certificate; the webhook id ties the signature to this URL.'],
  },
};
