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

/** The store itself, for event handlers and subscriptions that must not re-render. */
export function useFlowStoreApi(): FlowStore {
  const store = useContext(FlowStoreContext);
  if (!store) throw new Error('useFlowStore must be used inside a FlowStoreProvider');
  return store;
}

export function useFlowStore<T>(selector: (state: FlowEditorState) => T): T {
  return useStore(useFlowStoreApi(), selector);
}

/** React Flow nodes and edges derived from the flow definition; recomputed only when their inputs change. */
export function useCanvasGraph() {
  const definition = useFlowStore((state) => state.definition);
  const selectedNodeIds = useFlowStore((state) => state.selectedNodeIds);
  const selectedEdgeIds = useFlowStore((state) => state.selectedEdgeIds);
  const measured = useFlowStore((state) => state.measured);
  const nodes = useMemo(
    () => toCanvasNodes(definition, { selectedNodeIds, measured }),
    [definition, selectedNodeIds, measured],
  );
  const edges = useMemo(
    () => toCanvasEdges(definition.edges, selectedEdgeIds),
    [definition.edges, selectedEdgeIds],
  );
  return { nodes, edges };
}
