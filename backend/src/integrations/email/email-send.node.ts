import { createHash } from 'node:crypto';
import { isIP } from 'node:net';
import { emailSendNode, smtpCredential } from '@hookflow/shared';
import nodemailer, { type NodemailerError } from 'nodemailer';
import { failureFromNetworkError } from '../../engine/http-failure.js';
import { StepFailure } from '../../engine/step-failure.js';
import { implementNode } from '../implement-node.js';
import { configFailure } from '../outbound-call.js';

const timeouts = { connectionTimeout: 15_000, greetingTimeout: 15_000, socketTimeout: 60_000 };

// Errors of the connection rather than of the message: trying again may well work.
const connectionCodes = new Set(['ECONNECTION', 'ESOCKET', 'EDNS', 'ETIMEDOUT', 'EPROXY']);

/**
 * `email.send` over SMTP (nodemailer). Recipients (`to`: one address, several
 * separated by commas or semicolons, or a list) are checked before anything is sent. The SMTP
 * host passes the outbound guard and the checked address is the one dialed, the host
 * name kept for TLS. 4xx replies and dropped connections retry; 5xx replies fail for good. The
 * Message-ID is derived from the execution and node, so a retried e-mail can be recognised.
 */
export const emailSendHandler = implementNode(emailSendNode, {
  credentials: [smtpCredential],
  run: async ({ config, credential, step, signal, services }) => {
    if (!credential) throw configFailure('Choose an SMTP server');
    const smtp = credential.data;
    const to = recipients(config.to as unknown);
    checkAddress(smtp.from, 'The SMTP credential’s From');
    const message = {
      from: smtp.from,
      to,
      subject: config.subject,
      ...(config.text ? { text: config.text } : {}),
      ...(config.html ? { html: config.html } : {}),
      messageId: messageIdFor(step.executionId, step.nodeId, smtp.from),
    };
    const server = `${smtp.host}:${smtp.port}`;

    if (step.dryRun) return { output: { dryRun: true, request: { smtp: server, ...message } } };

    let address: string;
    try {
      address = await services.checkDestination(smtp.host, smtp.port);
    } catch (error) {
      throw failureFromNetworkError(error, undefined);
    }

    const hostIsName = isIP(smtp.host.replace(/^\[(.*)\]$/, '$1')) === 0;
    const servername = hostIsName ? smtp.host : undefined;
    const transport = nodemailer.createTransport({
      host: address,
      port: smtp.port,
      secure: smtp.secure === 'tls',
      requireTLS: smtp.secure === 'starttls',
      ignoreTLS: smtp.secure === 'none',
      servername,
      tls: servername ? { servername } : {},
      auth: smtp.user ? { user: smtp.user, pass: smtp.password ?? '' } : undefined,
      ...timeouts,
    });
    try {
      const info = await transport.sendMail({ ...message, signal });
      return {
        output: {
          messageId: info.messageId,
          accepted: info.accepted,
          rejected: info.rejected,
          response: info.response,
        },
      };
    } catch (error) {
      if (signal.aborted) throw signal.reason ?? error;
      throw smtpFailure(error as NodemailerError, server);
    } finally {
      transport.close();
    }
  },
});

/** The recipients of `to`, each checked; a CONFIG failure names the first bad one. */
export function recipients(to: unknown): string[] {
  const entries = (Array.isArray(to) ? to.map(String) : splitAddressList(String(to ?? '')))
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
  if (entries.length === 0) throw configFailure('"To" needs at least one e-mail address');
  for (const entry of entries) checkAddress(entry, '"To"');
  return entries;
}

// Commas and semicolons separate addresses, except inside quotes or <…>.
function splitAddressList(text: string): string[] {
  const parts: string[] = [];
  let current = '';
  let quoted = false;
  let angled = false;
  for (const char of text) {
    if (char === '"') quoted = !quoted;
    else if (char === '<' && !quoted) angled = true;
    else if (char === '>' && !quoted) angled = false;
    if ((char === ',' || char === ';') && !quoted && !angled) {
      parts.push(current);
      current = '';
    } else current += char;
  }
  parts.push(current);
  return parts;
}

const localPart = /^(?!\.)(?!.*\.\.)[^\s@"(),:;<>[\]\\]+(?<!\.)$/u;
const domainPart = /^(?:[\p{L}\p{N}](?:[\p{L}\p{N}-]{0,61}[\p{L}\p{N}])?\.)+[\p{L}\p{N}-]{2,63}$/u;

/** Accepts `ada@example.com` and `Ada Lovelace <ada@example.com>`. */
function checkAddress(entry: string, field: string): void {
  const angled = /^(.*)<([^<>]*)>\s*$/s.exec(entry.trim());
  const address = (angled ? angled[2] : entry).trim();
  const at = address.lastIndexOf('@');
  const valid =
    at > 0 &&
    address.length <= 254 &&
    localPart.test(address.slice(0, at)) &&
    domainPart.test(address.slice(at + 1));
  if (!valid) throw configFailure(`${field}: "${entry.trim()}" is not an e-mail address`);
}

function messageIdFor(executionId: string, nodeId: string, from: string): string {
  const domain = /@([^>\s]+)>?\s*$/.exec(from)?.[1] ?? 'hookflow.local';
  const digest = createHash('sha256').update(`${executionId}\0${nodeId}`).digest('hex');
  return `<${digest.slice(0, 32)}@${domain}>`;
}

function smtpFailure(error: NodemailerError, server: string): StepFailure {
  const reply = (error.response ?? error.message ?? '').trim().slice(0, 300);
  const details = {
    cause: error.code,
    responseCode: error.responseCode,
    command: error.command,
    rejected: error.rejected,
  };
  if (typeof error.responseCode === 'number') {
    // RFC 5321: 5yz is permanent (503 only says the session was out of step), 4yz is transient.
    const permanent = error.permanent ?? (error.responseCode >= 500 && error.responseCode !== 503);
    if (error.code === 'EAUTH') {
      return new StepFailure(`The SMTP server ${server} refused the login: ${reply}`, {
        code: 'CREDENTIAL',
        retryable: !permanent,
        details,
      });
    }
    const verb = permanent ? 'refused' : 'temporarily refused';
    return new StepFailure(`The SMTP server ${server} ${verb} the message: ${reply}`, {
      code: 'SMTP',
      retryable: !permanent,
      details,
    });
  }
  switch (error.code ?? '') {
    case 'EAUTH':
    case 'ENOAUTH':
      return new StepFailure(`The SMTP server ${server} refused the login: ${reply}`, {
        code: 'CREDENTIAL',
        retryable: false,
        details,
      });
    case 'ETLS':
    case 'EREQUIRETLS':
      return new StepFailure(`TLS with the SMTP server ${server} failed: ${reply}`, {
        code: 'TLS',
        retryable: false,
        details,
      });
    case 'ETIMEDOUT':
      return new StepFailure(`The SMTP server ${server} did not answer in time`, {
        code: 'TIMEOUT',
        retryable: true,
        details,
      });
    default:
      if (connectionCodes.has(error.code ?? '')) {
        return new StepFailure(`Could not talk to the SMTP server ${server}: ${reply}`, {
          code: 'NETWORK',
          retryable: true,
          details,
        });
      }
      return new StepFailure(`Sending the e-mail through ${server} failed: ${reply}`, {
        code: 'SMTP',
        retryable: false,
        details,
      });
  }
}
