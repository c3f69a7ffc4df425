import { aFlow, aNode } from '../test-support/engine-test-factories.js';
import { FlowGraph } from './flow-graph.js';

describe(FlowGraph.name, () => {
  it('indexes the trigger, nodes and edges both ways', () => {
    const sut = FlowGraph.from(aFlow('t>if', 'if>b:true', 'if>c:false', 'b>d', 'c>d'));

    expect(sut.trigger.id).toBe('t');
    expect(sut.node('b').type).toBe('http.request');
    expect(sut.outgoing('if').map((e) => [e.target, e.sourceHandle])).toEqual([
      ['b', 'true'],
      ['c', 'false'],
    ]);
    expect(sut.incoming('d').map((e) => e.source)).toEqual(['b', 'c']);
    expect(sut.outputsOf('if')).toEqual(['true', 'false']);
    expect(sut.outputsOf('b')).toBeUndefined();
    expect(() => sut.node('nope')).toThrow('Flow has no node "nope"');
  });

  it('orders sources before targets whatever the definition order', () => {
    const definition = aFlow('c>d', 'b>c', 't>b', 't>d');
    const sut = FlowGraph.from(definition);

    expect(sut.order).toEqual(['t', 'b', 'c', 'd']);
  });

  it('knows what is downstream and what the trigger cannot reach', () => {
    const definition = aFlow('t>a', 'a>b', 'x>b');
    definition.nodes.push(aNode('lonely'));
    const sut = FlowGraph.from(definition);

    expect([...sut.downstreamOf('a')]).toEqual(['b']);
    expect(sut.isReachable('b')).toBe(true);
    expect(sut.isReachable('x')).toBe(false);
    expect(sut.isReachable('lonely')).toBe(false);
  });
});
