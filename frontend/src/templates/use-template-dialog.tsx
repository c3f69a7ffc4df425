import { templateRequirements, type Template } from '@hookflow/shared';
import { useMemo, useState } from 'react';
import { useNavigate } from 'react-router';
import type { ApiError } from '../api/client';
import { Dialog } from '../app/dialog';
import { CredentialField } from '../credentials/credential-field';
import { PickerContext } from '../forms/picker-context';
import { credentialTypesLabel } from './catalog-labels';
import { RefusalDetails } from './refusal-details';
import { templatesApi } from './templates-api';

const filled = <T,>(record: Record<string, T>, keep: (value: T) => boolean) =>
  Object.fromEntries(Object.entries(record).filter(([, value]) => keep(value)));

/**
 * Makes a flow from a template: a name, a credential of the right type for each placeholder
 * (pick one or create it inline), and the secrets the template left out. Opens the new flow.
 */
export function UseTemplateDialog({
  teamId,
  template,
  onClose,
}: {
  teamId: string;
  template: Template;
  onClose: () => void;
}) {
  const navigate = useNavigate();
  const needs = useMemo(() => templateRequirements(template.document), [template]);
  const [name, setName] = useState(template.name);
  const [credentials, setCredentials] = useState<Record<string, string>>({});
  const [secrets, setSecrets] = useState<Record<string, Record<string, string>>>({});
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  // The credential picker reads its team from the editor's picker context.
  const picker = useMemo(() => ({ sample: null, setTarget: () => undefined, teamId }), [teamId]);

  // A button, not a form: the inline "new credential" dialog holds a form of its own.
  const create = async () => {
    setBusy(true);
    setError(null);
    try {
      const flow = await templatesApi.use(teamId, template.id, {
        name: name.trim() || template.name,
        credentials: filled(credentials, Boolean),
        secrets: filled(
          Object.fromEntries(
            Object.entries(secrets).map(([nodeId, fields]) => [nodeId, filled(fields, Boolean)]),
          ),
          (fields) => Object.keys(fields).length > 0,
        ),
      });
      void navigate(`/flows/${flow.id}`);
    } catch (caught) {
      setError(caught as ApiError);
      setBusy(false);
    }
  };

  return (
    <Dialog title={`Use “${template.name}”`} onClose={onClose}>
      <form
        className="use-template"
        onSubmit={(event) => {
          event.preventDefault();
          void create();
        }}
      >
        <div className="field">
          <label className="field__label" htmlFor="template-flow-name">
            Flow name
          </label>
          <input
            id="template-flow-name"
            autoComplete="off"
            value={name}
            onChange={(event) => setName(event.target.value)}
          />
        </div>
        {needs.credentials.map((need) => (
          <div className="field" key={need.nodeId}>
            <label className="field__label" htmlFor={`template-credential-${need.nodeId}`}>
              {need.nodeName}: {credentialTypesLabel(need.credentialTypes)}
            </label>
            <PickerContext.Provider value={picker}>
              <CredentialField
                id={`template-credential-${need.nodeId}`}
                credentialTypes={need.credentialTypes}
                value={credentials[need.nodeId] ?? ''}
                onChange={(credentialId) =>
                  setCredentials((current) => ({ ...current, [need.nodeId]: credentialId }))
                }
              />
            </PickerContext.Provider>
          </div>
        ))}
        {needs.secrets.map((need) => (
          <div className="field" key={`${need.nodeId}:${need.field}`}>
            <label
              className="field__label"
              htmlFor={`template-secret-${need.nodeId}-${need.field}`}
            >
              {need.nodeName}: {need.label}
            </label>
            <input
              id={`template-secret-${need.nodeId}-${need.field}`}
              type="password"
              autoComplete="off"
              value={secrets[need.nodeId]?.[need.field] ?? ''}
              onChange={(event) =>
                setSecrets((current) => ({
                  ...current,
                  [need.nodeId]: { ...current[need.nodeId], [need.field]: event.target.value },
                }))
              }
            />
            <span className="field__hint">Stored encrypted with the flow.</span>
          </div>
        ))}
        <p className="muted">
          Anything left empty can be filled in later in the editor; publishing names what is
          missing.
        </p>
        {error && <RefusalDetails error={error} />}
        <div className="dialog__actions">
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button button--primary" disabled={busy}>
            {busy ? 'Creating…' : 'Create flow'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
