import type { TeamMember } from '@hookflow/shared';
import { useCallback, useEffect, useState } from 'react';
import { ApiError } from '../api/client';
import { teamsApi } from '../api/endpoints';

/** The members of a team, with a reload for after inviting, re-roling or removing one. */
export function useTeamMembers(teamId: string) {
  // Kept with the team they belong to, so another team's list never shows after a switch.
  const [loaded, setLoaded] = useState<{ teamId: string; members: TeamMember[] } | null>(null);
  const [error, setError] = useState<ApiError | null>(null);

  const reload = useCallback(
    () =>
      teamsApi.members(teamId).then(
        (members) => {
          setLoaded({ teamId, members });
          setError(null);
        },
        (caught: unknown) => setError(caught as ApiError),
      ),
    [teamId],
  );

  useEffect(() => {
    void reload();
  }, [reload]);

  return { members: loaded?.teamId === teamId ? loaded.members : null, error, reload };
}
