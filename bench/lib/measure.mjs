// The three measurements, target-agnostic: ingest (closed loop), end to end (fixed rate, latency at
// the sink) and queue drain (N queued runs, time until the sink has them all).
import { closedLoop, fixedRate, percentile, round } from './load.mjs';
import { processTicks, TICKS_PER_SECOND } from './machine.mjs';
import { memoryOf } from './procs.mjs';
import { aggregate } from './report.mjs';

/**
 * `reps` closed-loop runs against `url`. `rssPid` is read after each run; `drain` (optional)
 * waits for the runs the deliveries started, so the next repetition starts from an idle system.
 */
export async function ingest({
  url,
  secret,
  reps,
  duration,
  warmup = 0,
  connections,
  rssPid,
  sink,
  drain,
  afterRep,
  log,
}) {
  const results = [];
  for (let i = warmup ? -1 : 0; i < reps; i += 1) {
    if (sink) await sink.reset();
    const before = rssPid && processTicks(rssPid);
    const run = await closedLoop({ url, connections, duration: i < 0 ? warmup : duration, secret });
    if (rssPid) run.rssMb = memoryOf(rssPid).rssMb;
    // CPU the serving process spent per request: unlike req/s, barely moved by other load.
    const after = rssPid && processTicks(rssPid);
    if (before && after && run.requests)
      run.cpuUsPerRequest = Math.round(
        ((after.ticks - before.ticks) * 1e6) / TICKS_PER_SECOND / run.requests,
      );
    if (drain && sink) {
      const begin = Date.now();
      const stats = await sink.waitForCount(run.ok, drain.timeoutMs, {
        quietMs: drain.quietMs ?? 20_000,
      });
      run.drainSeconds = round((Date.now() - begin) / 1000, 1);
      run.drained = stats.count;
      if (!stats.complete) log?.(`  drain incomplete: sink got ${stats.count} of ${run.ok}`);
    }
    log?.(
      `  ${i < 0 ? 'warm-up' : `rep ${i + 1}`}: ${run.rps} req/s, p50 ${run.p50} p90 ${run.p90} p99 ${run.p99} ms, errors ${run.errors}` +
        (run.rssMb ? `, RSS ${run.rssMb} MB` : '') +
        (run.drainSeconds !== undefined ? `, drained in ${run.drainSeconds} s` : ''),
    );
    if (afterRep) await afterRep();
    if (i >= 0) results.push(run);
  }
  return { reps: results, stats: aggregate(results) };
}

/** One fixed-rate run; latency = sink receive time − the client's sentAt. */
async function fixedRateRun({ url, secret, rate, duration, sink, settleMs }) {
  await sink.reset(Number(process.hrtime.bigint()) / 1e6);
  const run = await fixedRate({ url, rate, duration, secret });
  const settleBegin = Date.now();
  const stats = await sink.waitForCount(run.requests - run.errors, settleMs, { quietMs: 10_000 });
  const { latencies } = await sink.stats(true);
  const sorted = latencies.sort((a, b) => a - b);
  return {
    rate,
    requests: run.requests,
    achievedRate: run.achievedRate,
    delivered: stats.count,
    errors: run.errors + Math.max(0, run.requests - run.errors - stats.count),
    settleSeconds: round((Date.now() - settleBegin) / 1000, 1),
    sinkP50: percentile(sorted, 50),
    sinkP90: percentile(sorted, 90),
    sinkP99: percentile(sorted, 99),
    sinkMax: sorted.length ? round(sorted[sorted.length - 1]) : null,
    clientP50: run.clientP50,
    clientP99: run.clientP99,
  };
}

const describeFixedRate = (rep) =>
  `${rep.achievedRate} req/s sent, sink p50 ${rep.sinkP50} p99 ${rep.sinkP99} ms, client p50 ${rep.clientP50} p99 ${rep.clientP99} ms, delivered ${rep.delivered}/${rep.requests}, errors ${rep.errors}`;

/** `reps` fixed-rate runs at `rate` (after an unrecorded warm-up of `warmup` s). */
export async function endToEnd({
  url,
  secret,
  reps,
  rate,
  duration,
  warmup = 0,
  sink,
  settleMs = 30_000,
  log,
}) {
  const results = [];
  for (let i = warmup ? -1 : 0; i < reps; i += 1) {
    const rep = await fixedRateRun({
      url,
      secret,
      rate,
      duration: i < 0 ? warmup : duration,
      sink,
      settleMs,
    });
    log?.(`  ${i < 0 ? 'warm-up' : `rep ${i + 1}`}: ${describeFixedRate(rep)}`);
    if (i >= 0) results.push(rep);
  }
  return { reps: results, stats: aggregate(results) };
}

/**
 * Capacity: fixed-rate runs at each of `rates` in turn, stopping at the first that misses
 * (sink p99 above `p99Ms`, a run lost, or the generator short of the rate by more than 10 %).
 * `capacity` is the highest rate that held.
 */
export async function capacity({ url, secret, rates, duration, sink, settleMs, p99Ms, log }) {
  const steps = [];
  let held = null;
  for (const rate of rates) {
    const rep = await fixedRateRun({ url, secret, rate, duration, sink, settleMs });
    const ok = rep.errors === 0 && rep.sinkP99 !== null && rep.sinkP99 <= p99Ms;
    const generatorShort = rep.achievedRate < 0.9 * rate;
    steps.push({ ...rep, held: ok && !generatorShort, generatorShort });
    log?.(`  ${rate} req/s: ${describeFixedRate(rep)}${ok ? '' : ' → missed'}`);
    if (!ok || generatorShort) break;
    held = rate;
  }
  return { capacity: held, steps, limitedByGenerator: steps.at(-1)?.generatorShort ?? false };
}

/**
 * Queue drain: with the consumer stopped, POST `runs` deliveries (50 connections), then start the
 * consumer and time until the sink has received them all.
 * `stopConsumer` / `startConsumer` return when done; `startConsumer` resolves when it is ready.
 */
export async function drainQueue({
  url,
  secret,
  runs,
  reps,
  sink,
  stopConsumer,
  startConsumer,
  timeoutMs,
  log,
}) {
  const results = [];
  for (let i = 0; i < reps; i += 1) {
    await stopConsumer();
    await sink.reset();
    const enqueueBegin = Date.now();
    const enqueue = await closedLoop({ url, connections: 50, amount: runs, secret });
    enqueue.rps = Math.round(enqueue.requests / ((Date.now() - enqueueBegin) / 1000));
    const spawnedAt = Date.now();
    const begin = Number(process.hrtime.bigint()) / 1e6;
    await startConsumer();
    const stats = await sink.waitForCount(enqueue.ok, timeoutMs, { quietMs: 30_000 });
    const firstToLast = stats.count > 1 ? (stats.last - stats.first) / 1000 : null;
    const wall = (stats.last - begin) / 1000;
    const rep = {
      runs,
      enqueued: enqueue.ok,
      enqueueRps: enqueue.rps,
      errors: enqueue.errors + (enqueue.ok - stats.count),
      delivered: stats.count,
      drainSeconds: round(firstToLast, 2),
      runsPerSec: firstToLast ? Math.round((stats.count - 1) / firstToLast) : null,
      runsPerSecWithBoot: wall > 0 ? Math.round(stats.count / wall) : null,
      bootToFirstSeconds: stats.first ? round((stats.first - begin) / 1000, 2) : null,
    };
    log?.(
      `  rep ${i + 1}: enqueued ${rep.enqueued} at ${rep.enqueueRps} req/s; drained ${rep.delivered} in ${rep.drainSeconds} s → ${rep.runsPerSec} runs/s (${rep.runsPerSecWithBoot} incl. boot ${rep.bootToFirstSeconds} s)` +
        (stats.complete
          ? ''
          : ` INCOMPLETE after ${Math.round((Date.now() - spawnedAt) / 1000)} s`),
    );
    results.push(rep);
  }
  return { reps: results, stats: aggregate(results) };
}
