import { getNodeDescription, type FlowNode, type FlowView } from '@hookflow/shared';
import { useMemo, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useFlowStore, useFlowStoreApi } from '../editor/flow-store-context';
import { issueText } from '../editor/issue-text';
import { PollPanel } from '../triggers/poll-panel';
import { SecretRotation } from '../triggers/secret-rotation';
import { TriggerPanel } from '../triggers/trigger-panel';
import { DataPicker } from './data-picker';
import { renderCredentialField } from '../credentials/credential-field';
import { CredentialFieldSlot } from '../forms/credential-field-slot';
import { PickerContext, type InsertTarget } from '../forms/picker-context';
import { PropsForm } from '../forms/props-form';
import { RetrySettings } from './retry-settings';
import { pickerSections, sampleContext } from './sample-data';
import { useRecordedSamples } from './use-recorded-samples';

export interface NodePanelProps {
  teamId: string;
  flow: FlowView;
  node: FlowNode;
  onOpenRun: (executionId: string) => void;
}

/** Name, config form and data picker of the selected step; the trigger adds its URLs and deliveries. */
export function NodePanel({ teamId, flow, node, onOpenRun }: NodePanelProps) {
  const description = getNodeDescription(node.type);
  const store = useFlowStoreApi();
  // Which steps exist and how they connect, but not where they sit: dragging must not redo this.
  const edges = useFlowStore((state) => state.definition.edges);
  const nodesKey = useFlowStore((state) =>
    state.definition.nodes.map((each) => `${each.id}|${each.type}|${each.name}`).join('\n'),
  );
  const sample = useFlowStore((state) => state.sample);
  const issues = useFlowStore((state) => state.issues);
  const apply = useFlowStore((state) => state.apply);
  const removeElements = useFlowStore((state) => state.removeElements);
  const [target, setTarget] = useState<InsertTarget | null>(null);
  const isTrigger = description?.category === 'trigger';
  // Only steps that talk to other systems fail in ways worth retrying.
  const canRetry = description?.category === 'action' || description?.category === 'integration';

  const recorded = useRecordedSamples(teamId, flow.id, node.id);
  // A transform's derived sample follows its fields as they are typed.
  const configs = useFlowStore(
    useShallow((state) => state.definition.nodes.map((each) => each.config)),
  );
  const sections = useMemo(
    () =>
      pickerSections(store.getState().definition, node.id, {
        session: sample,
        recorded: recorded.nodes,
        now: recorded.readAt,
      }),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- edges, nodesKey and configs stand for the definition
    [store, edges, nodesKey, configs, sample, recorded, node.id],
  );
  const picker = useMemo(
    () => ({ sample: sampleContext(sections, flow), setTarget, teamId }),
    [sections, flow, teamId],
  );
  const nodeIssues = issues.filter((issue) => issue.nodeId === node.id);
  const fieldIssues = Object.fromEntries(
    nodeIssues.filter((issue) => issue.field).map((issue) => [issue.field!, issueText(issue)]),
  );
  const generalIssues = nodeIssues.filter((issue) => !issue.field || !description);

  return (
    <PickerContext.Provider value={picker}>
      <div className="panel__section">
        <div className="field">
          <label className="field__label" htmlFor={`node-${node.id}-name`}>
            Step name
          </label>
          <input
            id={`node-${node.id}-name`}
            value={node.name}
            onChange={(event) =>
              event.target.value.trim() &&
              apply(
                [{ type: 'renameNode', nodeId: node.id, name: event.target.value }],
                `name:${node.id}`,
              )
            }
          />
          <span className="field__hint">{description?.title ?? node.type}</span>
        </div>
        {generalIssues.map((issue, index) => (
          <p key={index} className="form-error">
            {issueText(issue)}
          </p>
        ))}
      </div>
      {isTrigger &&
        (node.type === 'trigger.poll' ? (
          <PollPanel teamId={teamId} flow={flow} onOpenRun={onOpenRun} />
        ) : (
          <TriggerPanel teamId={teamId} flow={flow} onOpenRun={onOpenRun} />
        ))}
      {/* A form, as browsers expect around the password inputs of secret fields; it saves as you type. */}
      <form className="panel__section" key={node.id} onSubmit={(event) => event.preventDefault()}>
        <h3 className="panel__subheading">{isTrigger ? 'Trigger settings' : 'Configuration'}</h3>
        {description ? (
          <CredentialFieldSlot.Provider value={renderCredentialField}>
            <PropsForm
              props={description.props}
              value={node.config}
              onChange={(config) =>
                apply([{ type: 'updateNodeConfig', nodeId: node.id, config }], `config:${node.id}`)
              }
              idPrefix={`node-${node.id}`}
              fieldIssues={fieldIssues}
            />
            {node.type === 'trigger.webhook' && (
              <SecretRotation
                auth={(node.config.auth ?? {}) as Record<string, unknown>}
                onChange={(auth) =>
                  apply(
                    [
                      {
                        type: 'updateNodeConfig',
                        nodeId: node.id,
                        config: { ...node.config, auth },
                      },
                    ],
                    `config:${node.id}`,
                  )
                }
              />
            )}
          </CredentialFieldSlot.Provider>
        ) : (
          <p className="form-error">Unknown step type “{node.type}”.</p>
        )}
      </form>
      {canRetry && (
        <div className="panel__section" key={`retry-${node.id}`}>
          <h3 className="panel__subheading">Retries</h3>
          <RetrySettings
            id={`node-${node.id}-retry`}
            value={node.retry}
            typeDefault={description?.retry}
            onChange={(retry) =>
              apply([{ type: 'setNodeRetry', nodeId: node.id, retry }], `retry:${node.id}`)
            }
          />
        </div>
      )}
      {!isTrigger && (
        <div className="panel__section">
          <DataPicker
            sections={sections}
            targetLabel={target?.label ?? null}
            onInsert={(picked) => target?.insert(picked)}
          />
        </div>
      )}
      <div className="panel__section">
        <button
          type="button"
          className="button button--small button--danger"
          onClick={() => removeElements([node.id], [])}
        >
          Delete step
        </button>
      </div>
    </PickerContext.Provider>
  );
}
