import { getCredentialDescription } from '@hookflow/shared';
import { useState } from 'react';
import { Dialog } from '../app/dialog';
import type { CredentialFieldProps } from '../forms/credential-field-slot';
import { usePicker } from '../forms/picker-context';
import { CredentialForm } from './credential-form';
import { useCredentials } from './use-credentials';

/** The credential picker as the props form's credential slot renders it. */
export const renderCredentialField = (props: CredentialFieldProps) => (
  <CredentialField {...props} />
);

/** Picks a stored credential of the accepted types, or creates one inline. */
export function CredentialField({ id, credentialTypes, value, onChange }: CredentialFieldProps) {
  const { teamId } = usePicker();
  const { credentials, error, reload } = useCredentials(teamId);
  const [creating, setCreating] = useState(false);
  const usable = (credentials ?? []).filter((credential) =>
    credentialTypes.includes(credential.type),
  );

  return (
    <div className="credential-field">
      <div className="credential-field__row">
        <select id={id} value={value} onChange={(event) => onChange(event.target.value)}>
          <option value="">{usable.length ? '— none —' : 'No matching credential yet'}</option>
          {/* Deleted since it was picked: say so rather than show its id or a silent "none". */}
          {value && credentials && !credentials.some((credential) => credential.id === value) && (
            <option value={value}>A deleted credential: pick another</option>
          )}
          {usable.map((credential) => (
            <option key={credential.id} value={credential.id}>
              {credential.name} (
              {getCredentialDescription(credential.type)?.title ?? credential.type})
            </option>
          ))}
        </select>
        {teamId && (
          <button type="button" className="button button--small" onClick={() => setCreating(true)}>
            Create new
          </button>
        )}
      </div>
      {error && <span className="field__error">{error.message}</span>}
      {creating && teamId && (
        <Dialog title="New credential" onClose={() => setCreating(false)}>
          <CredentialForm
            teamId={teamId}
            types={credentialTypes}
            onCancel={() => setCreating(false)}
            onSaved={(credential) => {
              setCreating(false);
              void reload();
              onChange(credential.id);
            }}
          />
        </Dialog>
      )}
    </div>
  );
}
