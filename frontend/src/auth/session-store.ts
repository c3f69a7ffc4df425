import type { TeamMembership, User } from '@hookflow/shared';
import { create } from 'zustand';
import { TOKEN_STORAGE_KEY } from '../api/client';

export const TEAM_STORAGE_KEY = 'hookflow.team';

export interface SessionState {
  token: string | null;
  user: User | null;
  teams: TeamMembership[];
  teamId: string | null;
  signIn: (token: string, user: User, teams: TeamMembership[], teamId?: string) => void;
  setProfile: (user: User, teams: TeamMembership[]) => void;
  switchTeam: (teamId: string) => void;
  signOut: () => void;
}

/** The signed-in user; the token and the chosen team survive page loads in localStorage. */
export const useSession = create<SessionState>()((set, get) => ({
  token: localStorage.getItem(TOKEN_STORAGE_KEY),
  user: null,
  teams: [],
  teamId: localStorage.getItem(TEAM_STORAGE_KEY),
  signIn: (token, user, teams, teamId) => {
    localStorage.setItem(TOKEN_STORAGE_KEY, token);
    set({ token });
    if (teamId) get().switchTeam(teamId);
    get().setProfile(user, teams);
  },
  setProfile: (user, teams) => {
    const current = get().teamId;
    const teamId = teams.some((team) => team.id === current) ? current : (teams[0]?.id ?? null);
    if (teamId) localStorage.setItem(TEAM_STORAGE_KEY, teamId);
    set({ user, teams, teamId });
  },
  switchTeam: (teamId) => {
    localStorage.setItem(TEAM_STORAGE_KEY, teamId);
    set({ teamId });
  },
  signOut: () => {
    localStorage.removeItem(TOKEN_STORAGE_KEY);
    set({ token: null, user: null, teams: [] });
  },
}));

/** The current team's id; only called under the route guard, which loads the teams first. */
export function useTeamId(): string {
  const teamId = useSession((state) => state.teamId);
  if (!teamId) throw new Error('No team selected');
  return teamId;
}
