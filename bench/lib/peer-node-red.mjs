// Node-RED 4.x as the peer: installed on demand into a cache folder outside the repo, started with
// a flows.json equivalent to the Hookflow flow (http in → 202, and change → http request to the sink).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { freePort, start } from './procs.mjs';
import { newTempDir } from './hookflow.mjs';

const CACHE = process.env.HOOKFLOW_BENCH_CACHE ?? join(homedir(), '.cache/hookflow-bench');
const DIR = join(CACHE, 'node-red');
const RED = join(DIR, 'node_modules/node-red/red.js');

export function ensureNodeRed(log) {
  if (!existsSync(RED)) {
    mkdirSync(DIR, { recursive: true });
    log(`installing node-red@4 into ${DIR}`);
    const result = spawnSync(
      'npm',
      ['install', '--prefix', DIR, '--no-audit', '--no-fund', 'node-red@4'],
      {
        encoding: 'utf8',
        timeout: 300_000,
      },
    );
    if (result.status !== 0)
      throw new Error(`npm install node-red@4 failed:\n${result.stderr.slice(-2000)}`);
  }
  return JSON.parse(readFileSync(join(DIR, 'node_modules/node-red/package.json'), 'utf8')).version;
}

function flows(sinkUrl) {
  const z = 'bench';
  return [
    { id: z, type: 'tab', label: 'bench' },
    {
      id: 'in',
      type: 'http in',
      z,
      url: '/hook',
      method: 'post',
      upload: false,
      wires: [['ack', 'map']],
    },
    {
      id: 'ack',
      type: 'change',
      z,
      rules: [{ t: 'set', p: 'payload', pt: 'msg', to: '{"accepted":true}', tot: 'json' }],
      wires: [['resp']],
    },
    { id: 'resp', type: 'http response', z, statusCode: '202', headers: {}, wires: [] },
    {
      id: 'map',
      type: 'change',
      z,
      rules: [
        { t: 'set', p: 'payload', pt: 'msg', to: '{"sentAt": payload.sentAt}', tot: 'jsonata' },
      ],
      wires: [['call']],
    },
    {
      id: 'call',
      type: 'http request',
      z,
      method: 'POST',
      ret: 'txt',
      paytoqs: 'ignore',
      url: sinkUrl,
      persist: true,
      wires: [[]],
    },
  ];
}

const settings = (port) => `module.exports = {
  uiHost: '127.0.0.1',
  uiPort: ${port},
  flowFile: 'flows.json',
  credentialSecret: false,
  httpAdminRoot: false,
  httpNodeRoot: '/',
  disableEditor: true,
  diagnostics: { enabled: false },
  telemetry: { enabled: false, updateNotification: false },
  runtimeState: { enabled: false },
  logging: { console: { level: 'warn', metrics: false, audit: false } },
  functionExternalModules: false,
  externalModules: { autoInstall: false, palette: { allowInstall: false } },
};
`;

export async function startNodeRed(sinkUrl) {
  const userDir = newTempDir('hookflow-bench-nodered-');
  const port = await freePort();
  writeFileSync(join(userDir, 'flows.json'), JSON.stringify(flows(sinkUrl), null, 2));
  writeFileSync(join(userDir, 'settings.js'), settings(port));
  const child = start(
    'node-red',
    process.execPath,
    [RED, '--userDir', userDir, '--settings', join(userDir, 'settings.js')],
    {
      env: {
        NODE_OPTIONS: '',
        HTTP_PROXY: '',
        HTTPS_PROXY: '',
        http_proxy: '',
        https_proxy: '',
        NO_PROXY: '*',
      },
    },
  );
  const base = `http://127.0.0.1:${port}`;
  // No GET route: readiness = the http-in route answering a POST.
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`node-red exited: ${child.tail()}`);
    try {
      const res = await fetch(`${base}/hook`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{}',
      });
      if (res.status === 202) break;
    } catch {
      // not yet
    }
    if (Date.now() > deadline) throw new Error(`node-red not ready: ${child.tail()}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return {
    base,
    url: `${base}/hook`,
    child,
    async stop() {
      await child.stop(10_000);
      rmSync(userDir, { recursive: true, force: true });
    },
  };
}
