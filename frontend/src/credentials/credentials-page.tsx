import { getCredentialDescription, type CredentialView } from '@hookflow/shared';
import { useState } from 'react';
import { Dialog } from '../app/dialog';
import { useTeamId } from '../auth/session-store';
import { CredentialDeleteDialog } from './credential-delete-dialog';
import { CredentialForm } from './credential-form';
import { useCredentials } from './use-credentials';

/** The team's credentials: values are write-only, so the list shows which fields are set. */
export function CredentialsPage() {
  const teamId = useTeamId();
  const { credentials, error, reload } = useCredentials(teamId);
  const [editing, setEditing] = useState<CredentialView | 'new' | null>(null);
  const [deleting, setDeleting] = useState<CredentialView | null>(null);

  return (
    <section className="page">
      <header className="page__header">
        <h1>Credentials</h1>
        <button type="button" className="button button--primary" onClick={() => setEditing('new')}>
          New credential
        </button>
      </header>
      {error && (
        <p className="form-error" role="alert">
          {error.message}
        </p>
      )}
      {credentials?.length === 0 && (
        <div className="empty-state">
          <h2>No credentials yet</h2>
          <p>
            Store API tokens, SMTP passwords and webhook secrets here once, encrypted, and pick them
            in any step instead of pasting secrets into flows.
          </p>
          <button
            type="button"
            className="button button--primary"
            onClick={() => setEditing('new')}
          >
            New credential
          </button>
        </div>
      )}
      {credentials && credentials.length > 0 && (
        <table className="table">
          <thead>
            <tr>
              <th>Name</th>
              <th>Type</th>
              <th>Fields</th>
              <th>Updated</th>
              <th aria-label="Actions" />
            </tr>
          </thead>
          <tbody>
            {credentials.map((credential) => (
              <tr key={credential.id}>
                <td className="table__primary">{credential.name}</td>
                <td>{getCredentialDescription(credential.type)?.title ?? credential.type}</td>
                <td>
                  {Object.entries(credential.fields).map(([name, set]) => (
                    <span key={name} className={`chip${set ? ' chip--set' : ''}`}>
                      {name}: {set ? 'set' : 'empty'}
                    </span>
                  ))}
                </td>
                <td>{new Date(credential.updatedAt).toLocaleString()}</td>
                <td className="table__actions">
                  <button
                    type="button"
                    className="button button--small"
                    onClick={() => setEditing(credential)}
                  >
                    Edit
                  </button>
                  <button
                    type="button"
                    className="button button--small button--danger"
                    onClick={() => setDeleting(credential)}
                  >
                    Delete
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {editing && (
        <Dialog
          title={editing === 'new' ? 'New credential' : `Edit ${editing.name}`}
          onClose={() => setEditing(null)}
        >
          <CredentialForm
            teamId={teamId}
            existing={editing === 'new' ? undefined : editing}
            onCancel={() => setEditing(null)}
            onSaved={() => {
              setEditing(null);
              void reload();
            }}
          />
        </Dialog>
      )}
      {deleting && (
        <CredentialDeleteDialog
          teamId={teamId}
          credential={deleting}
          onCancel={() => setDeleting(null)}
          onDeleted={() => {
            setDeleting(null);
            void reload();
          }}
        />
      )}
    </section>
  );
}
