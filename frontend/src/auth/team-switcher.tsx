import { useState, type FormEvent } from 'react';
import { ApiError } from '../api/client';
import { authApi } from '../api/endpoints';
import { useSession } from './session-store';

const NEW_TEAM = '__new__';

/** Picks the team every page works in, or creates a new one. */
export function TeamSwitcher() {
  const teams = useSession((state) => state.teams);
  const teamId = useSession((state) => state.teamId);
  const [creating, setCreating] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const create = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const name = String(new FormData(event.currentTarget).get('name')).trim();
    try {
      const team = await authApi.createTeam(name);
      const me = await authApi.me();
      useSession.getState().setProfile(me.user, me.teams);
      useSession.getState().switchTeam(team.id);
      setCreating(false);
      setError(null);
    } catch (caught) {
      setError(caught instanceof ApiError ? caught.message : String(caught));
    }
  };

  if (creating) {
    return (
      <form className="team-switcher" onSubmit={(event) => void create(event)}>
        <input name="name" aria-label="New team name" placeholder="Team name" required autoFocus />
        <button type="submit" className="button button--small button--primary">
          Create
        </button>
        <button type="button" className="button button--small" onClick={() => setCreating(false)}>
          Cancel
        </button>
        {error && <span className="field__error">{error}</span>}
      </form>
    );
  }

  return (
    <select
      className="team-switcher"
      aria-label="Team"
      value={teamId ?? ''}
      onChange={(event) =>
        event.target.value === NEW_TEAM
          ? setCreating(true)
          : useSession.getState().switchTeam(event.target.value)
      }
    >
      {teams.map((team) => (
        <option key={team.id} value={team.id}>
          {team.name}
        </option>
      ))}
      <option value={NEW_TEAM}>+ New team…</option>
    </select>
  );
}
