import { createDefaultDefinition, type FlowDefinition } from '@hookflow/shared';
import { fireEvent, render, screen } from '@testing-library/react';
import { DataPicker } from './data-picker';
import { listPaths } from './data-paths';
import { pickerSections, sampleContext } from './sample-data';
import { PickerContext } from '../forms/picker-context';
import { ExpressionInput } from '../forms/expression-input';

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

  it('offers the trigger and the earlier steps only, last-run outputs over samples', () => {
    const sections = pickerSections(
      { definition: flow(), sample: { steps: { n2: { status: 201 } } } },
      'n3',
    );
    expect(sections.map((section) => [section.root, section.source])).toEqual([
      ['trigger', 'sample'],
      ['steps.n2', 'last run'],
    ]);
    expect(sampleContext(sections, { id: 'f1', name: 'Orders' }).steps).toEqual({
      n2: { status: 201 },
    });
  });

  it('inserts {{ path }} into the focused field at the caret and previews the result', async () => {
    const sections = pickerSections({ definition: flow(), sample: { steps: {} } }, 'n3');
    const sample = sampleContext(sections, { id: 'f1', name: 'Orders' });
    let target: { insert: (text: string) => void; label: string } | null = null;
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
        onInsert={(text) => target!.insert(text)}
      />,
    );
    expect(screen.getByText('Click a field to insert it into “URL”.')).toBeInTheDocument();
    fireEvent.click(screen.getByTitle('{{ trigger.body.sender.login }}'));
    expect(onChange).toHaveBeenCalledWith('Hi {{ trigger.body.sender.login }}!');

    fireEvent.click(screen.getByRole('button', { name: /Fetch order/ }));
    fireEvent.click(screen.getByTitle('{{ steps.n2.body.id }}'));
    expect(onChange).toHaveBeenLastCalledWith('Hi {{ steps.n2.body.id }}!');

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
