import { teamRoles, type TeamMember, type TeamRole } from '@hookflow/shared';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { ApiError } from '../api/client';
import { authApi, teamsApi } from '../api/endpoints';
import { useConfirm } from '../app/confirm-dialog';
import { useSession, useTeamId } from '../auth/session-store';
import { InviteMemberForm } from './invite-member-form';
import { ROLE_HINTS, ROLE_LABELS } from './team-roles';
import { useTeamMembers } from './use-team-members';

const LAST_OWNER_HINT =
  'You are the last owner: make another member owner first, then you can leave.';

/** Roles live in the session too (they decide what every page offers): re-read them after a change. */
async function refreshProfile() {
  const me = await authApi.me();
  useSession.getState().setProfile(me.user, me.teams);
}

/** The current team's members and roles; owners invite, re-role and remove, anyone may leave. */
export function TeamSettingsPage() {
  const teamId = useTeamId();
  const navigate = useNavigate();
  const userId = useSession((state) => state.user?.id);
  const team = useSession((state) => state.teams.find((candidate) => candidate.id === teamId));
  const { members, error, reload } = useTeamMembers(teamId);
  const [rowError, setRowError] = useState<{
    userId: string;
    /** Next to the role select, or next to the Remove / Leave button. */
    place: 'role' | 'action';
    message: string;
  } | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const isOwner = team?.role === 'owner';
  const { confirm, dialog } = useConfirm();

  const act = async (
    member: TeamMember,
    place: 'role' | 'action',
    action: () => Promise<unknown>,
  ) => {
    setRowError(null);
    setNotice(null);
    try {
      await action();
      return true;
    } catch (caught) {
      setRowError({ userId: member.userId, place, message: (caught as ApiError).message });
      return false;
    }
  };

  const changeRole = async (member: TeamMember, role: TeamRole) => {
    if (!(await act(member, 'role', () => teamsApi.changeRole(teamId, member.userId, role))))
      return;
    if (member.userId === userId) await refreshProfile();
    await reload();
  };

  const remove = async (member: TeamMember) => {
    const confirmed = await confirm({
      title: `Remove ${member.name}?`,
      message: `${member.name} (${member.email}) loses access to the flows, runs and credentials of ${team?.name ?? 'this team'}.`,
      confirmLabel: 'Remove',
    });
    if (!confirmed) return;
    if (await act(member, 'action', () => teamsApi.removeMember(teamId, member.userId)))
      await reload();
  };

  const leave = async (member: TeamMember) => {
    const confirmed = await confirm({
      title: `Leave ${team?.name ?? 'this team'}?`,
      message:
        'You lose access to its flows, runs and credentials until an owner invites you again.',
      confirmLabel: 'Leave team',
    });
    if (!confirmed) return;
    if (!(await act(member, 'action', () => teamsApi.removeMember(teamId, member.userId)))) return;
    // The session moves to another team of this user.
    await refreshProfile().catch(() => undefined);
    void navigate('/flows');
  };

  const errorAt = (member: TeamMember, place: 'role' | 'action') =>
    rowError?.userId === member.userId &&
    rowError.place === place && (
      <span className="field__error" role="alert">
        {rowError.message}
      </span>
    );

  return (
    <section className="page">
      <header className="page__header">
        <div>
          <h1>Team settings</h1>
          {team && (
            <p className="muted">
              Members of {team.name}. You are {team.role === 'owner' ? 'an' : 'a'} {team.role}.
            </p>
          )}
        </div>
      </header>
      {error && (
        <p className="form-error" role="alert">
          {error.message}
        </p>
      )}
      {isOwner ? (
        <InviteMemberForm
          teamId={teamId}
          onInvited={(member) => {
            setNotice(`${member.name} joined as ${ROLE_LABELS[member.role].toLowerCase()}.`);
            void reload();
          }}
        />
      ) : (
        <p className="muted">
          Only owners can invite members, change roles and remove people; ask an owner of this team.
        </p>
      )}
      {notice && (
        <p className="muted" role="status">
          {notice}
        </p>
      )}
      {members === null && !error && <p className="loading">Loading members…</p>}
      {members && members.length <= 1 && isOwner && (
        <p className="muted">
          You are the only member so far. Invite teammates above by the e-mail of their Hookflow
          account to build flows together.
        </p>
      )}
      {members && members.length > 0 && (
        <table className="table team-members" aria-label="Members">
          <thead>
            <tr>
              <th>Name</th>
              <th>E-mail</th>
              <th>Role</th>
              <th aria-label="Actions" />
            </tr>
          </thead>
          <tbody>
            {members.map((member) => {
              const self = member.userId === userId;
              // The API refuses it (a team always keeps an owner): say so before the click.
              const lastOwner =
                member.role === 'owner' &&
                members.every((other) => other.userId === member.userId || other.role !== 'owner');
              return (
                <tr key={member.userId}>
                  <td className="table__primary">
                    {member.name}
                    {self && <span className="muted"> (you)</span>}
                  </td>
                  <td>{member.email}</td>
                  <td>
                    {isOwner ? (
                      <select
                        className="role-select"
                        aria-label={`Role of ${member.name}`}
                        value={member.role}
                        title={ROLE_HINTS[member.role]}
                        onChange={(event) =>
                          void changeRole(member, event.target.value as TeamRole)
                        }
                      >
                        {teamRoles.map((role) => (
                          <option key={role} value={role}>
                            {ROLE_LABELS[role]}
                          </option>
                        ))}
                      </select>
                    ) : (
                      <span className="badge" title={ROLE_HINTS[member.role]}>
                        {ROLE_LABELS[member.role]}
                      </span>
                    )}
                    {errorAt(member, 'role')}
                  </td>
                  <td className="table__actions">
                    {self ? (
                      <span title={lastOwner ? LAST_OWNER_HINT : undefined}>
                        <button
                          type="button"
                          className="button button--small button--danger"
                          disabled={lastOwner}
                          aria-describedby={lastOwner ? 'last-owner-hint' : undefined}
                          onClick={() => void leave(member)}
                        >
                          Leave team
                        </button>
                        {lastOwner && (
                          <span id="last-owner-hint" className="field__hint">
                            {LAST_OWNER_HINT}
                          </span>
                        )}
                      </span>
                    ) : (
                      isOwner && (
                        <button
                          type="button"
                          className="button button--small button--danger"
                          onClick={() => void remove(member)}
                        >
                          Remove
                        </button>
                      )
                    )}
                    {errorAt(member, 'action')}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {dialog}
    </section>
  );
}
