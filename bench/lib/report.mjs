// Aggregation (min/median over repetitions), ratios, the Markdown report and the JSON file.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export function aggregate(reps) {
  const out = {};
  const keys = new Set(reps.flatMap((rep) => Object.keys(rep)));
  for (const key of keys) {
    const values = reps
      .map((rep) => rep[key])
      .filter((v) => typeof v === 'number' && Number.isFinite(v));
    if (!values.length) continue;
    const sorted = [...values].sort((a, b) => a - b);
    const mid = Math.floor(sorted.length / 2);
    const median = sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    out[key] = {
      min: sorted[0],
      median: Number(median.toFixed(2)),
      max: sorted[sorted.length - 1],
    };
  }
  return out;
}

const fmt = (n) =>
  n === null || n === undefined
    ? '—'
    : Number.isInteger(n)
      ? String(n)
      : n.toFixed(n >= 100 ? 0 : 1);
/** "median [min]" — median of the repetitions, the best one in brackets. */
const cell = (stats, key, best = 'min') => {
  const s = stats?.[key];
  if (!s) return '—';
  const other = best === 'max' ? s.max : s.min;
  return s.min === s.max ? fmt(s.median) : `${fmt(s.median)} [${fmt(other)}]`;
};
const sum = (reps, key) => reps.reduce((total, rep) => total + (rep[key] ?? 0), 0);

function table(header, rows) {
  const lines = [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`];
  for (const row of rows) lines.push(`| ${row.join(' | ')} |`);
  return lines.join('\n');
}

const ratio = (a, b) => (a && b ? Number((a / b).toPrecision(3)) : null);
const fmtRatio = (n) =>
  n === null || n === undefined ? '—' : n >= 100 ? n.toFixed(0) : String(Number(n.toPrecision(2)));

/** Hookflow ÷ floor and Hookflow ÷ Node-RED, from the medians. */
export function computeRatios(results) {
  const med = (scenario, target, key) => results[scenario]?.[target]?.stats?.[key]?.median;
  const ratios = [];
  for (const hf of ['hookflow-server', 'hookflow-embedded']) {
    const add = (metric, value) => value !== null && ratios.push({ metric, target: hf, value });
    add(
      'ingest req/s ÷ floor http+BullMQ',
      ratio(med('ingest', hf, 'rps'), med('ingest', 'floor-bullmq', 'rps')),
    );
    add(
      'ingest req/s ÷ floor http',
      ratio(med('ingest', hf, 'rps'), med('ingest', 'floor-http', 'rps')),
    );
    add(
      'ingest p99 ÷ floor http+BullMQ p99',
      ratio(med('ingest', hf, 'p99'), med('ingest', 'floor-bullmq', 'p99')),
    );
    add(
      'ingest req/s ÷ Node-RED',
      ratio(med('ingest', hf, 'rps'), med('ingest', 'node-red', 'rps')),
    );
    add(
      'ingest p99 ÷ Node-RED p99',
      ratio(med('ingest', hf, 'p99'), med('ingest', 'node-red', 'p99')),
    );
    add(
      'e2e p50 ÷ floor (http+BullMQ+Worker)',
      ratio(med('e2e', hf, 'sinkP50'), med('e2e', 'floor-bullmq', 'sinkP50')),
    );
    add(
      'e2e p99 ÷ floor (http+BullMQ+Worker)',
      ratio(med('e2e', hf, 'sinkP99'), med('e2e', 'floor-bullmq', 'sinkP99')),
    );
    add('e2e p50 ÷ Node-RED', ratio(med('e2e', hf, 'sinkP50'), med('e2e', 'node-red', 'sinkP50')));
    add('e2e p99 ÷ Node-RED', ratio(med('e2e', hf, 'sinkP99'), med('e2e', 'node-red', 'sinkP99')));
    add(
      'worker runs/s ÷ raw BullMQ',
      ratio(med('worker', hf, 'runsPerSec'), med('worker', 'raw-bullmq', 'runsPerSec')),
    );
  }
  return ratios;
}

const LABELS = {
  'floor-http': 'floor: node:http → 202',
  'floor-bullmq': 'floor: node:http + BullMQ add',
  'hookflow-server': 'Hookflow server (api+worker, PG+Redis)',
  'hookflow-embedded': 'Hookflow embedded (1 process, PGlite)',
  'node-red': 'Node-RED',
  'raw-bullmq': 'raw BullMQ Worker + fetch',
};
const label = (target) => LABELS[target] ?? target;

export function markdown(results, meta) {
  const out = [`## Hookflow bench — ${meta.date}${meta.quick ? ' (quick)' : ''}`, ''];
  out.push(
    `Machine: ${meta.cpus} × ${meta.cpuModel}, ${meta.memoryGb} GB, Node ${meta.node}${meta.commit ? `, commit ${meta.commit}` : ''}${meta.nodeRed ? `, Node-RED ${meta.nodeRed}` : ''}. ` +
      `Busy before start: ${meta.busyBeforeStart ?? '?'}% (load avg ${meta.loadAverageAtStart?.join(' ') ?? '?'}). Repetitions: ${meta.reps}; cells are "median [best]".`,
    '',
  );
  const ingest = results.ingest ?? {};
  if (Object.keys(ingest).length) {
    out.push(
      `### Ingest — 1 KB signed JSON POST, ${meta.connections} connections, ${meta.ingestSeconds} s`,
      '',
    );
    out.push(
      table(
        ['target', 'req/s', 'p50 ms', 'p90 ms', 'p99 ms', 'errors', 'api RSS MB', 'drain s'],
        Object.entries(ingest).map(([target, r]) =>
          r.error
            ? [
                label(target),
                `failed: ${r.error.split('\n')[0].slice(0, 120)}`,
                '',
                '',
                '',
                '',
                '',
                '',
              ]
            : [
                label(target),
                cell(r.stats, 'rps', 'max'),
                cell(r.stats, 'p50'),
                cell(r.stats, 'p90'),
                cell(r.stats, 'p99'),
                String(sum(r.reps, 'errors')),
                cell(r.stats, 'rssMb'),
                cell(r.stats, 'drainSeconds'),
              ],
        ),
      ),
      '',
    );
  }
  const e2e = results.e2e ?? {};
  if (Object.keys(e2e).length) {
    out.push(
      `### End to end — ${meta.rate} req/s for ${meta.e2eSeconds} s, POST → sink receives the step's call`,
      '',
    );
    out.push(
      table(
        [
          'target',
          'sink p50 ms',
          'sink p99 ms',
          'client p50 ms',
          'client p99 ms',
          'delivered / sent',
          'errors',
        ],
        Object.entries(e2e).map(([target, r]) =>
          r.error
            ? [label(target), `failed: ${r.error.split('\n')[0].slice(0, 120)}`, '', '', '', '', '']
            : [
                label(target),
                cell(r.stats, 'sinkP50'),
                cell(r.stats, 'sinkP99'),
                cell(r.stats, 'clientP50'),
                cell(r.stats, 'clientP99'),
                `${sum(r.reps, 'delivered')} / ${sum(r.reps, 'requests')}`,
                String(sum(r.reps, 'errors')),
              ],
        ),
      ),
      '',
    );
  }
  const worker = results.worker ?? {};
  if (Object.keys(worker).length) {
    out.push(
      `### Worker throughput — ${meta.workerRuns} queued runs of a 1-step flow (http.request → sink), concurrency ${meta.concurrency}, ${meta.workerReps ?? meta.reps} repetition(s)`,
      '',
    );
    out.push(
      table(
        [
          'target',
          'runs/s',
          'drain s',
          'runs/s incl. worker boot',
          'enqueue req/s',
          'delivered',
          'errors',
        ],
        Object.entries(worker).map(([target, r]) =>
          r.error
            ? [label(target), `failed: ${r.error.split('\n')[0].slice(0, 120)}`, '', '', '', '', '']
            : [
                label(target),
                cell(r.stats, 'runsPerSec', 'max'),
                cell(r.stats, 'drainSeconds'),
                cell(r.stats, 'runsPerSecWithBoot', 'max'),
                cell(r.stats, 'enqueueRps', 'max'),
                `${sum(r.reps, 'delivered')} / ${sum(r.reps, 'runs')}`,
                String(sum(r.reps, 'errors')),
              ],
        ),
      ),
      '',
    );
  }
  if (results.editor) {
    const r = results.editor;
    out.push('### Editor — 200-node flow in Chromium', '');
    out.push(
      table(
        ['measurement', 'open → interactive ms', 'drag frame ms', 'source'],
        [
          r.error
            ? [
                '200-node flow',
                `failed: ${r.error.split('\n')[0].slice(0, 160)}`,
                '',
                r.source ?? '',
              ]
            : ['200-node flow', cell(r.stats, 'openMs'), cell(r.stats, 'dragFrameMs'), r.source],
        ],
      ),
      '',
    );
  }
  if (results.ratios?.length) {
    out.push('### Ratios (medians)', '');
    const metrics = [...new Set(results.ratios.map((r) => r.metric))];
    out.push(
      table(
        ['ratio', 'Hookflow server', 'Hookflow embedded'],
        metrics.map((metric) => [
          metric,
          fmtRatio(
            results.ratios.find((r) => r.metric === metric && r.target === 'hookflow-server')
              ?.value,
          ),
          fmtRatio(
            results.ratios.find((r) => r.metric === metric && r.target === 'hookflow-embedded')
              ?.value,
          ),
        ]),
      ),
      '',
    );
  }
  if (meta.notes?.length) out.push('Notes:', ...meta.notes.map((n) => `- ${n}`), '');
  return out.join('\n');
}

export function writeResults(dir, meta, results) {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${meta.date.replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, JSON.stringify({ meta, results }, null, 2));
  return file;
}
