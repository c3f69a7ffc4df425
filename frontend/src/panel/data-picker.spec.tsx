import { createDefaultDefinition, type FlowDefinition } from '@hookflow/shared';
import { fireEvent, render, screen } from '@testing-library/react';
import { DataPicker } from './data-picker';
import { listPaths } from './data-paths';
import { derivedOutput, pickerSections, sampleContext, type SampleSources } from './sample-data';
import { PickerContext, type InsertTarget } from '../forms/picker-context';
import { ExpressionInput } from '../forms/expression-input';

const NOW = Date.parse('2026-12-02T12:00:00Z');
const sources = (overrides: Partial<SampleSources> = {}): SampleSources => ({
  session: { steps: {} },
  recorded: {},
  now: NOW,
  ...overrides,
});

function flow(): FlowDefinition {
  const definition = createDefaultDefinition();
  definition.nodes.push(
    { id: 'n2', type: 'http.request', name: 'Fetch order', config: {}, position: { x: 0, y: 0 } },
    { id: 'n3', type: 'data.transform', name: 'Shape', config: {}, position: { x: 0, y: 0 } },
    { id: 'n4', type: 'flow.delay', name: 'Elsewhere', config: {}, position: { x: 0, y: 0 } },
  );
  definition.edges.push(
    { id: 'e1', source: 'n1', target: 'n2' },
    { id: 'e2', source: 'n2', target: 'n3' },
  );
  return definition;
}

describe('data picker', () => {
  it('lists paths with JSONata escapes for awkward keys', () => {
    const paths = listPaths(
      { headers: { 'content-type': 'json' }, items: [{ id: 1 }] },
      'steps.n2',
    );
    expect(paths.map((path) => path.expression)).toEqual([
      'steps.n2.headers',
      'steps.n2.headers.`content-type`',
      'steps.n2.items',
      'steps.n2.items[0]',
      'steps.n2.items[0].id',
    ]);
  });

  it('offers the trigger and the earlier steps only, the opened run over recorded outputs', () => {
    const sections = pickerSections(
      flow(),
      'n3',
      sources({
        session: { steps: { n2: { status: 201 } } },
        recorded: {
          n2: {
            source: 'test run',
            executionId: 'x1',
            at: '2026-12-02T11:58:00Z',
            output: { status: 500 },
            truncated: false,
          },
        },
      }),
    );
    expect(sections.map((section) => [section.root, section.source])).toEqual([
      ['trigger', 'example'],
      ['steps.n2', 'from the run you opened'],
    ]);
    // Sections are named for people; the id is only in the paths they insert.
    expect(sections[1].title).toBe('Step: Fetch order');
    expect(sampleContext(sections, { id: 'f1', name: 'Orders' }).steps).toEqual({
      n2: { status: 201 },
    });
  });

  it('labels recorded outputs with their source and age, before derived samples and examples', () => {
    const definition = flow();
    definition.nodes[2].config = { fields: { total: '{{ trigger.body.total }}' } };
    definition.nodes.push({
      id: 'n5',
      type: 'http.request',
      name: 'After',
      config: {},
      position: { x: 0, y: 0 },
    });
    definition.edges.push({ id: 'e3', source: 'n3', target: 'n5' });
    const recorded: SampleSources['recorded'] = {
      n1: {
        source: 'captured event',
        executionId: 'x1',
        at: '2026-12-02T09:00:00Z',
        output: { body: { total: 73.5 } },
        truncated: false,
      },
      n2: {
        source: 'test run',
        executionId: 'x2',
        at: '2026-12-02T11:58:00Z',
        output: { status: 200, body: { only: 'real' } },
        truncated: true,
      },
    };
    recorded.n3 = {
      source: 'last run',
      executionId: 'x3',
      at: '2026-12-01T12:00:00Z',
      output: { extra: 1, total: 5 },
      truncated: false,
    };
    definition.nodes[2].config = { fields: { total: '{{ trigger.body.total }}', extra: 1 } };
    const recordedOrder = pickerSections(definition, 'n5', sources({ recorded }))[2];
    // Stored as jsonb (keys sorted), shown in the order the fields are typed.
    expect(Object.keys(recordedOrder.value as object)).toEqual(['total', 'extra']);
    expect(recordedOrder.source).toBe('from last run 1 d ago');
    delete recorded.n3;
    definition.nodes[2].config = { fields: { total: '{{ trigger.body.total }}' } };
    const sections = pickerSections(definition, 'n5', sources({ recorded }));
    expect(sections.map((section) => [section.root, section.source, section.value])).toEqual([
      ['trigger', 'from captured event 3 h ago', { body: { total: 73.5 } }],
      ['steps.n2', 'from test run 2 min ago, shortened', { status: 200, body: { only: 'real' } }],
      // Derived from its fields, reading the real trigger request.
      ['steps.n3', 'from your fields', { total: 73.5 }],
    ]);
    expect(pickerSections(definition, 'n5', sources()).map((section) => section.source)).toEqual([
      'example',
      'from your fields',
      'from your fields',
    ]);
  });

  it("derives a transform's output from its own fields, in their order and with their types", () => {
    const context = sampleContext(
      [{ root: 'trigger', title: '', source: '', value: { body: { email: 'a@b.c' } } }],
      { id: 'f', name: 'F' },
    );
    const node = flow().nodes[2];
    node.config = {
      fields: {
        b: 1,
        a: true,
        email: '{{ trigger.body.email }}',
        missing: '{{ trigger.body.nope }}',
        text: 'Hi {{ trigger.body.email }}',
        count: '{{ $count(trigger.body.items) }}',
        big: '{{ trigger.body.total > 100 }}',
        fixed: 'plain',
      },
    };
    const derived = derivedOutput(node, context) as Record<string, unknown>;
    expect(derived).toEqual({
      b: 1,
      a: true,
      email: 'a@b.c',
      missing: '…',
      text: '…',
      count: 0,
      big: false,
      fixed: 'plain',
    });
    expect(Object.keys(derived)).toEqual([
      'b',
      'a',
      'email',
      'missing',
      'text',
      'count',
      'big',
      'fixed',
    ]);
    expect(derivedOutput(flow().nodes[1], context)).toEqual({
      status: 200,
      headers: { 'content-type': 'application/json' },
      body: {},
    });
    expect(derivedOutput(flow().nodes[3], context)).toBeUndefined();
  });

  it('inserts {{ path }} into the focused field at the caret and previews the result', async () => {
    const sections = pickerSections(flow(), 'n3', sources());
    const sample = sampleContext(sections, { id: 'f1', name: 'Orders' });
    let target: InsertTarget | null = null;
    const onChange = jest.fn();

    const { rerender } = render(
      <PickerContext.Provider
        value={{ sample, setTarget: (next) => (target = next), teamId: null }}
      >
        <ExpressionInput id="url" label="URL" value="Hi !" onChange={onChange} />
      </PickerContext.Provider>,
    );
    const input = screen.getByRole('textbox') as HTMLInputElement;
    fireEvent.focus(input);
    input.setSelectionRange(3, 3);

    render(
      <DataPicker
        sections={sections}
        targetLabel={target!.label}
        onInsert={(picked) => target!.insert(picked)}
      />,
    );
    expect(screen.getByText('Click a field to insert it into “URL”.')).toBeInTheDocument();
    fireEvent.click(screen.getByTitle('{{ trigger.body.sender.login }}'));
    expect(onChange).toHaveBeenCalledWith('Hi {{ trigger.body.sender.login }}!');

    fireEvent.click(screen.getByRole('button', { name: /Fetch order/ }));
    fireEvent.click(screen.getByTitle('{{ steps.n2.status }}'));
    expect(onChange).toHaveBeenLastCalledWith('Hi {{ steps.n2.status }}!');
    // Trigger and step sections are open: the second "whole output" is the step's.
    fireEvent.click(screen.getAllByRole('button', { name: 'Insert the whole step output' })[1]);
    expect(onChange).toHaveBeenLastCalledWith('Hi {{ steps.n2 }}!');

    rerender(
      <PickerContext.Provider value={{ sample, setTarget: () => undefined, teamId: null }}>
        <ExpressionInput
          id="url"
          label="URL"
          value="Hi {{ trigger.body.sender.login }}!"
          onChange={onChange}
        />
      </PickerContext.Provider>,
    );
    expect(await screen.findByText('→ Hi octocat!')).toBeInTheDocument();
  });
});
