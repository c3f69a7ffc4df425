import { createDefaultDefinition } from '@hookflow/shared';
import { Link, useParams } from 'react-router';
import { FlowStoreProvider } from '../editor/flow-store-context';
import { FlowCanvas } from './flow-canvas';

const NEW_FLOW_ID = 'new';

export function CanvasPage() {
  const { flowId } = useParams();

  // Saved flows need the flows API; only a new, unsaved flow can be opened for now.
  if (flowId !== NEW_FLOW_ID) {
    return (
      <section className="empty-state">
        <h1>Flow not found</h1>
        <p>There is no flow with the id “{flowId}”.</p>
        <Link to="/flows" className="button button--primary">
          Back to flows
        </Link>
      </section>
    );
  }

  return (
    <section className="editor">
      <header className="editor__toolbar">
        <Link to="/flows" className="editor__back">
          ← Flows
        </Link>
        <h1 className="editor__title">Untitled flow</h1>
      </header>
      <FlowStoreProvider key={flowId} initialDefinition={createDefaultDefinition()}>
        <FlowCanvas />
      </FlowStoreProvider>
    </section>
  );
}
