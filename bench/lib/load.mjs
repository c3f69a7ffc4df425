// Load generation: closed-loop (autocannon, N connections, fixed duration or amount) and
// open-loop fixed-rate (own scheduler: one request every 1000/rate ms, each stamped and signed).
import { createHmac } from 'node:crypto';
import http from 'node:http';
import autocannon from 'autocannon';
import { monotonicMs } from './sink.mjs';

/** A JSON body of exactly `bytes` bytes carrying `sentAt`. */
export function makeBody(sentAt = 0, bytes = 1024) {
  const base = {
    event: 'bench.delivery',
    sentAt,
    customer: { id: 'cus_42', plan: 'pro' },
    pad: '',
  };
  const without = Buffer.byteLength(JSON.stringify(base));
  base.pad = 'x'.repeat(Math.max(0, bytes - without));
  return JSON.stringify(base);
}

export const sign = (secret, body) => createHmac('sha256', secret).update(body).digest('hex');

/** Headers for a delivery; `secret` adds the generic HMAC signature in x-signature. */
export function headersFor(body, secret) {
  const headers = { 'content-type': 'application/json' };
  if (secret) headers['x-signature'] = sign(secret, body);
  return headers;
}

function summarize(result) {
  const non2xx = result.non2xx ?? 0;
  return {
    requests: result.requests.total,
    ok: result['2xx'] ?? 0,
    rps: Math.round(result.requests.total / (result.duration || 1)),
    p50: result.latency.p50,
    p90: result.latency.p90,
    p99: result.latency.p99,
    max: result.latency.max,
    errors: non2xx + (result.errors ?? 0) + (result.timeouts ?? 0),
    non2xx,
    socketErrors: result.errors ?? 0,
    timeouts: result.timeouts ?? 0,
    statusCodes: result.statusCodeStats,
  };
}

/** Closed loop: `connections` keep-alive connections for `duration` s (or `amount` requests). */
export async function closedLoop({ url, connections = 50, duration, amount, secret }) {
  const body = makeBody(0);
  const opts = {
    url,
    method: 'POST',
    connections,
    body,
    headers: headersFor(body, secret),
    timeout: 10,
  };
  if (amount) opts.amount = amount;
  else opts.duration = duration;
  const result = await autocannon(opts);
  return summarize(result);
}

/**
 * Open loop at `rate` req/s for `duration` s: each request gets its own `sentAt` (CLOCK_MONOTONIC
 * ms, compared at the sink) and signature. Returns client-side latency and errors.
 */
export async function fixedRate({ url, rate, duration, secret }) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  const target = new URL(url);
  const interval = 1000 / rate;
  const total = Math.round(rate * duration);
  const latencies = [];
  let errors = 0;
  let sent = 0;
  const inflight = new Set();
  const begin = monotonicMs();

  const sendOne = () => {
    const sentAt = monotonicMs();
    const body = makeBody(sentAt);
    const p = new Promise((resolve) => {
      const req = http.request(
        {
          agent,
          host: target.hostname,
          port: target.port,
          path: target.pathname + target.search,
          method: 'POST',
          headers: { ...headersFor(body, secret), 'content-length': Buffer.byteLength(body) },
          timeout: 10_000,
        },
        (res) => {
          res.resume();
          res.on('end', () => {
            latencies.push(monotonicMs() - sentAt);
            if (res.statusCode < 200 || res.statusCode >= 300) errors += 1;
            resolve();
          });
        },
      );
      req.on('error', () => {
        errors += 1;
        resolve();
      });
      req.on('timeout', () => req.destroy(new Error('timeout')));
      req.end(body);
    });
    inflight.add(p);
    p.then(() => inflight.delete(p));
  };

  while (sent < total) {
    const due = begin + sent * interval;
    const wait = due - monotonicMs();
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait - 0.5));
    else if (wait > 0) await new Promise((resolve) => setImmediate(resolve));
    else {
      sendOne();
      sent += 1;
    }
  }
  const sendSeconds = (monotonicMs() - begin) / 1000;
  await Promise.all(inflight);
  agent.destroy();
  const sorted = latencies.sort((a, b) => a - b);
  return {
    requests: sent,
    achievedRate: Math.round(sent / sendSeconds),
    clientP50: percentile(sorted, 50),
    clientP99: percentile(sorted, 99),
    errors,
  };
}

export function percentile(sorted, p) {
  if (!sorted.length) return null;
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return round(sorted[Math.max(0, index)]);
}

export const round = (n, digits = 2) =>
  n === null || n === undefined ? null : Number(n.toFixed(digits));
