import type { CredentialUsage, CredentialView } from '@hookflow/shared';
import { useCallback, useEffect, useState } from 'react';
import { Link } from 'react-router';
import { ApiError } from '../api/client';
import { credentialsApi } from '../api/endpoints';
import { ConfirmDialog } from '../app/confirm-dialog';

const messageOf = (caught: unknown) =>
  caught instanceof ApiError ? caught.message : String(caught);

/**
 * Asks before deleting a credential, listing the flows that use it. When a published version
 * uses it the button says "Delete anyway" and the delete is forced (the API refuses otherwise).
 */
export function CredentialDeleteDialog({
  teamId,
  credential,
  onDeleted,
  onCancel,
}: {
  teamId: string;
  credential: CredentialView;
  onDeleted: () => void;
  onCancel: () => void;
}) {
  const [usage, setUsage] = useState<CredentialUsage | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [deleting, setDeleting] = useState(false);

  const load = useCallback(
    (signal?: AbortSignal) =>
      credentialsApi.usage(teamId, credential.id, signal).then(setUsage, (caught) => {
        if (!signal?.aborted) setError(`Could not check which flows use it: ${messageOf(caught)}`);
      }),
    [teamId, credential.id],
  );
  useEffect(() => {
    const abort = new AbortController();
    void load(abort.signal);
    return () => abort.abort();
  }, [load]);

  const live = usage?.flows.filter((use) => use.inPublished) ?? [];
  const remove = async () => {
    setDeleting(true);
    setError(null);
    try {
      await credentialsApi.remove(teamId, credential.id, live.length > 0);
      onDeleted();
    } catch (caught) {
      setDeleting(false);
      setError(messageOf(caught));
      // Published meanwhile: show the flows that now depend on it.
      if (caught instanceof ApiError && caught.statusCode === 409) void load();
    }
  };

  const message = (
    <>
      {usage === null && !error && <p className="loading">Checking which flows use it…</p>}
      {usage?.flows.length === 0 && <p>No flow uses it.</p>}
      {usage && usage.flows.length > 0 && (
        <>
          <p>
            {live.length > 0
              ? 'Published flows use it: their live runs fail from now on, until each step is given another credential.'
              : 'These drafts use it; their steps need another credential before they can run.'}
          </p>
          <ul className="credential-usage" aria-label="Flows that use it">
            {usage.flows.map((use) => (
              <li key={use.flowId}>
                <Link to={`/flows/${use.flowId}`}>{use.flowName}</Link>{' '}
                {use.inPublished ? (
                  <span className="badge badge--published">
                    published v{use.publishedVersion}
                    {use.enabled ? '' : ' (disabled)'}
                  </span>
                ) : (
                  <span className="badge badge--draft">draft</span>
                )}
              </li>
            ))}
          </ul>
        </>
      )}
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
    </>
  );

  return (
    <ConfirmDialog
      title={`Delete the credential “${credential.name}”?`}
      message={message}
      confirmLabel={live.length > 0 ? 'Delete anyway' : 'Delete credential'}
      // Until the usage is known (or failed to load), the button would not know what it does.
      confirmDisabled={deleting || (usage === null && !error)}
      onConfirm={() => void remove()}
      onCancel={onCancel}
    />
  );
}
