import { nodeCatalog, type NodeCategory, type NodeDescription } from '@hookflow/shared';
import { useMemo, useState } from 'react';
import { CatalogIcon } from '../catalog/node-icon';

/** Drag payload type: the node type id travels in the drag's dataTransfer. */
export const PALETTE_MIME = 'application/x-hookflow-node';

const CATEGORY_TITLES: Record<NodeCategory, string> = {
  trigger: 'Triggers',
  action: 'Actions',
  integration: 'Integrations',
  data: 'Data',
  logic: 'Logic',
};

/** Node types grouped by category; drag one onto the canvas, or click to add it. */
export function NodePalette({ onAdd }: { onAdd: (type: string) => void }) {
  const [search, setSearch] = useState('');
  const groups = useMemo(() => {
    const term = search.trim().toLowerCase();
    const grouped = new Map<NodeCategory, NodeDescription[]>();
    for (const node of nodeCatalog) {
      const haystack = `${node.title} ${node.type} ${node.description}`.toLowerCase();
      if (term && !haystack.includes(term)) continue;
      grouped.set(node.category, [...(grouped.get(node.category) ?? []), node]);
    }
    return [...grouped];
  }, [search]);

  return (
    <aside className="palette" aria-label="Node palette">
      <input
        className="palette__search"
        type="search"
        placeholder="Search steps…"
        aria-label="Search steps"
        value={search}
        onChange={(event) => setSearch(event.target.value)}
      />
      {groups.length === 0 && <p className="palette__empty">No step matches “{search}”.</p>}
      {groups.map(([category, nodes]) => (
        <section key={category} className="palette__group">
          <h2 className="palette__heading">{CATEGORY_TITLES[category]}</h2>
          {nodes.map((node) => (
            <button
              key={node.type}
              type="button"
              className="palette__item"
              draggable
              title={node.description}
              data-node-type={node.type}
              onDragStart={(event) => {
                event.dataTransfer.setData(PALETTE_MIME, node.type);
                event.dataTransfer.effectAllowed = 'move';
              }}
              onClick={() => onAdd(node.type)}
            >
              <CatalogIcon name={node.icon} />
              <span className="palette__title">{node.title}</span>
            </button>
          ))}
        </section>
      ))}
    </aside>
  );
}
