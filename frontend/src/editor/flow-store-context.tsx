import { createContext, useContext, useMemo, useState, type ReactNode } from 'react';
import type { FlowDefinition } from '@hookflow/shared';
import { useStore } from 'zustand';
import {
  createFlowStore,
  toCanvasEdges,
  toCanvasNodes,
  type FlowEditorState,
  type FlowStore,
} from './flow-store';

const FlowStoreContext = createContext<FlowStore | null>(null);

/** Gives each open flow its own store, so two editors never share state. */
export function FlowStoreProvider({
  initialDefinition,
  children,
}: {
  initialDefinition: FlowDefinition;
  children: ReactNode;
}) {
  const [store] = useState(() => createFlowStore(initialDefinition));
  return <FlowStoreContext.Provider value={store}>{children}</FlowStoreContext.Provider>;
}

export function useFlowStore<T>(selector: (state: FlowEditorState) => T): T {
  const store = useContext(FlowStoreContext);
  if (!store) throw new Error('useFlowStore must be used inside a FlowStoreProvider');
  return useStore(store, selector);
}

/** React Flow nodes and edges derived from the flow definition; recomputed only when their inputs change. */
export function useCanvasGraph() {
  const definition = useFlowStore((state) => state.definition);
  const selectedNodeIds = useFlowStore((state) => state.selectedNodeIds);
  const measured = useFlowStore((state) => state.measured);
  const nodes = useMemo(
    () => toCanvasNodes(definition, { selectedNodeIds, measured }),
    [definition, selectedNodeIds, measured],
  );
  const edges = useMemo(() => toCanvasEdges(definition.edges), [definition.edges]);
  return { nodes, edges };
}
