import type { Template } from '@hookflow/shared';
import { useState } from 'react';
import { Link } from 'react-router';
import type { ApiError } from '../api/client';
import type { FlowView } from '../api/endpoints';
import { Dialog } from '../app/dialog';
import { useFlowStoreApi } from '../editor/flow-store-context';
import { RefusalDetails, SECRETS_INTRO } from './refusal-details';
import { downloadTemplate } from './template-files';
import { templatesApi } from './templates-api';

export interface FlowTemplateActionsProps {
  teamId: string;
  flow: FlowView;
  /** Saves pending edits first: the server exports the stored draft. */
  flush: () => Promise<void>;
}

/**
 * The editor toolbar's "Save as template" and "Export JSON". When the server's secret scanner
 * refuses, the findings are listed by node and field and marked on the canvas.
 */
export function FlowTemplateActions({ teamId, flow, flush }: FlowTemplateActionsProps) {
  const store = useFlowStoreApi();
  const [dialog, setDialog] = useState<'save' | 'export' | null>(null);
  const [name, setName] = useState(flow.name);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState<Template | null>(null);

  const attempt = async (action: () => Promise<void>, onRefused?: () => void) => {
    setBusy(true);
    setError(null);
    try {
      await flush();
      await action();
    } catch (caught) {
      const apiError = caught as ApiError;
      // The findings name nodes: the canvas shows them as badges, like publish issues.
      if (apiError.issues?.length) store.getState().setIssues(apiError.issues);
      setError(apiError);
      onRefused?.();
    } finally {
      setBusy(false);
    }
  };

  const close = () => setDialog(null);

  return (
    <>
      <button
        type="button"
        className="button button--small"
        onClick={() => {
          setName(flow.name);
          setSaved(null);
          setError(null);
          setDialog('save');
        }}
      >
        Save as template
      </button>
      <button
        type="button"
        className="button button--small"
        disabled={busy}
        onClick={() =>
          void attempt(
            async () => downloadTemplate(await templatesApi.exportFlow(teamId, flow.id)),
            () => setDialog('export'),
          )
        }
      >
        Export JSON
      </button>
      {dialog === 'save' && (
        <Dialog title={saved ? 'Saved as a template' : 'Save as template'} onClose={close}>
          {saved ? (
            <p className="template-actions__saved">
              “{saved.name}” is in your team’s <Link to="/templates">templates</Link>.
            </p>
          ) : (
            <>
              <p className="muted">
                Credentials, secret fields and the trigger URL stay out; the template lists the
                credentials a copy needs.
              </p>
              <div className="field">
                <label className="field__label" htmlFor="template-name">
                  Template name
                </label>
                <input
                  id="template-name"
                  value={name}
                  onChange={(event) => setName(event.target.value)}
                />
              </div>
            </>
          )}
          {error && <RefusalDetails error={error} intro={SECRETS_INTRO} />}
          <div className="dialog__actions">
            <button type="button" className="button" onClick={close}>
              {saved ? 'Close' : 'Cancel'}
            </button>
            {!saved && (
              <button
                type="button"
                className="button button--primary"
                disabled={busy}
                onClick={() =>
                  void attempt(async () =>
                    setSaved(await templatesApi.saveFlow(teamId, flow.id, name.trim())),
                  )
                }
              >
                {busy ? 'Saving…' : 'Save template'}
              </button>
            )}
          </div>
        </Dialog>
      )}
      {dialog === 'export' && error && (
        <Dialog title="This flow cannot be exported yet" onClose={close}>
          <RefusalDetails error={error} intro={SECRETS_INTRO} />
          <div className="dialog__actions">
            <button type="button" className="button" onClick={close}>
              Close
            </button>
          </div>
        </Dialog>
      )}
    </>
  );
}
