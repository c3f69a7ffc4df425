import { templateRequirements, type Template } from '@hookflow/shared';
import { useMemo } from 'react';
import { NodeIcon } from '../catalog/node-icon';
import { credentialTypesLabel, nodeTitle } from './catalog-labels';

export interface TemplateCardProps {
  template: Template;
  error?: string;
  onUse: () => void;
  onDownload: () => void;
  onDelete?: () => void;
}

/** One template: what it does, its steps (by palette title), and what it needs before it runs. */
export function TemplateCard({ template, error, onUse, onDownload, onDelete }: TemplateCardProps) {
  const needs = useMemo(() => templateRequirements(template.document), [template]);
  const headingId = `template-${template.id}`;
  return (
    <article className="template-card" aria-labelledby={headingId}>
      <header className="template-card__header">
        <h3 id={headingId}>{template.name}</h3>
        {template.builtIn && <span className="badge">Built-in</span>}
      </header>
      {template.description && <p className="template-card__description">{template.description}</p>}
      <ol className="template-card__steps" aria-label="Steps">
        {template.document.definition.nodes.map((node) => (
          <li key={node.id} title={node.name}>
            <NodeIcon type={node.type} size={14} />
            {nodeTitle(node.type)}
          </li>
        ))}
      </ol>
      <div className="template-card__needs">
        <span className="template-card__label">Needs</span>
        {needs.credentials.length + needs.secrets.length === 0 ? (
          <span className="muted">nothing: ready to use</span>
        ) : (
          <ul aria-label="Needs">
            {needs.credentials.map((need) => (
              <li key={need.nodeId} className="chip">
                {credentialTypesLabel(need.credentialTypes)}
              </li>
            ))}
            {needs.secrets.map((need) => (
              <li key={`${need.nodeId}:${need.field}`} className="chip">
                {need.label} ({need.nodeName})
              </li>
            ))}
          </ul>
        )}
      </div>
      {error && <span className="field__error">{error}</span>}
      <footer className="template-card__actions">
        <button type="button" className="button button--small button--primary" onClick={onUse}>
          Use template
        </button>
        <button type="button" className="button button--small" onClick={onDownload}>
          Download JSON
        </button>
        {onDelete && (
          <button type="button" className="button button--small button--danger" onClick={onDelete}>
            Delete
          </button>
        )}
      </footer>
    </article>
  );
}
