import type { TeamMembership, User } from '@hookflow/shared';
import { create } from 'zustand';
import { setCsrfToken } from '../api/client';

export const TEAM_STORAGE_KEY = 'hookflow.team';

/**
 * `unknown` until /api/me answers: the session itself is an HttpOnly cookie this code cannot see
 * (on purpose: no page script can read it), so only the server can say whether it is still live.
 */
export type SessionStatus = 'unknown' | 'signed-in' | 'signed-out';

export interface SessionState {
  status: SessionStatus;
  user: User | null;
  teams: TeamMembership[];
  teamId: string | null;
  signIn: (csrfToken: string, user: User, teams: TeamMembership[], teamId?: string) => void;
  setProfile: (user: User, teams: TeamMembership[], csrfToken?: string) => void;
  switchTeam: (teamId: string) => void;
  /** Forgets the session here; the server clears the cookie at log-out. */
  signOut: () => void;
}

/** The signed-in user; only the chosen team survives page loads in localStorage. */
export const useSession = create<SessionState>()((set, get) => ({
  status: 'unknown',
  user: null,
  teams: [],
  teamId: localStorage.getItem(TEAM_STORAGE_KEY),
  signIn: (csrfToken, user, teams, teamId) => {
    if (teamId) get().switchTeam(teamId);
    get().setProfile(user, teams, csrfToken);
  },
  setProfile: (user, teams, csrfToken) => {
    if (csrfToken) setCsrfToken(csrfToken);
    const current = get().teamId;
    const teamId = teams.some((team) => team.id === current) ? current : (teams[0]?.id ?? null);
    if (teamId) localStorage.setItem(TEAM_STORAGE_KEY, teamId);
    set({ status: 'signed-in', user, teams, teamId });
  },
  switchTeam: (teamId) => {
    localStorage.setItem(TEAM_STORAGE_KEY, teamId);
    set({ teamId });
  },
  signOut: () => {
    setCsrfToken(null);
    set({ status: 'signed-out', user: null, teams: [] });
  },
}));

/** The current team's id; only called under the route guard, which loads the teams first. */
export function useTeamId(): string {
  const teamId = useSession((state) => state.teamId);
  if (!teamId) throw new Error('No team selected');
  return teamId;
}
