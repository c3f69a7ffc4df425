import type { AddressInfo } from 'node:net';
import { SMTPServer, type SMTPServerOptions } from 'smtp-server';
import { refuseNonLoopback } from '../../test-support/recording-server.js';
import { createDestinationCheck, type CheckDestination } from '../../outbound/destination-check.js';
import { emailSendHandler as sut, recipients } from './email-send.node.js';
import { aRunInput, loopbackServices, failureOf } from '../../test-support/node-test-input.js';

interface ReceivedMail {
  from: string;
  to: string[];
  raw: string;
}

/** What the test SMTP server does with a recipient or a message; `undefined` accepts it. */
interface SmtpBehaviour {
  rcpt?: (address: string) => { code: number; message: string } | undefined;
  data?: () => { code: number; message: string } | undefined;
}

const smtpError = ({ code, message }: { code: number; message: string }) =>
  Object.assign(new Error(message), { responseCode: code });

/** A real SMTP server on loopback, requiring a login, that keeps what it receives. */
async function startSmtpServer(behaviour: () => SmtpBehaviour) {
  const received: ReceivedMail[] = [];
  const options: SMTPServerOptions = {
    authOptional: false,
    allowInsecureAuth: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onAuth(auth, _session, callback) {
      if (auth.username === 'mailer' && auth.password === 's3cret')
        callback(null, { user: 'mailer' });
      else
        callback(Object.assign(new Error('Invalid username or password'), { responseCode: 535 }));
    },
    onRcptTo(address, _session, callback) {
      const refusal = behaviour().rcpt?.(address.address);
      callback(refusal ? smtpError(refusal) : undefined);
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const refusal = behaviour().data?.();
        if (refusal) return callback(smtpError(refusal));
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((rcpt) => rcpt.address),
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        callback();
      });
    },
  };
  const server = new SMTPServer(options);
  server.on('error', () => undefined);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    port,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe('email.send', () => {
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  let behaviour: SmtpBehaviour;
  const dialed: string[] = [];

  beforeAll(async () => {
    smtp = await startSmtpServer(() => behaviour);
  });
  afterAll(() => smtp.close());
  beforeEach(() => {
    smtp.received.length = 0;
    dialed.length = 0;
    behaviour = {};
  });

  const check = (allowlist = ['127.0.0.1/32']): CheckDestination =>
    createDestinationCheck({
      allowPrivate: false,
      allowlist,
      // Tests resolve one made-up name, to loopback.
      lookup: async (hostname) => {
        if (hostname !== 'smtp.hookflow.test') throw new Error(`unexpected lookup of ${hostname}`);
        return [{ address: '127.0.0.1', family: 4 }];
      },
      onConnect: (target) => {
        refuseNonLoopback(target);
        dialed.push(target.address);
      },
    });
  const credential = (overrides: Record<string, unknown> = {}) => ({
    type: 'smtp',
    data: {
      host: '127.0.0.1',
      port: smtp.port,
      secure: 'none',
      user: 'mailer',
      password: 's3cret',
      from: 'Hookflow <bot@hookflow.test>',
      ...overrides,
    },
  });
  const run = (
    config: Record<string, unknown>,
    options: { credential?: Record<string, unknown>; allowlist?: string[]; dryRun?: boolean } = {},
  ) =>
    sut.run(
      aRunInput(
        sut,
        { credentialId: 'c1', subject: 'Order paid', text: 'Order ord_1042 was paid.', ...config },
        {
          credential: credential(options.credential),
          services: { ...loopbackServices(), checkDestination: check(options.allowlist) },
          step: { executionId: 'exe_1', nodeId: 'n2', attempt: 1, dryRun: options.dryRun ?? false },
        },
      ),
    );

  it('delivers the message, logged in, to every recipient', async () => {
    const result = await run({
      to: 'ada@example.com, "Hopper, Grace" <grace@example.org>',
      html: '<p>Paid</p>',
    });

    expect(smtp.received).toHaveLength(1);
    const [mail] = smtp.received;
    expect(mail.from).toBe('bot@hookflow.test');
    expect(mail.to).toEqual(['ada@example.com', 'grace@example.org']);
    expect(mail.raw).toMatch(/^Subject: Order paid\r$/m);
    expect(mail.raw).toMatch(/^To: ada@example.com, "Hopper, Grace" <grace@example.org>\r$/m);
    expect(mail.raw).toMatch(/^From: Hookflow <bot@hookflow.test>\r$/m);
    expect(mail.raw).toContain('Order ord_1042 was paid.');
    expect(mail.raw).toContain('<p>Paid</p>');
    expect(result.output).toMatchObject({
      messageId: expect.stringMatching(/^<[0-9a-f]{32}@hookflow\.test>$/),
      accepted: ['ada@example.com', 'grace@example.org'],
      rejected: [],
    });
    expect(mail.raw).toContain(`Message-ID: ${(result.output as { messageId: string }).messageId}`);
  });

  it('takes a list of recipients (a whole-value expression may give one)', async () => {
    const input = aRunInput(
      sut,
      { credentialId: 'c1', to: 'x@example.com', subject: 'Hi', text: 'Hi' },
      {
        credential: credential(),
        services: { ...loopbackServices(), checkDestination: check() },
      },
    );
    await sut.run({
      ...input,
      config: { ...input.config, to: ['ada@example.com', 'grace@example.org'] },
    });

    expect(smtp.received[0].to).toEqual(['ada@example.com', 'grace@example.org']);
  });

  it('connects to the checked address of a host name', async () => {
    await run({ to: 'ada@example.com' }, { credential: { host: 'smtp.hookflow.test' } });

    expect(dialed).toEqual(['127.0.0.1']);
    expect(smtp.received).toHaveLength(1);
  });

  it('refuses an invalid address before connecting, naming it', async () => {
    const failure = await failureOf(run({ to: 'ada@example.com, not-an-address' }));

    expect(failure).toMatchObject({ code: 'CONFIG', retryable: false });
    expect(failure.message).toBe('"To": "not-an-address" is not an e-mail address');
    expect(dialed).toEqual([]);
  });

  it('refuses a private SMTP host that is not allowlisted', async () => {
    const failure = await failureOf(
      run({ to: 'ada@example.com' }, { allowlist: ['127.0.0.2/32'] }),
    );

    expect(failure).toMatchObject({ code: 'BLOCKED', retryable: false });
    expect(failure.message).toMatch(/^Refused to connect to 127\.0\.0\.1 \(loopback\)/);
    expect(smtp.received).toEqual([]);
  });

  it('fails a permanent 5xx refusal for good', async () => {
    behaviour = { rcpt: () => ({ code: 550, message: 'No such user here' }) };

    const failure = await failureOf(run({ to: 'ghost@example.com' }));

    expect(failure).toMatchObject({ code: 'SMTP', retryable: false });
    expect(failure.message).toContain('550');
    expect(failure.message).toContain('No such user here');
  });

  it('retries a transient 4xx refusal', async () => {
    behaviour = { data: () => ({ code: 451, message: 'Try again later' }) };

    const failure = await failureOf(run({ to: 'ada@example.com' }));

    expect(failure).toMatchObject({ code: 'SMTP', retryable: true });
    expect(failure.message).toContain('temporarily refused');
  });

  it('fails a wrong password as a credential problem', async () => {
    const failure = await failureOf(
      run({ to: 'ada@example.com' }, { credential: { password: 'nope' } }),
    );

    expect(failure).toMatchObject({ code: 'CREDENTIAL', retryable: false });
    expect(failure.message).toContain('refused the login');
  });

  it('retries when the server cannot be reached', async () => {
    const closed = await startSmtpServer(() => ({}));
    await closed.close();

    const failure = await failureOf(
      run({ to: 'ada@example.com' }, { credential: { port: closed.port } }),
    );

    expect(failure).toMatchObject({ code: 'NETWORK', retryable: true });
  });

  it('describes the e-mail in a dry run without connecting', async () => {
    const result = await run({ to: 'ada@example.com' }, { dryRun: true });

    expect(result.output).toMatchObject({
      dryRun: true,
      request: { smtp: `127.0.0.1:${smtp.port}`, to: ['ada@example.com'], subject: 'Order paid' },
    });
    expect(JSON.stringify(result.output)).not.toContain('s3cret');
    expect(dialed).toEqual([]);
  });

  describe(recipients.name, () => {
    it('splits on commas and semicolons outside quotes and angle brackets', () => {
      expect(recipients('a@x.io; "B, C" <b@x.io>,c@x.io ,')).toEqual([
        'a@x.io',
        '"B, C" <b@x.io>',
        'c@x.io',
      ]);
    });

    it.each(['', 'a@', '@x.io', 'a b@x.io', 'a@x', 'a..b@x.io', 'A <a@x.io'])(
      'refuses %j',
      (to) => {
        expect(() => recipients(to)).toThrow(/e-mail address/);
      },
    );
  });
});
