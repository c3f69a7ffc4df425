// Summarizes a V8 .cpuprofile (node --cpu-prof): self time by package/file and by function.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

function bucket(url) {
  if (!url) return '(native / V8)';
  const nm = url.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/g);
  if (nm) return nm[nm.length - 1].replace('node_modules/', '');
  if (url.startsWith('node:')) return url.split('/').slice(0, 2).join('/');
  const dist = url.match(/(backend\/dist|shared\/dist)\/(.*)$/);
  if (dist) return `${dist[1]}/${dist[2].split('/')[0]}`;
  return url;
}

export function summarizeProfile(file, top = 15) {
  const profile = JSON.parse(readFileSync(file, 'utf8'));
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const self = new Map();
  profile.samples.forEach((id, i) =>
    self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)),
  );
  const total = [...self.values()].reduce((a, b) => a + b, 0) || 1;
  const byBucket = new Map();
  const byFunction = new Map();
  for (const [id, us] of self) {
    const { callFrame } = byId.get(id);
    const name = callFrame.functionName || '(anonymous)';
    let b = bucket(callFrame.url);
    if (name === '(idle)' || name === '(program)' || name === '(garbage collector)') b = name;
    byBucket.set(b, (byBucket.get(b) ?? 0) + us);
    const fn = `${name} ${callFrame.url ? `${callFrame.url.replace(/^.*\/(node_modules|backend|shared)\//, '$1/')}:${callFrame.lineNumber + 1}` : ''}`;
    byFunction.set(fn, (byFunction.get(fn) ?? 0) + us);
  }
  const rank = (map) =>
    [...map.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, us]) => ({
        name,
        ms: Math.round(us / 1000),
        pct: Number(((100 * us) / total).toFixed(1)),
      }));
  return {
    file,
    totalMs: Math.round(total / 1000),
    byPackage: rank(byBucket),
    byFunction: rank(byFunction),
  };
}

export function latestProfile(dir) {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.cpuprofile'))
    .sort();
  return files.length ? join(dir, files[files.length - 1]) : undefined;
}

export function profileMarkdown(summary, role = 'api') {
  const rows = (list) =>
    list.map((r) => `| ${r.name.replace(/\|/g, '\\|')} | ${r.ms} | ${r.pct}% |`).join('\n');
  return [
    `### CPU profile of the ${role} process (${summary.totalMs} ms sampled, ${summary.file.split('/').pop()})`,
    '',
    '| package / file | self ms | share |',
    '|---|---|---|',
    rows(summary.byPackage),
    '',
    '| function | self ms | share |',
    '|---|---|---|',
    rows(summary.byFunction),
    '',
  ].join('\n');
}
