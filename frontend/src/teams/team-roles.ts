import type { TeamRole } from '@hookflow/shared';

/** What each role may do, in the words the team page shows. */
export const ROLE_HINTS: Record<TeamRole, string> = {
  owner: 'Everything, including inviting members and changing roles',
  editor: 'Builds, publishes and runs flows; manages credentials',
  viewer: 'Sees flows, runs and credentials; changes nothing',
};

export const ROLE_LABELS: Record<TeamRole, string> = {
  owner: 'Owner',
  editor: 'Editor',
  viewer: 'Viewer',
};
