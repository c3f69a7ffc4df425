import type { FlowDefinition, FlowEdge, FlowNode } from './flow-definition.schema';
import { describeIssues } from './flow-issue';
import { validateFlowDefinition } from './validate-flow-definition';

const node = (
  id: string,
  type: string,
  name: string,
  config: Record<string, unknown> = {},
): FlowNode => ({
  id,
  type,
  name,
  config,
  position: { x: 0, y: 0 },
});
const edge = (id: string, source: string, target: string, sourceHandle?: string): FlowEdge => ({
  id,
  source,
  target,
  ...(sourceHandle ? { sourceHandle } : {}),
});

/** webhook → transform → if → (true) http request */
function validFlow(): FlowDefinition {
  return {
    schemaVersion: 1,
    nodes: [
      node('n1', 'trigger.webhook', 'Order webhook', { methods: ['POST'] }),
      node('n2', 'data.transform', 'Shape order', {
        fields: { total: '{{ trigger.body.total }}', currency: 'EUR' },
      }),
      node('n3', 'logic.if', 'Big order?', { condition: '{{ steps.n2.total > 100 }}' }),
      node('n4', 'http.request', 'Notify CRM', {
        method: 'POST',
        url: 'https://crm.example.com/orders',
        headers: { 'X-Total': 'Total {{ steps.n2.total }}' },
        body: { total: '{{ steps.n2.total }}' },
      }),
    ],
    edges: [edge('e1', 'n1', 'n2'), edge('e2', 'n2', 'n3'), edge('e3', 'n3', 'n4', 'true')],
  };
}

function issuesOf(definition: unknown) {
  const result = validateFlowDefinition(definition);
  if (result.ok) throw new Error('expected the definition to be refused');
  return result.issues;
}

describe(validateFlowDefinition.name, () => {
  it('accepts a valid webhook → transform → if → http flow', () => {
    const result = validateFlowDefinition(validFlow());
    expect(result).toEqual({ ok: true, definition: validFlow() });
  });

  it('turns structural errors into the node id and field', () => {
    const definition = validFlow() as unknown as { nodes: Record<string, unknown>[] };
    definition.nodes[1].position = { x: 'left', y: 0 };
    const [issue] = issuesOf(definition);
    expect(issue).toMatchObject({ nodeId: 'n2', field: 'position.x' });
    expect(issue.message).toMatch(/^Node "Shape order" \(n2\): field "position.x" /);
  });

  it('accepts retry settings of each kind and names the field of a bad one', () => {
    const definition = validFlow();
    definition.nodes[3].retry = { backoff: 'schedule', schedule: [5_000, 300_000] };
    definition.nodes[2].retry = { backoff: 'exponential', attempts: 5, delayMs: 500 };
    expect(validateFlowDefinition(definition)).toMatchObject({ ok: true });

    definition.nodes[3].retry = { backoff: 'schedule', schedule: [] };
    expect(issuesOf(definition)[0]).toMatchObject({ nodeId: 'n4', field: 'retry.schedule' });
    (definition.nodes[3] as { retry: unknown }).retry = { backoff: 'fixed', attempts: 3 };
    expect(issuesOf(definition)[0]).toMatchObject({ nodeId: 'n4', field: 'retry.delayMs' });
  });

  it('refuses a wrong schemaVersion', () => {
    expect(issuesOf({ ...validFlow(), schemaVersion: 2 })[0]).toMatchObject({
      field: 'schemaVersion',
    });
  });

  it('requires exactly one trigger', () => {
    const none = validFlow();
    none.nodes = none.nodes.filter((n) => n.id !== 'n1');
    none.edges = none.edges.filter((e) => e.source !== 'n1');
    expect(issuesOf(none).map((i) => i.message)).toContain(
      'Flow needs exactly one trigger node; it has none',
    );

    const two = validFlow();
    two.nodes.push(node('n9', 'trigger.manual', 'Run by hand'));
    expect(issuesOf(two)).toEqual([
      {
        nodeId: 'n9',
        message: 'Node "Run by hand" (n9): is a second trigger; a flow has exactly one',
        text: 'A flow has one trigger, and “Order webhook” is already it: delete one of the two.',
      },
    ]);
  });

  it('refuses duplicate node and edge ids', () => {
    const definition = validFlow();
    definition.nodes.push({ ...definition.nodes[1], name: 'Copy' });
    definition.edges.push(edge('e1', 'n2', 'n4'));
    const issues = issuesOf(definition);
    expect(issues).toContainEqual(expect.objectContaining({ nodeId: 'n2', field: 'id' }));
    expect(issues.find((i) => i.nodeId === 'n2')?.message).toContain('"Shape order", "Copy"');
    expect(issues).toContainEqual(expect.objectContaining({ edgeId: 'e1', field: 'id' }));
  });

  it('refuses dangling edges', () => {
    const definition = validFlow();
    definition.edges.push(edge('e9', 'n4', 'ghost'));
    expect(issuesOf(definition)).toEqual([
      {
        edgeId: 'e9',
        field: 'target',
        message: 'Edge e9: target node "ghost" does not exist',
        text: 'A connection leads to or from a step that no longer exists: delete it.',
      },
    ]);
  });

  it('refuses edges into the trigger', () => {
    const definition = validFlow();
    definition.edges.push(edge('e9', 'n4', 'n1'));
    const issues = issuesOf(definition);
    expect(issues).toContainEqual(expect.objectContaining({ edgeId: 'e9', field: 'target' }));
  });

  it('refuses cycles and names a node on them', () => {
    const definition = validFlow();
    definition.nodes.push(node('n5', 'flow.delay', 'Wait', { ms: 1000 }));
    definition.edges.push(edge('e4', 'n4', 'n5'), edge('e5', 'n5', 'n2'));
    const [issue] = issuesOf(definition);
    expect(issue.nodeId).toBe('n2');
    expect(issue.message).toBe(
      'Node "Shape order" (n2): is part of a cycle (n2 → n3 → n4 → n5 → n2); flows cannot loop',
    );
    expect(issue.text).toMatch(/^Steps lead in a loop \(“Shape order” → .* → “Shape order”\)/);
  });

  it('refuses unknown node types', () => {
    const definition = validFlow();
    definition.nodes[3].type = 'ftp.upload';
    expect(issuesOf(definition)).toEqual([
      {
        nodeId: 'n4',
        field: 'type',
        message:
          'Node "Notify CRM" (n4): field "type" is "ftp.upload", which is not a known node type',
        text: 'This kind of step is not known to this Hookflow; delete it or replace it.',
      },
    ]);
  });

  it('names node and field of missing required config', () => {
    const definition = validFlow();
    definition.nodes.push(node('n5', 'slack.message', 'Send to Slack', { credentialId: 'cred_1' }));
    definition.edges.push(edge('e4', 'n3', 'n5', 'false'));
    expect(issuesOf(definition)).toEqual([
      {
        nodeId: 'n5',
        field: 'text',
        message: 'Node "Send to Slack" (n5): field "text" is required',
        text: '“Text” is required',
      },
    ]);
  });

  it('names node and field of mistyped config, nested fields included', () => {
    const definition = validFlow();
    definition.nodes[0].config = { auth: { type: 'hmac', header: 'X-Sig' } };
    definition.nodes[3].config = { ...definition.nodes[3].config, timeoutMs: 'soon' };
    const issues = issuesOf(definition);
    expect(issues).toContainEqual({
      nodeId: 'n1',
      field: 'auth.secret',
      message: 'Node "Order webhook" (n1): field "auth.secret" is required',
      text: '“Authentication › Signing secret” is required',
    });
    expect(issues).toContainEqual(expect.objectContaining({ nodeId: 'n4', field: 'timeoutMs' }));
    expect(issues.find((i) => i.field === 'timeoutMs')?.message).toContain(
      'must be a whole number',
    );
  });

  it('refuses a webhook trigger rotation end date that is not a date-time, in plain words', () => {
    const definition = validFlow();
    definition.nodes[0].config = {
      auth: {
        type: 'github',
        secret: 'new',
        previousSecret: 'old',
        rotationEndsAt: '31/12/2026',
      },
    };
    const problem =
      'is not a date and time like 2026-12-31T12:00:00Z (ISO 8601 with Z or an offset such as +01:00)';
    expect(issuesOf(definition)).toEqual([
      {
        nodeId: 'n1',
        field: 'auth.rotationEndsAt',
        message: `Node "Order webhook" (n1): field "auth.rotationEndsAt" ${problem}`,
        text: `“Authentication › Accept the previous secret until” ${problem}`,
      },
    ]);
    (definition.nodes[0].config.auth as { rotationEndsAt: string }).rotationEndsAt =
      '2026-12-31T12:00:00Z';
    expect(validateFlowDefinition(definition).ok).toBe(true);
  });

  it('refuses HMAC signed text with an unknown placeholder, naming it', () => {
    const definition = validFlow();
    definition.nodes[0].config = {
      auth: {
        type: 'hmac',
        secret: 's',
        header: 'X-Sig',
        timestampHeader: 'X-Time',
        signedPayloadTemplate: '{time}.{body}',
      },
    };
    const [issue, ...others] = issuesOf(definition);
    expect(others).toEqual([]);
    expect(issue).toMatchObject({ nodeId: 'n1', field: 'auth.signedPayloadTemplate' });
    expect(issue.text).toBe(
      '“Authentication › Signed text” uses {time}, which the signature check does not know: ' +
        'the placeholders are {body}, {timestamp}, {header:Name} and {json:a.b}',
    );
    (definition.nodes[0].config.auth as { signedPayloadTemplate: string }).signedPayloadTemplate =
      '{timestamp}.{body}';
    expect(validateFlowDefinition(definition).ok).toBe(true);
  });

  it('requires logic.if edges to leave by "true" or "false"', () => {
    const definition = validFlow();
    definition.edges[2] = edge('e3', 'n3', 'n4');
    expect(issuesOf(definition)).toEqual([
      {
        edgeId: 'e3',
        field: 'sourceHandle',
        message: 'Edge e3: leaves node "Big order?" (n3) and needs sourceHandle "true" or "false"',
        text: 'A connection from “Big order?” must leave by its true or false output.',
      },
    ]);
  });

  it('reports expressions that do not compile, with their field and position', () => {
    const definition = validFlow();
    definition.nodes[3].config = {
      ...definition.nodes[3].config,
      headers: { 'X-Total': 'Total {{ steps.n2.( }}' },
    };
    const [issue] = issuesOf(definition);
    expect(issue).toMatchObject({ nodeId: 'n4', field: 'headers.X-Total' });
    expect(issue.text).toMatch(
      /^“Headers › X-Total” has a \{\{ \}\} expression that does not work/,
    );
    expect(issue.message).toMatch(
      /^Node "Notify CRM" \(n4\): field "headers.X-Total" has an invalid expression at position \d+/,
    );
  });

  it('describes all issues on one line', () => {
    const definition = validFlow();
    definition.nodes[3].config = {};
    definition.edges.push(edge('e9', 'n4', 'ghost'));
    const line = describeIssues(issuesOf(definition));
    expect(line).toBe(
      'Edge e9: target node "ghost" does not exist; Node "Notify CRM" (n4): field "url" is required',
    );
  });

  it('validates against a given catalog', () => {
    const result = validateFlowDefinition(validFlow(), []);
    expect(result.ok).toBe(false);
  });
});

describe('webhook.respond headers', () => {
  const respondFlow = (headers: Record<string, string>): FlowDefinition => ({
    schemaVersion: 1,
    nodes: [
      node('n1', 'trigger.webhook', 'Hook', { methods: ['GET'], response: { mode: 'sync' } }),
      node('n2', 'webhook.respond', 'Reply', { status: 200, headers, body: 'hi' }),
    ],
    edges: [edge('e1', 'n1', 'n2')],
  });

  it('accepts ordinary reply headers', () => {
    const result = validateFlowDefinition(
      respondFlow({ 'Content-Type': 'text/html', 'Cache-Control': 'no-store', Location: '/x' }),
    );
    expect(result.ok).toBe(true);
  });

  it.each([
    ['Set-Cookie', 'sets cookies'],
    ['clear-site-data', 'clears'],
    ['Content-Security-Policy', 'sandbox policy'],
    ['Strict-Transport-Security', 'HTTPS'],
    ['Refresh', 'navigates'],
    ['Transfer-Encoding', 'hop-by-hop'],
    ['Proxy-Authenticate', 'proxies'],
    ['Content-Length', 'computed by the server'],
    ['Bad Name', 'not a valid header name'],
  ])('refuses %s, naming the step and the header', (header, why) => {
    const result = validateFlowDefinition(respondFlow({ [header]: 'x' }));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues).toEqual([
      expect.objectContaining({ nodeId: 'n2', field: `headers.${header}`, repairedAtRun: true }),
    ]);
    expect(describeIssues(result.issues)).toContain(`Node "Reply" (n2): field "headers.${header}"`);
    expect(describeIssues(result.issues)).toContain(why);
  });

  it('does not mistake inherited object keys for allowed or refused names', () => {
    expect(validateFlowDefinition(respondFlow({ constructor: 'x' })).ok).toBe(true);
  });
});
