/*
 * Benchmark helper (not a test): how long a 200-node flow takes to open and become interactive
 * in the editor, and how long one frame of dragging a node takes on it.
 */
import type { FlowDefinition } from '@hookflow/shared';
import type { Page } from 'playwright-core';

const NODE_COUNT = 200;
const COLUMNS = 20;
const DRAG_STEPS = 20;

/** webhook → 199 data.transform steps, chained, on a 20-column grid. */
function largeDefinition(): FlowDefinition {
  const nodes: FlowDefinition['nodes'] = [];
  const edges: FlowDefinition['edges'] = [];
  for (let i = 1; i <= NODE_COUNT; i++) {
    const position = { x: ((i - 1) % COLUMNS) * 240, y: Math.floor((i - 1) / COLUMNS) * 120 };
    nodes.push(
      i === 1
        ? {
            id: 'n1',
            type: 'trigger.webhook',
            name: 'Webhook',
            config: { methods: ['POST'], auth: { type: 'none' } },
            position,
          }
        : {
            id: `n${i}`,
            type: 'data.transform',
            name: `Step ${i}`,
            config: { fields: { value: `{{ trigger.body.v${i} }}` } },
            position,
          },
    );
    if (i > 1) edges.push({ id: `e${i - 1}`, source: `n${i - 1}`, target: `n${i}` });
  }
  return { schemaVersion: 1, nodes, edges };
}

async function call<T>(
  baseUrl: string,
  token: string,
  method: string,
  path: string,
  body?: unknown,
): Promise<T> {
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok)
    throw new Error(`${method} ${path} answered ${response.status}: ${await response.text()}`);
  return (await response.json()) as T;
}

/**
 * Creates a 200-node flow through the API, opens it, and measures
 * `openMs`: navigation start → every node rendered and measured (visible), and
 * `dragFrameMs`: mean time per pointer move while dragging one node across the canvas.
 */
export async function measureLargeFlowOpen(
  page: Page,
  baseUrl: string,
  token: string,
  teamId: string,
): Promise<{ openMs: number; dragFrameMs: number }> {
  const flow = await call<{ id: string }>(baseUrl, token, 'POST', `/api/teams/${teamId}/flows`, {
    name: '200 steps',
  });
  await call(baseUrl, token, 'PATCH', `/api/teams/${teamId}/flows/${flow.id}`, {
    definition: largeDefinition(),
  });

  // A log-in token works as the browser's session cookie (HttpOnly, so it is set from outside the
  // page); the editor gets its CSRF token from /api/me. The chosen team lives in localStorage.
  await page
    .context()
    .addCookies([
      { name: 'hf_session', value: token, url: `${baseUrl}/api`, httpOnly: true, sameSite: 'Lax' },
    ]);
  await page.goto(`${baseUrl}/login`);
  await page.evaluate((team) => localStorage.setItem('hookflow.team', team), teamId);

  const started = Date.now();
  await page.goto(`${baseUrl}/flows/${flow.id}`);
  await page.waitForFunction(
    (count) => {
      const nodes = document.querySelectorAll<HTMLElement>(
        '[data-testid=flow-canvas] .react-flow__node',
      );
      return (
        nodes.length >= count && [...nodes].every((node) => node.style.visibility !== 'hidden')
      );
    },
    NODE_COUNT,
    { timeout: 60_000, polling: 'raf' },
  );
  const openMs = Date.now() - started;

  const node = page.locator('[data-testid=flow-canvas] .react-flow__node[data-id="n2"]');
  const box = (await node.boundingBox())!;
  const x = box.x + box.width / 2;
  const y = box.y + box.height / 2;
  await page.mouse.move(x, y);
  await page.mouse.down();
  const dragStart = Date.now();
  for (let step = 1; step <= DRAG_STEPS; step++) {
    await page.mouse.move(x + step * 5, y + step * 3);
    // One frame per move: wait until the browser painted the moved node.
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => resolve(null))));
  }
  const dragFrameMs = (Date.now() - dragStart) / DRAG_STEPS;
  await page.mouse.up();
  const moved = (await node.boundingBox())!;
  if (Math.abs(moved.x - box.x) < 20)
    throw new Error('the node did not move: the canvas is not interactive');

  return { openMs, dragFrameMs: Math.round(dragFrameMs * 10) / 10 };
}
