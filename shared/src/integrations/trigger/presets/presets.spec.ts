import { webhookTriggerConfigSchema } from '../webhook-trigger-config.schema';
import { eventPassesFilter } from './event-filter';
import {
  eventFilterDecision,
  presetDedupeKey,
  samplePayloadFor,
  webhookPresetFor,
  webhookPresets,
} from './index';

const request = (headers: Record<string, string>, body: unknown = {}) => ({ headers, body });

describe('eventPassesFilter', () => {
  it.each([
    [[], 'push', true],
    [['push'], 'push', true],
    [['push'], 'pull_request.opened', false],
    [['pull_request'], 'pull_request.opened', true],
    [['pull_request.*'], 'pull_request.closed', true],
    [['pull_request.*'], 'pull_request', false],
    [['pull_request.opened'], 'pull_request.closed', false],
    [['orders/*'], 'orders/create', true],
    [['orders/*'], 'products/create', false],
    [['*.succeeded'], 'payment_intent.succeeded', true],
    [['*.succeeded'], 'payment_intent.failed', false],
    [['payment_*.succeeded'], 'payment_intent.succeeded', true],
    [['a*b*a'], 'aba', true],
    [['a*b*a'], 'aa', false],
    [['*'], 'anything', true],
    [['*'], null, true],
    [['push'], null, false],
    [['  ', ''], 'push', true],
  ])('%j lets %s through: %s', (patterns, event, expected) => {
    expect(eventPassesFilter(patterns, event)).toBe(expected);
  });
});

describe('eventFilterDecision', () => {
  it('names GitHub events by header and action', () => {
    const config = { auth: { type: 'github', events: ['pull_request.opened'] } };
    expect(
      eventFilterDecision(
        config,
        request({ 'x-github-event': 'pull_request' }, { action: 'opened' }),
      ),
    ).toEqual({ passes: true, event: 'pull_request.opened' });
    expect(eventFilterDecision(config, request({ 'x-github-event': 'push' }, {}))).toEqual({
      passes: false,
      event: 'push',
    });
  });

  it('reads Stripe and PayPal types from the body, Shopify topics from the header', () => {
    expect(
      eventFilterDecision(
        { auth: { type: 'stripe', events: ['invoice.*'] } },
        request({}, { type: 'payment_intent.succeeded' }),
      ),
    ).toEqual({ passes: false, event: 'payment_intent.succeeded' });
    expect(
      eventFilterDecision(
        { auth: { type: 'paypal', events: ['PAYMENT.CAPTURE.*'] } },
        request({}, { event_type: 'PAYMENT.CAPTURE.COMPLETED' }),
      )?.passes,
    ).toBe(true);
    expect(
      eventFilterDecision(
        { auth: { type: 'shopify', events: ['orders/create'] } },
        request({ 'x-shopify-topic': 'orders/create' }),
      )?.passes,
    ).toBe(true);
  });

  it('takes the Slack event type from event callbacks only', () => {
    const config = { auth: { type: 'slack', events: ['app_mention'] } };
    expect(
      eventFilterDecision(
        config,
        request({}, { type: 'event_callback', event: { type: 'app_mention' } }),
      ),
    ).toEqual({ passes: true, event: 'app_mention' });
    expect(
      eventFilterDecision(config, request({}, { type: 'block_actions', event: { type: 'x' } })),
    ).toEqual({ passes: false, event: null });
  });

  it('does not apply without patterns or without an event-naming preset', () => {
    expect(eventFilterDecision({ auth: { type: 'github' } }, request({}))).toBeUndefined();
    expect(eventFilterDecision({ auth: { type: 'github', events: [' '] } }, request({}))).toBe(
      undefined,
    );
    expect(eventFilterDecision({ auth: { type: 'hmac', events: ['push'] } }, request({}))).toBe(
      undefined,
    );
    expect(eventFilterDecision({ auth: { type: 'twilio', events: ['x'] } }, request({}))).toBe(
      undefined,
    );
  });
});

describe('presetDedupeKey', () => {
  it.each([
    ['github', request({ 'x-github-delivery': 'd-1' }), 'd-1'],
    ['stripe', request({}, { id: 'evt_1', type: 'x' }), 'evt_1'],
    ['shopify', request({ 'x-shopify-webhook-id': 's-1' }), 's-1'],
    ['standard-webhooks', request({ 'webhook-id': 'msg_1' }), 'msg_1'],
    ['slack', request({ 'x-slack-retry-num': '1' }, { event_id: 'Ev1' }), 'Ev1'],
    ['twilio', request({ 'i-twilio-idempotency-token': 't-1' }), 't-1'],
    ['paypal', request({}, { id: 'WH-1' }), 'WH-1'],
    ['discord', request({}, { id: '131' }), '131'],
    ['github', request({}), null],
    ['sendgrid', request({}, [{ sg_event_id: 'a' }]), null],
    ['hmac', request({ 'x-github-delivery': 'd-1' }), null],
  ])('%s: %j gives %s', (type, req, expected) => {
    expect(presetDedupeKey({ auth: { type } }, req)).toBe(expected);
  });

  it('is off when the user turns it off or sets their own de-duplication', () => {
    const req = request({ 'x-github-delivery': 'd-1' });
    expect(presetDedupeKey({ auth: { type: 'github', keepRepeats: true } }, req)).toBe(null);
    expect(presetDedupeKey({ auth: { type: 'github' }, dedupe: { header: 'X-Other' } }, req)).toBe(
      null,
    );
  });

  it('is on by default in a parsed config', () => {
    const parsed = webhookTriggerConfigSchema.parse({ auth: { type: 'github', secret: 's' } });
    expect(parsed.auth.keepRepeats).toBeUndefined();
    expect(presetDedupeKey(parsed, request({ 'x-github-delivery': 'd-2' }))).toBe('d-2');
  });
});

describe('samplePayloadFor', () => {
  it('picks the sample the filter lets through', () => {
    expect(samplePayloadFor({ auth: { type: 'github' } })?.headers['x-github-event']).toBe('push');
    const pr = samplePayloadFor({ auth: { type: 'github', events: ['pull_request'] } });
    expect(pr?.headers['x-github-event']).toBe('pull_request');
    expect((pr?.body as { action: string }).action).toBe('opened');
  });

  it('is undefined for triggers without a preset', () => {
    expect(samplePayloadFor({ auth: { type: 'hmac' } })).toBeUndefined();
    expect(samplePayloadFor({})).toBeUndefined();
  });

  it('returns a copy the caller may change', () => {
    const sample = samplePayloadFor({ auth: { type: 'stripe' } })!;
    (sample.body as { id: string }).id = 'changed';
    expect((samplePayloadFor({ auth: { type: 'stripe' } })!.body as { id: string }).id).not.toBe(
      'changed',
    );
  });

  it.each(webhookPresets.map((preset) => [preset.id, preset] as const))(
    '%s: samples are consistent with their own filter, delivery id and raw body',
    (_id, preset) => {
      expect(preset.samples.length).toBeGreaterThan(0);
      expect(preset.guide.urlField).toBeTruthy();
      for (const sample of preset.samples) {
        const { headers, body, rawBody } = sample.request;
        if (headers['content-type'] === 'application/json')
          expect(JSON.parse(rawBody)).toEqual(body);
        else expect(Object.fromEntries(new URLSearchParams(rawBody))).toEqual(body);
        if (preset.eventOf) expect(preset.eventOf({ headers, body })).toBe(sample.event);
        if (preset.deliveryIdOf) expect(preset.deliveryIdOf({ headers, body })).toBeTruthy();
      }
    },
  );

  it('has a sample for every event the issue names', () => {
    const events = (id: string) => webhookPresetFor(id)!.samples.map((sample) => sample.event);
    expect(events('github')).toEqual(['push', 'pull_request.opened']);
    expect(events('stripe')).toEqual(['payment_intent.succeeded']);
    expect(events('shopify')).toEqual(['orders/create']);
    expect(events('slack')).toEqual(['message']);
    expect(events('paypal')).toEqual(['PAYMENT.CAPTURE.COMPLETED']);
    expect(events('twilio')).toEqual(['sms']);
    expect(events('discord')).toEqual(['application_command']);
    expect(events('sendgrid')).toEqual(['events']);
  });
});
