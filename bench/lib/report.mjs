// Aggregation (min/median over repetitions), ratios, the targets of issue 13, the Markdown report
// and the JSON file.
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
/** "median [best]" — median of the repetitions, the best one in brackets. */
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

/**
 * One row per target of a scenario; `columns` are [header, (result) => cell] after the target
 * column. A failed target gets its error in the first column and blanks after it.
 */
function scenarioTable(entries, columns) {
  return table(
    ['target', ...columns.map(([header]) => header)],
    entries.map(([target, r]) =>
      r.error
        ? [
            label(target),
            `failed: ${r.error.split('\n')[0].slice(0, 120)}`,
            ...columns.slice(1).map(() => ''),
          ]
        : [label(target), ...columns.map(([, value]) => value(r))],
    ),
  );
}

const ratio = (a, b) => (a && b ? Number((a / b).toPrecision(3)) : null);
const fmtRatio = (n) =>
  n === null || n === undefined ? '—' : n >= 100 ? n.toFixed(0) : String(Number(n.toPrecision(2)));
const median = (results, scenario, target, key) =>
  results[scenario]?.[target]?.stats?.[key]?.median;

// [metric, scenario, key, what Hookflow is compared with]
const RATIOS = [
  ['ingest req/s ÷ durable floor (HMAC+INSERT+BullMQ add)', 'ingest', 'rps', 'floor-durable'],
  ['ingest req/s ÷ durable floor without BullMQ', 'ingest', 'rps', 'floor-durable-noqueue'],
  ['ingest req/s ÷ floor http+BullMQ', 'ingest', 'rps', 'floor-bullmq'],
  ['ingest req/s ÷ floor http', 'ingest', 'rps', 'floor-http'],
  ['ingest p99 ÷ durable floor p99', 'ingest', 'p99', 'floor-durable'],
  ['ingest req/s ÷ Node-RED', 'ingest', 'rps', 'node-red'],
  ['ingest p99 ÷ Node-RED p99', 'ingest', 'p99', 'node-red'],
  ['e2e p50 ÷ floor (http+BullMQ+Worker)', 'e2e', 'sinkP50', 'floor-bullmq'],
  ['e2e p99 ÷ floor (http+BullMQ+Worker)', 'e2e', 'sinkP99', 'floor-bullmq'],
  ['e2e p50 ÷ Node-RED', 'e2e', 'sinkP50', 'node-red'],
  ['e2e p99 ÷ Node-RED', 'e2e', 'sinkP99', 'node-red'],
  ['worker runs/s (3-step) ÷ raw BullMQ', 'worker', 'runsPerSec', 'raw-bullmq'],
];

/** Hookflow ÷ floor and Hookflow ÷ Node-RED, from the medians. */
export function computeRatios(results) {
  const ratios = [];
  for (const target of ['hookflow-server', 'hookflow-embedded'])
    for (const [metric, scenario, key, other] of RATIOS) {
      const value = ratio(
        median(results, scenario, target, key),
        median(results, scenario, other, key),
      );
      if (value !== null) ratios.push({ metric, target, value });
    }
  return ratios;
}

/**
 * The targets of issue 13, each with what this run measured and whether it was met. A target
 * whose measurement is missing (row skipped or failed) reads "not measured".
 */
export function computeTargets(results) {
  const med = (scenario, target, key) => median(results, scenario, target, key) ?? null;
  const atMost = (limit) => (v) => v <= limit;
  const atLeast = (limit) => (v) => v >= limit;
  // [name, mode, value, goal, test, unit]
  const rows = [
    [
      'ingest req/s ÷ durable floor',
      'server',
      ratio(med('ingest', 'hookflow-server', 'rps'), med('ingest', 'floor-durable', 'rps')),
      '≥ 0.5',
      atLeast(0.5),
      '×',
    ],
    ['ingest p99', 'server', med('ingest', 'hookflow-server', 'p99'), '≤ 50 ms', atMost(50), ' ms'],
    [
      'ingest req/s ÷ server',
      'embedded',
      ratio(med('ingest', 'hookflow-embedded', 'rps'), med('ingest', 'hookflow-server', 'rps')),
      '≥ 0.5',
      atLeast(0.5),
      '×',
    ],
  ];
  for (const [mode, target] of [
    ['server', 'hookflow-server'],
    ['embedded', 'hookflow-embedded'],
  ]) {
    const e2e = results.e2e?.[target];
    const cap = results.capacity?.[target];
    const held = cap && !cap.error ? cap.capacity : undefined;
    rows.push(
      ['e2e 200 req/s sink p50', mode, med('e2e', target, 'sinkP50'), '≤ 15 ms', atMost(15), ' ms'],
      [
        'e2e 200 req/s sink p99',
        mode,
        med('e2e', target, 'sinkP99'),
        '≤ 100 ms',
        atMost(100),
        ' ms',
      ],
      [
        'e2e 200 req/s runs lost',
        mode,
        e2e?.reps ? sum(e2e.reps, 'errors') : null,
        '0',
        atMost(0),
        '',
      ],
      [
        'capacity (highest fixed rate with sink p99 ≤ 250 ms)',
        mode,
        held ?? null,
        'reported',
        undefined,
        cap?.limitedByGenerator ? ' req/s (generator-bound)' : ' req/s',
        cap?.steps?.length && held === null ? `< ${cap.steps[0].rate} req/s` : undefined,
      ],
      [
        'per extra step (10 vs 1 transform, p50 at 100 req/s)',
        mode,
        results.perStep?.[target]?.perExtraStepMs,
        '≤ 2 ms',
        atMost(2),
        ' ms',
      ],
    );
  }
  rows.push(
    [
      'worker runs/s (3-step) ÷ raw BullMQ Worker',
      'server',
      ratio(
        med('worker', 'hookflow-server', 'runsPerSec'),
        med('worker', 'raw-bullmq', 'runsPerSec'),
      ),
      '≥ 0.5',
      atLeast(0.5),
      '×',
    ],
    [
      'idle CPU after boot + one run',
      'embedded',
      results.idle?.['hookflow-embedded']?.cpuPct,
      '≤ 1 % of a core',
      atMost(1),
      ' %',
    ],
  );
  // met: undefined = nothing to meet (reported only), null = not measured.
  return rows.map(([name, mode, value, goal, test, unit, display]) => ({
    name,
    mode,
    value: value ?? null,
    display,
    goal,
    unit,
    met: !test ? undefined : value === null || value === undefined ? null : test(value),
  }));
}

const LABELS = {
  'floor-http': 'floor: node:http → 202',
  'floor-bullmq': 'floor: node:http + BullMQ add',
  'floor-durable': 'durable floor: node:http + HMAC + PG INSERT (sync commit) + BullMQ add',
  'floor-durable-noqueue': 'durable floor without BullMQ add',
  'hookflow-server': 'Hookflow server (api+worker, PG+Redis)',
  'hookflow-server-1step': 'Hookflow server, 1-step flow (webhook → http)',
  'hookflow-embedded': 'Hookflow embedded (1 process, PGlite)',
  'node-red': 'Node-RED',
  'raw-bullmq': 'raw BullMQ Worker + fetch',
  pglite: 'PGlite alone (idle floor)',
};
const label = (target) => LABELS[target] ?? target;

function machineSection(machine) {
  if (!machine) return [];
  const out = [
    `### Machine during the run — ${machine.whole.cores} cores; % are of one core (${machine.whole.cores * 100} % = all busy)`,
    '',
  ];
  const others = (w) =>
    `${w.othersPct}${w.topOthers.length ? ` (${w.topOthers.map((o) => `${o.name} ${o.pct}`).join(', ')})` : ''}`;
  out.push(
    table(
      [
        'phase',
        's',
        'machine busy %',
        'bench processes %',
        'PostgreSQL + Redis %',
        'other processes %',
      ],
      [...machine.phases, { phase: 'whole run', ...machine.whole }].map((w) => [
        w.phase,
        String(w.seconds),
        String(w.machineBusyPct),
        String(w.benchPct),
        String(w.sharedServicesPct),
        others(w),
      ]),
    ),
    '',
    `Load average at the end: ${machine.loadAverage.map((n) => n.toFixed(2)).join(' ')}. PostgreSQL and Redis serve the bench and other users at once; "other processes" includes processes that came and went within a phase.`,
    '',
  );
  return out;
}

export function markdown(results, meta) {
  const out = [`## Hookflow bench — ${meta.date}${meta.quick ? ' (quick)' : ''}`, ''];
  out.push(
    `Machine: ${meta.cpus} × ${meta.cpuModel}, ${meta.memoryGb} GB, Node ${meta.node}${meta.commit ? `, commit ${meta.commit}` : ''}${meta.backend ? `, Hookflow build ${meta.backend}` : ''}${meta.nodeRed ? `, Node-RED ${meta.nodeRed}` : ''}. ` +
      `Busy before start: ${meta.busyBeforeStart ?? '?'}% of all cores (load avg ${meta.loadAverageAtStart?.join(' ') ?? '?'}). Repetitions: ${meta.reps}; cells are "median [best]".`,
    '',
  );
  if (results.targets?.length) {
    out.push('### Targets (issue 13), from this run', '');
    out.push(
      table(
        ['target', 'mode', 'measured', 'goal', 'met'],
        results.targets.map((t) => [
          t.name,
          t.mode,
          t.display ?? (t.value === null ? 'not measured' : `${fmtRatio(t.value)}${t.unit}`),
          t.goal,
          t.met === undefined ? '—' : t.met === null ? '?' : t.met ? 'yes' : 'NO',
        ]),
      ),
      '',
    );
  }
  const ingest = Object.entries(results.ingest ?? {});
  if (ingest.length) {
    out.push(
      `### Ingest — 1 KB signed JSON POST, ${meta.connections} connections, ${meta.ingestSeconds} s`,
      '',
      scenarioTable(ingest, [
        ['req/s', (r) => cell(r.stats, 'rps', 'max')],
        ['p50 ms', (r) => cell(r.stats, 'p50')],
        ['p90 ms', (r) => cell(r.stats, 'p90')],
        ['p99 ms', (r) => cell(r.stats, 'p99')],
        ['errors', (r) => String(sum(r.reps, 'errors'))],
        ['api RSS MB', (r) => cell(r.stats, 'rssMb')],
        ['api CPU µs/req', (r) => cell(r.stats, 'cpuUsPerRequest')],
        ['drain s', (r) => cell(r.stats, 'drainSeconds')],
      ]),
      '',
    );
  }
  const fixedRateColumns = [
    ['sink p50 ms', (r) => cell(r.stats, 'sinkP50')],
    ['sink p99 ms', (r) => cell(r.stats, 'sinkP99')],
    ['client p50 ms', (r) => cell(r.stats, 'clientP50')],
    ['client p99 ms', (r) => cell(r.stats, 'clientP99')],
    ['delivered / sent', (r) => `${sum(r.reps, 'delivered')} / ${sum(r.reps, 'requests')}`],
    ['errors', (r) => String(sum(r.reps, 'errors'))],
  ];
  const e2e = Object.entries(results.e2e ?? {});
  if (e2e.length) {
    out.push(
      `### End to end — ${meta.rate} req/s for ${meta.e2eSeconds} s, POST → transform → http.request → sink`,
      '',
      scenarioTable(e2e, fixedRateColumns),
      '',
    );
  }
  const capacity = Object.entries(results.capacity ?? {});
  if (capacity.length) {
    out.push(
      `### Capacity — fixed rates for ${meta.capacitySeconds} s each, stepping up until sink p99 > 250 ms or a run is lost`,
      '',
      scenarioTable(capacity, [
        ['capacity req/s', (r) => (r.capacity === null ? '< first step' : String(r.capacity))],
        [
          'steps (rate: sink p50 / p99 ms, lost)',
          (r) =>
            r.steps
              .map(
                (s) =>
                  `${s.rate}: ${fmt(s.sinkP50)} / ${fmt(s.sinkP99)}, ${s.errors}${s.generatorShort ? ` (sent ${s.achievedRate}/s)` : ''}`,
              )
              .join('; '),
        ],
      ]),
      '',
    );
  }
  const perStep = Object.entries(results.perStep ?? {});
  if (perStep.length) {
    out.push(
      `### Per-step overhead — webhook → N × data.transform → http.request at ${meta.perStepRate} req/s for ${meta.e2eSeconds} s`,
      '',
      scenarioTable(perStep, [
        ['1 transform sink p50 ms', (r) => cell(r.one.stats, 'sinkP50')],
        ['10 transforms sink p50 ms', (r) => cell(r.ten.stats, 'sinkP50')],
        ['per extra step ms', (r) => fmt(r.perExtraStepMs)],
        ['10-transform sink p99 ms', (r) => cell(r.ten.stats, 'sinkP99')],
        ['lost', (r) => String(sum(r.one.reps, 'errors') + sum(r.ten.reps, 'errors'))],
      ]),
      '',
    );
  }
  const worker = Object.entries(results.worker ?? {});
  if (worker.length) {
    out.push(
      `### Worker throughput — ${meta.workerRuns} queued runs of the 3-step flow (webhook → transform → http.request → sink), concurrency ${meta.concurrency}, ${meta.workerReps ?? meta.reps} repetition(s)`,
      '',
      scenarioTable(worker, [
        ['runs/s', (r) => cell(r.stats, 'runsPerSec', 'max')],
        ['drain s', (r) => cell(r.stats, 'drainSeconds')],
        ['runs/s incl. worker boot', (r) => cell(r.stats, 'runsPerSecWithBoot', 'max')],
        ['enqueue req/s', (r) => cell(r.stats, 'enqueueRps', 'max')],
        ['delivered', (r) => `${sum(r.reps, 'delivered')} / ${sum(r.reps, 'runs')}`],
        ['errors', (r) => String(sum(r.reps, 'errors'))],
      ]),
      '',
    );
  }
  const idle = Object.entries(results.idle ?? {});
  if (idle.length) {
    out.push(
      `### Idle — after boot and one run, ${meta.idleSeconds} s with nothing to do`,
      '',
      scenarioTable(idle, [
        ['CPU % of a core', (r) => fmt(r.cpuPct)],
        ['RSS MB', (r) => fmt(r.rssMb)],
      ]),
      '',
    );
  }
  if (results.editor) {
    const r = results.editor;
    out.push(
      '### Editor — 200-node flow in Chromium',
      '',
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
    const metrics = [...new Set(results.ratios.map((r) => r.metric))];
    const value = (metric, target) =>
      fmtRatio(results.ratios.find((r) => r.metric === metric && r.target === target)?.value);
    out.push(
      '### Ratios (medians)',
      '',
      table(
        ['ratio', 'Hookflow server', 'Hookflow embedded'],
        metrics.map((metric) => [
          metric,
          value(metric, 'hookflow-server'),
          value(metric, 'hookflow-embedded'),
        ]),
      ),
      '',
    );
  }
  out.push(...machineSection(results.machine));
  if (meta.notes?.length) out.push('Notes:', ...meta.notes.map((n) => `- ${n}`), '');
  return out.join('\n');
}

export function writeResults(dir, meta, results) {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${meta.date.replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, JSON.stringify({ meta, results }, null, 2));
  return file;
}
