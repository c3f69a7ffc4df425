import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FlowDefinition, FlowNode } from '@hookflow/shared';
import { SMTPServer } from 'smtp-server';
import { Webhook } from 'standardwebhooks';
import { testEnvironments } from '../test-support/environments.js';
import { HttpSink } from '../test-support/http-sink.js';
import { startTestApp, type TestApp } from '../test-support/test-app.js';
import { waitFor } from '../test-support/wait-for.js';

// The "Done when": webhook → slack.message + discord.message + email.send + webhook.send
// end to end against local stand-ins (Slack Web API, a Discord webhook, a real SMTP server and a
// Standard Webhooks receiver), then each integration's error paths as the execution shows them.

const SMTP_USER = 'mailer';
const SMTP_PASSWORD = 's3cret';
/** Standard Webhooks secret: whsec_ + base64 of 32 bytes. */
const SIGNING_SECRET = `whsec_${Buffer.alloc(32, 42).toString('base64')}`;
const BOT_TOKEN = 'xoxb-test-token';
const TELEGRAM_TOKEN = '123456789:AAtelegram-test-token';

/** Small retries keep the suite fast. */
const retry = { attempts: 3, backoff: 'fixed', delayMs: 200 } as const;

/** `promise`, or a failure naming `what` when it takes longer than `ms` (a hung request). */
function within<T>(ms: number, what: string, promise: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

interface ReceivedMail {
  from: string;
  to: string[];
  raw: string;
}

/** A real SMTP server on loopback that requires a login and keeps what it receives. */
async function startSmtpServer() {
  const received: ReceivedMail[] = [];
  let connections = 0;
  const server = new SMTPServer({
    authOptional: false,
    allowInsecureAuth: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onConnect(_session, callback) {
      connections++;
      callback();
    },
    onAuth(auth, _session, callback) {
      if (auth.username === SMTP_USER && auth.password === SMTP_PASSWORD)
        callback(null, { user: SMTP_USER });
      else
        callback(Object.assign(new Error('Invalid username or password'), { responseCode: 535 }));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((rcpt) => rcpt.address),
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        callback();
      });
    },
  });
  server.on('error', () => undefined);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    port,
    received,
    connections: () => connections,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

interface ReceivedWebhook {
  headers: IncomingHttpHeaders;
  body: string;
  /** What the standardwebhooks package verified, or undefined when verification failed. */
  verified?: unknown;
  verifyError?: string;
}

/**
 * An independent Standard Webhooks receiver: verifies every delivery with the `standardwebhooks`
 * package and answers 400 to a bad signature; `failWith` scripts status answers first.
 */
class VerifyingReceiver {
  readonly received: ReceivedWebhook[] = [];
  private readonly script: number[] = [];
  private server?: Server;
  url = '';

  constructor(private readonly secret: string) {}

  failWith(...statuses: number[]): void {
    this.script.push(...statuses);
  }

  async start(): Promise<this> {
    const verifier = new Webhook(this.secret);
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        const entry: ReceivedWebhook = { headers: req.headers, body };
        try {
          entry.verified = verifier.verify(body, req.headers as Record<string, string>);
        } catch (error) {
          entry.verifyError = String(error);
        }
        this.received.push(entry);
        const scripted = this.script.shift();
        const status = scripted ?? (entry.verifyError ? 400 : 200);
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(status === 200 ? { received: true } : { error: status }));
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise((resolve) => this.server?.close(resolve));
  }
}

interface StepView {
  nodeId: string;
  status: string;
  attempt: number;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  output: any;
  error: { message: string; code: string; retryable: boolean } | null;
}

/** Records the arrival time of each request a sink records, index for index. */
function timeArrivals(sink: HttpSink): number[] {
  const arrivals: number[] = [];
  const { requests } = sink;
  requests.push = (...items) => {
    items.forEach(() => arrivals.push(Date.now()));
    return Array.prototype.push.apply(requests, items);
  };
  return arrivals;
}

const trigger: FlowNode = {
  id: 'trigger',
  type: 'trigger.webhook',
  name: 'Order paid',
  position: { x: 0, y: 0 },
  config: { methods: ['POST'], auth: { type: 'none' } },
};

/** The trigger fanned out to each of `actions`. */
function fanOut(actions: FlowNode[]): FlowDefinition {
  return {
    schemaVersion: 1,
    nodes: [trigger, ...actions],
    edges: actions.map((action) => ({
      id: `e-${action.id}`,
      source: trigger.id,
      target: action.id,
    })),
  };
}

const order = {
  orderId: 'ord_1042',
  total: 59.9,
  channel: '#orders',
  customer: { name: 'Ada Lovelace', email: 'ada@example.com' },
};

describe.each(testEnvironments())('Integrations end to end ($name mode)', (environment) => {
  let app: TestApp;
  let slack: HttpSink;
  /** When each Slack request arrived, by index in `slack.requests`. */
  let slackArrivals: number[];
  let discord: HttpSink;
  let telegram: HttpSink;
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  let receiver: VerifyingReceiver;
  let token: string;
  let teamId: string;
  const credentials: Record<
    'slackBot' | 'discord' | 'telegram' | 'smtp' | 'smtpWrongPassword' | 'signing',
    string
  > = {
    slackBot: '',
    telegram: '',
    discord: '',
    smtp: '',
    smtpWrongPassword: '',
    signing: '',
  };

  const slackNode = (overrides: Partial<FlowNode> = {}): FlowNode => ({
    id: 'slack',
    type: 'slack.message',
    name: 'Tell Slack',
    position: { x: -300, y: 150 },
    retry,
    config: {
      credentialId: credentials.slackBot,
      channel: '{{ trigger.body.channel }}',
      text: 'Order {{ trigger.body.orderId }} paid by {{ trigger.body.customer.name }}',
    },
    ...overrides,
  });
  const discordNode = (): FlowNode => ({
    id: 'discord',
    type: 'discord.message',
    name: 'Tell Discord',
    position: { x: -100, y: 150 },
    retry,
    config: {
      credentialId: credentials.discord,
      content: 'Payment received: {{ trigger.body.orderId }} ({{ trigger.body.total }} EUR)',
      username: 'Hookflow',
    },
  });
  const emailNode = (credentialId = credentials.smtp): FlowNode => ({
    id: 'email',
    type: 'email.send',
    name: 'Receipt',
    position: { x: 100, y: 150 },
    retry,
    config: {
      credentialId,
      to: '{{ trigger.body.customer.email }}',
      subject: 'Receipt for {{ trigger.body.orderId }}',
      text: 'Hello {{ trigger.body.customer.name }}, we received {{ trigger.body.total }} EUR.',
    },
  });
  const webhookNode = (): FlowNode => ({
    id: 'partner',
    type: 'webhook.send',
    name: 'Tell the partner',
    position: { x: 300, y: 150 },
    retry,
    config: {
      url: `${receiver.url}/hooks/partner`,
      credentialId: credentials.signing,
      eventType: 'order.paid',
      payload: {
        orderId: '{{ trigger.body.orderId }}',
        total: '{{ trigger.body.total }}',
        email: '{{ trigger.body.customer.email }}',
      },
    },
  });

  const createCredential = async (name: string, type: string, data: Record<string, unknown>) => {
    const response = await app.request('POST', `/api/teams/${teamId}/credentials`, {
      token,
      body: { name, type, data },
    });
    expect(response.status).toBe(201);
    return response.body.id as string;
  };

  /** Creates and publishes a flow; returns its trigger URL. */
  const publish = async (name: string, definition: FlowDefinition) =>
    (await within(15_000, 'create and publish', app.publishFlow(token, teamId, name, definition)))
      .hookUrl;

  const execution = (id: string) =>
    app.request('GET', `/api/teams/${teamId}/executions/${id}`, { token });

  /** Calls the trigger URL and returns the finished execution. */
  const run = async (triggerUrl: string, body: unknown) => {
    const response = await fetch(triggerUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    expect(response.status).toBe(202);
    const { executionId } = (await response.json()) as { executionId: string };
    await waitFor(
      async () =>
        ['succeeded', 'failed', 'canceled'].includes((await execution(executionId)).body.status),
      30_000,
      `execution ${executionId} to finish`,
    );
    const finished = (await execution(executionId)).body as {
      id: string;
      status: string;
      steps: StepView[];
    };
    return { ...finished, id: executionId };
  };

  const stepOf = (steps: StepView[], nodeId: string): StepView => {
    const runs = steps.filter((step) => step.nodeId === nodeId);
    expect(runs.length).toBeGreaterThan(0);
    return runs[runs.length - 1];
  };

  beforeAll(async () => {
    slack = await new HttpSink().start();
    slackArrivals = timeArrivals(slack);
    discord = await new HttpSink().start();
    telegram = await new HttpSink().start();
    smtp = await startSmtpServer();
    receiver = await new VerifyingReceiver(SIGNING_SECRET).start();
    app = await startTestApp(environment, {
      OUTBOUND_ALLOWLIST: '127.0.0.1/32',
      SLACK_API_URL: `${slack.url}/api`,
      TELEGRAM_API_URL: `${telegram.url}/tg`,
    });
    ({
      token,
      team: { id: teamId },
    } = await app.signup('Integrator'));
    credentials.slackBot = await createCredential('Slack bot', 'slack.bot', { token: BOT_TOKEN });
    credentials.discord = await createCredential('Discord #orders', 'discord.webhook', {
      url: `${discord.url}/api/webhooks/1187654321/discord-webhook-token`,
    });
    credentials.telegram = await createCredential('Order bot', 'telegram.bot', {
      token: TELEGRAM_TOKEN,
    });
    const smtpData = {
      host: '127.0.0.1',
      port: smtp.port,
      secure: 'none',
      user: SMTP_USER,
      password: SMTP_PASSWORD,
      from: 'Hookflow <bot@hookflow.test>',
    };
    credentials.smtp = await createCredential('Local SMTP', 'smtp', smtpData);
    credentials.smtpWrongPassword = await createCredential('Local SMTP (wrong password)', 'smtp', {
      ...smtpData,
      password: 'not-the-password',
    });
    credentials.signing = await createCredential('Partner signing secret', 'hmac.secret', {
      secret: SIGNING_SECRET,
    });
  });
  afterAll(async () => {
    await app?.stop();
    await Promise.all([
      slack?.stop(),
      discord?.stop(),
      telegram?.stop(),
      smtp?.close(),
      receiver?.stop(),
    ]);
  });

  // The worked example of CONTRIBUTING.md: an integration with its own API base setting.
  it('runs webhook → Telegram through TELEGRAM_API_URL, the token only in the path', async () => {
    const url = await publish(
      'Order paid to Telegram',
      fanOut([
        {
          id: 'telegram',
          type: 'telegram.message',
          name: 'Tell the group',
          position: { x: 0, y: 150 },
          retry,
          config: {
            credentialId: credentials.telegram,
            chatId: '-1001234567890',
            text: 'Order {{ trigger.body.orderId }} paid ({{ trigger.body.total }} EUR)',
          },
        },
      ]),
    );
    telegram.reply({
      status: 200,
      body: { ok: true, result: { message_id: 77, chat: { id: -1001234567890 }, date: 1 } },
    });
    const before = telegram.requests.length;

    const result = await run(url, order);

    expect(result.status).toBe('succeeded');
    const calls = telegram.requests.slice(before);
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({
      method: 'POST',
      url: `/tg/bot${encodeURIComponent(TELEGRAM_TOKEN)}/sendMessage`,
    });
    expect(JSON.parse(calls[0].body)).toEqual({
      chat_id: '-1001234567890',
      text: 'Order ord_1042 paid (59.9 EUR)',
    });
    expect(stepOf(result.steps, 'telegram').output).toEqual({
      ok: true,
      messageId: 77,
      chatId: -1001234567890,
      date: 1,
    });
  });

  it('runs webhook → Slack + Discord + e-mail + signed webhook with the mapped fields', async () => {
    const url = await publish(
      'Order paid everywhere',
      fanOut([slackNode(), discordNode(), emailNode(), webhookNode()]),
    );
    slack.reply({
      status: 200,
      body: { ok: true, channel: 'C0123456789', ts: '1736154000.000200' },
    });
    discord.reply({
      status: 200,
      body: { id: '1325923470123456789', channel_id: '1187654321', content: 'echo' },
    });
    const before = {
      slack: slack.requests.length,
      discord: discord.requests.length,
      mail: smtp.received.length,
      hooks: receiver.received.length,
    };

    const result = await run(url, order);

    expect(result.status).toBe('succeeded');
    expect(result.steps.map((step) => [step.nodeId, step.status]).sort()).toEqual([
      ['discord', 'succeeded'],
      ['email', 'succeeded'],
      ['partner', 'succeeded'],
      ['slack', 'succeeded'],
      ['trigger', 'succeeded'],
    ]);

    // Slack: chat.postMessage with the bot token, channel and text from the trigger body.
    const slackCalls = slack.requests.slice(before.slack);
    expect(slackCalls).toHaveLength(1);
    expect(slackCalls[0]).toMatchObject({ method: 'POST', url: '/api/chat.postMessage' });
    expect(slackCalls[0].headers.authorization).toBe(`Bearer ${BOT_TOKEN}`);
    expect(JSON.parse(slackCalls[0].body)).toEqual({
      channel: '#orders',
      text: 'Order ord_1042 paid by Ada Lovelace',
    });
    expect(stepOf(result.steps, 'slack').output).toEqual({
      ok: true,
      channel: 'C0123456789',
      ts: '1736154000.000200',
    });

    // Discord: the credential's webhook URL with ?wait=true; the output is Discord's message.
    const discordCalls = discord.requests.slice(before.discord);
    expect(discordCalls).toHaveLength(1);
    expect(discordCalls[0].url).toBe('/api/webhooks/1187654321/discord-webhook-token?wait=true');
    expect(JSON.parse(discordCalls[0].body)).toEqual({
      content: 'Payment received: ord_1042 (59.9 EUR)',
      username: 'Hookflow',
    });
    expect(stepOf(result.steps, 'discord').output).toMatchObject({ id: '1325923470123456789' });

    // E-mail: delivered through the real SMTP server, logged in, with the mapped fields.
    const mails = smtp.received.slice(before.mail);
    expect(mails).toHaveLength(1);
    expect(mails[0].from).toBe('bot@hookflow.test');
    expect(mails[0].to).toEqual(['ada@example.com']);
    expect(mails[0].raw).toMatch(/^To: ada@example\.com\r$/m);
    expect(mails[0].raw).toMatch(/^Subject: Receipt for ord_1042\r$/m);
    expect(mails[0].raw).toContain('Hello Ada Lovelace, we received 59.9 EUR.');
    expect(stepOf(result.steps, 'email').output).toMatchObject({
      accepted: ['ada@example.com'],
      rejected: [],
    });

    // Webhook: verified by the standardwebhooks package, with the mapped payload.
    const hooks = receiver.received.slice(before.hooks);
    expect(hooks).toHaveLength(1);
    expect(hooks[0].verifyError).toBeUndefined();
    expect(hooks[0].verified).toEqual({
      type: 'order.paid',
      timestamp: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      data: { orderId: 'ord_1042', total: 59.9, email: 'ada@example.com' },
    });
    expect(hooks[0].headers['idempotency-key']).toBe(`${result.id}:partner`);
    expect(stepOf(result.steps, 'partner').output).toMatchObject({
      status: 200,
      webhookId: hooks[0].headers['webhook-id'],
      body: { received: true },
    });
  });

  describe('error paths', () => {
    it('Slack {ok:false, error:channel_not_found}: failed on attempt 1 naming the error', async () => {
      const url = await publish('Slack wrong channel', fanOut([slackNode()]));
      slack.reply({ status: 200, body: { ok: false, error: 'channel_not_found' } });
      const before = slack.requests.length;

      const result = await run(url, { ...order, channel: '#nowhere' });

      expect(result.status).toBe('failed');
      const step = stepOf(result.steps, 'slack');
      expect(step).toMatchObject({ status: 'failed', attempt: 1 });
      expect(step.error).toMatchObject({ code: 'SLACK', retryable: false });
      expect(step.error?.message).toContain('channel_not_found');
      expect(step.error?.message).toContain('#nowhere');
      // not retried: Slack was called exactly once
      expect(slack.requests.slice(before)).toHaveLength(1);
    });

    it('Slack 429 with Retry-After: 1, then ok: succeeded on attempt 2 after the wait', async () => {
      const url = await publish('Slack rate limited', fanOut([slackNode()]));
      slack.reply(
        { status: 429, headers: { 'retry-after': '1' }, body: { ok: false, error: 'ratelimited' } },
        { status: 200, body: { ok: true, channel: 'C0123456789', ts: '1736154001.000300' } },
      );
      const before = slack.requests.length;

      const result = await run(url, order);

      expect(result.status).toBe('succeeded');
      expect(stepOf(result.steps, 'slack')).toMatchObject({
        status: 'succeeded',
        attempt: 2,
        output: { ok: true, ts: '1736154001.000300' },
      });
      expect(slack.requests.slice(before)).toHaveLength(2);
      // Retry-After (1 s) was honoured rather than the node's 200 ms backoff
      const [first, second] = slackArrivals.slice(before);
      expect(second - first).toBeGreaterThanOrEqual(950);
    });

    it('Discord 429 with JSON retry_after, then ok: succeeded on attempt 2', async () => {
      const url = await publish('Discord rate limited', fanOut([discordNode()]));
      discord.reply(
        {
          status: 429,
          body: { message: 'You are being rate limited.', retry_after: 0.3, global: false },
        },
        { status: 200, body: { id: '1325923470123456790', content: 'ok' } },
      );
      const before = discord.requests.length;

      const result = await run(url, order);

      expect(result.status).toBe('succeeded');
      expect(stepOf(result.steps, 'discord')).toMatchObject({
        status: 'succeeded',
        attempt: 2,
        output: { id: '1325923470123456790' },
      });
      expect(discord.requests.slice(before)).toHaveLength(2);
    });

    it('SMTP login refused (wrong password): failed with a credential error, nothing sent', async () => {
      const url = await publish(
        'E-mail with a wrong password',
        fanOut([emailNode(credentials.smtpWrongPassword)]),
      );
      const before = smtp.received.length;

      const result = await run(url, order);

      expect(result.status).toBe('failed');
      const step = stepOf(result.steps, 'email');
      expect(step).toMatchObject({ status: 'failed', attempt: 1 });
      expect(step.error).toMatchObject({ code: 'CREDENTIAL', retryable: false });
      expect(step.error?.message).toContain('refused the login');
      expect(smtp.received.slice(before)).toEqual([]);
    });

    it('an invalid address mapped from the trigger: CONFIG error naming it, before any SMTP connection', async () => {
      const url = await publish('E-mail to a bad address', fanOut([emailNode()]));
      const before = { mail: smtp.received.length, connections: smtp.connections() };

      const result = await run(url, {
        ...order,
        customer: { ...order.customer, email: 'ada(at)example.com' },
      });

      expect(result.status).toBe('failed');
      const step = stepOf(result.steps, 'email');
      expect(step).toMatchObject({ status: 'failed', attempt: 1 });
      expect(step.error).toMatchObject({ code: 'CONFIG', retryable: false });
      expect(step.error?.message).toContain('ada(at)example.com');
      expect(smtp.received.length).toBe(before.mail);
      expect(smtp.connections()).toBe(before.connections);
    });

    it('a webhook receiver answering 410 Gone: failed, not retried', async () => {
      const url = await publish('Webhook to a gone receiver', fanOut([webhookNode()]));
      receiver.failWith(410);
      const before = receiver.received.length;

      const result = await run(url, order);

      expect(result.status).toBe('failed');
      const step = stepOf(result.steps, 'partner');
      expect(step).toMatchObject({ status: 'failed', attempt: 1 });
      expect(step.error).toMatchObject({ code: 'GONE', retryable: false });
      expect(step.error?.message).toContain('410');
      const received = receiver.received.slice(before);
      expect(received).toHaveLength(1);
      // the delivery itself was correctly signed; the receiver just no longer wants it
      expect(received[0].verifyError).toBeUndefined();
    });
  });
});
