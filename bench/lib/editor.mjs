// Editor: time for a 200-node flow to render and become interactive in Chromium. Uses
// frontend/e2e/measure-canvas.ts (compiled with @swc/core into bench/.tmp) when it exists,
// else the small measurement below (REST-created flow, /flows/<id>, 200 .react-flow__node).
/* global window, document, localStorage, requestAnimationFrame, cancelAnimationFrame, performance -- page.evaluate callbacks run in Chromium */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createFlow, largeDefinition, ROOT } from './hookflow.mjs';

const E2E_DIR = join(ROOT, 'frontend/e2e');
const SHARED_MEASURE = join(E2E_DIR, 'measure-canvas.ts');
const OUT_DIR = join(ROOT, 'bench/.tmp/e2e');
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** Compiles frontend/e2e/*.ts (not the jest specs) to ESM and imports measure-canvas. */
async function loadSharedMeasure() {
  if (!existsSync(SHARED_MEASURE)) return undefined;
  const swc = await import('@swc/core');
  mkdirSync(OUT_DIR, { recursive: true });
  for (const file of readdirSync(E2E_DIR).filter(
    (f) => f.endsWith('.ts') && !f.endsWith('.e2e.ts'),
  )) {
    const { code } = await swc.transform(readFileSync(join(E2E_DIR, file), 'utf8'), {
      filename: file,
      jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
      module: { type: 'es6' },
    });
    const fixed = code.replace(/(from\s+['"])(\.{1,2}\/[^'"]+?)(\.js|\.ts)?(['"])/g, '$1$2.mjs$4');
    writeFileSync(join(OUT_DIR, file.replace(/\.ts$/, '.mjs')), fixed);
  }
  try {
    const mod = await import(pathToFileURL(join(OUT_DIR, 'measure-canvas.mjs')).href);
    return mod.measureLargeFlowOpen;
  } finally {
    rmSync(OUT_DIR, { recursive: true, force: true }); // loaded: the compiled copy is not kept
  }
}

async function ownMeasure(page, baseUrl, token, teamId) {
  const flow = await createFlow(
    baseUrl,
    { token, teamId },
    'bench: 200 nodes',
    largeDefinition(200),
    { publish: false },
  );
  // The session is an HttpOnly cookie: a log-in token set from outside the page.
  await page
    .context()
    .addCookies([
      { name: 'hf_session', value: token, url: `${baseUrl}/api`, httpOnly: true, sameSite: 'Lax' },
    ]);
  await page.goto(`${baseUrl}/flows`);
  await page.evaluate((team) => localStorage.setItem('hookflow.team', team), teamId);
  await page.goto(`${baseUrl}/flows/${flow.id}`);
  await page.waitForFunction(
    () => document.querySelectorAll('.react-flow__node').length >= 200,
    null,
    {
      polling: 'raf',
      timeout: 60_000,
    },
  );
  // Interactive: the next animation frame after all nodes are in the DOM.
  const openMs = await page.evaluate(
    () => new Promise((resolve) => requestAnimationFrame(() => resolve(performance.now()))),
  );
  const node = page.locator('.react-flow__node').nth(5);
  const box = await node.boundingBox();
  await page.evaluate(() => {
    window.__frames = [];
    const tick = (t) => {
      window.__frames.push(t);
      if (window.__frames.length < 1000) window.__raf = requestAnimationFrame(tick);
    };
    window.__raf = requestAnimationFrame(tick);
  });
  if (box) {
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    for (let i = 1; i <= 30; i += 1)
      await page.mouse.move(box.x + box.width / 2 + i * 8, box.y + box.height / 2 + i * 4);
    await page.mouse.up();
  }
  const frames = await page.evaluate(() => {
    cancelAnimationFrame(window.__raf);
    return window.__frames;
  });
  const deltas = frames
    .slice(1)
    .map((t, i) => t - frames[i])
    .sort((a, b) => a - b);
  const dragFrameMs = deltas.length ? deltas[Math.floor(deltas.length / 2)] : null;
  return {
    openMs: Math.round(openMs),
    dragFrameMs: dragFrameMs === null ? null : Number(dragFrameMs.toFixed(1)),
  };
}

/** `reps` fresh browser contexts against `baseUrl`; returns the per-repetition results and the source used. */
export async function measureEditor({ baseUrl, session, reps, log }) {
  const { chromium } = await import('playwright-core');
  let measure;
  let source = 'bench/lib/editor.mjs';
  try {
    const shared = process.env.BENCH_EDITOR_OWN ? undefined : await loadSharedMeasure();
    if (typeof shared === 'function') {
      measure = shared;
      source = 'frontend/e2e/measure-canvas.ts';
    }
  } catch (error) {
    log(
      `  frontend/e2e/measure-canvas.ts not usable (${error.message.split('\n')[0]}); using bench's own measurement`,
    );
  }
  measure ??= ownMeasure;
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
  });
  const results = [];
  try {
    for (let i = 0; i < reps; i += 1) {
      const context = await browser.newContext({ viewport: { width: 1600, height: 1000 } });
      const page = await context.newPage();
      try {
        const out = await measure(page, baseUrl, session.token, session.teamId);
        log(
          `  rep ${i + 1}: open → interactive ${out.openMs} ms, drag frame ${out.dragFrameMs} ms (${source})`,
        );
        results.push({ openMs: out.openMs, dragFrameMs: out.dragFrameMs });
      } finally {
        await context.close();
      }
    }
  } finally {
    await browser.close();
  }
  return { reps: results, source };
}
