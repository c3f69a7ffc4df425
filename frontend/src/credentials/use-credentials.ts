import type { CredentialView } from '@hookflow/shared';
import { useCallback, useEffect, useState } from 'react';
import { ApiError } from '../api/client';
import { credentialsApi } from '../api/endpoints';

/** The team's stored credentials, with a reload for after creating or deleting one. */
export function useCredentials(teamId: string | null) {
  const [credentials, setCredentials] = useState<CredentialView[] | null>(null);
  const [error, setError] = useState<ApiError | null>(null);

  const reload = useCallback(async () => {
    if (!teamId) return;
    await credentialsApi.list(teamId).then(
      (list) => {
        setCredentials(list);
        setError(null);
      },
      (caught: unknown) => setError(caught as ApiError),
    );
  }, [teamId]);

  useEffect(() => {
    void reload();
  }, [reload]);

  return { credentials, error, reload };
}
