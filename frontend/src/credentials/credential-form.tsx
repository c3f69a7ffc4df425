import { credentialCatalog, getCredentialDescription, type CredentialView } from '@hookflow/shared';
import { useState, type FormEvent } from 'react';
import { ApiError } from '../api/client';
import { credentialsApi } from '../api/endpoints';
import { PropsForm, type ConfigValue } from '../forms/props-form';

export interface CredentialFormProps {
  teamId: string;
  /** Editing: the stored credential (its values are write-only, so fields start empty). */
  existing?: CredentialView;
  /** Creating: the types offered (all when omitted). */
  types?: readonly string[];
  onSaved: (credential: CredentialView) => void;
  onCancel: () => void;
}

/** Create or edit a credential; fields come from the shared credential catalog. */
export function CredentialForm({
  teamId,
  existing,
  types,
  onSaved,
  onCancel,
}: CredentialFormProps) {
  const offered = credentialCatalog.filter(
    (description) => !types || types.includes(description.type),
  );
  const [type, setType] = useState(existing?.type ?? offered[0]?.type ?? '');
  const [name, setName] = useState(existing?.name ?? '');
  const [data, setData] = useState<ConfigValue>({});
  const [error, setError] = useState<ApiError | null>(null);
  const description = getCredentialDescription(type);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    event.stopPropagation();
    try {
      const saved = existing
        ? await credentialsApi.update(teamId, existing.id, {
            name,
            // Unchanged secret fields stay as stored: only what was typed is sent.
            ...(Object.keys(data).length ? { data: { ...data } } : {}),
          })
        : await credentialsApi.create(teamId, { name, type, data });
      onSaved(saved);
    } catch (caught) {
      setError(caught as ApiError);
    }
  };

  const fieldIssues = Object.fromEntries(
    (error?.issues ?? []).map((issue) => [
      issue.field?.replace(/^data\./, '') ?? '',
      issue.message,
    ]),
  );

  return (
    <form className="credential-form" onSubmit={(event) => void submit(event)}>
      {!existing && (
        <div className="field">
          <label className="field__label" htmlFor="credential-type">
            Type
          </label>
          <select
            id="credential-type"
            value={type}
            onChange={(event) => setType(event.target.value)}
          >
            {offered.map((option) => (
              <option key={option.type} value={option.type}>
                {option.title}
              </option>
            ))}
          </select>
          {description && <span className="field__hint">{description.description}</span>}
        </div>
      )}
      <div className="field">
        <label className="field__label" htmlFor="credential-name">
          Name
        </label>
        <input
          id="credential-name"
          value={name}
          required
          // A label for the credential, not an account name for the password manager.
          autoComplete="off"
          onChange={(event) => setName(event.target.value)}
        />
      </div>
      {description && (
        <PropsForm
          props={description.fields}
          value={data}
          onChange={setData}
          idPrefix="credential"
          fieldIssues={fieldIssues}
          setFields={existing?.fields}
        />
      )}
      {error && (
        <p className="form-error" role="alert">
          {error.message}
        </p>
      )}
      <div className="dialog__actions">
        <button type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
        <button type="submit" className="button button--primary">
          {existing ? 'Save credential' : 'Create credential'}
        </button>
      </div>
    </form>
  );
}
