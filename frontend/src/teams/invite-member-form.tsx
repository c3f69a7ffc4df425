import { teamRoles, type TeamMember, type TeamRole } from '@hookflow/shared';
import { useState, type FormEvent } from 'react';
import { ApiError } from '../api/client';
import { teamsApi } from '../api/endpoints';
import { ROLE_HINTS, ROLE_LABELS } from './team-roles';

type Field = 'email' | 'role';

/** Splits an API error into messages for the form's fields and one for the rest. */
function describeError(error: ApiError): {
  fields: Partial<Record<Field, string>>;
  other?: string;
} {
  const fields: Partial<Record<Field, string>> = {};
  for (const issue of error.issues ?? []) {
    if (issue.field === 'email' || issue.field === 'role') fields[issue.field] ??= issue.message;
  }
  // 404 and 409 name the field in the message alone: `field "email": no Hookflow account uses …`.
  const named = /^field "(email|role)": (.*)$/s.exec(error.message);
  if (named) fields[named[1] as Field] ??= named[2];
  return Object.keys(fields).length ? { fields } : { fields, other: error.message };
}

/** Adds an existing Hookflow user to the team by e-mail, with a role. Owners only. */
export function InviteMemberForm({
  teamId,
  onInvited,
}: {
  teamId: string;
  onInvited: (member: TeamMember) => void;
}) {
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<TeamRole>('editor');
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const problems = error ? describeError(error) : { fields: {} };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const member = await teamsApi.addMember(teamId, { email: email.trim(), role });
      setEmail('');
      onInvited(member);
    } catch (caught) {
      setError(caught as ApiError);
    } finally {
      setBusy(false);
    }
  };

  const fieldClass = (field: Field) => `field${problems.fields[field] ? ' field--invalid' : ''}`;
  return (
    <form
      className="team-invite"
      onSubmit={(event) => void submit(event)}
      aria-label="Invite a member"
    >
      <div className={fieldClass('email')}>
        <label className="field__label" htmlFor="invite-email">
          E-mail
        </label>
        <input
          id="invite-email"
          type="email"
          value={email}
          required
          placeholder="teammate@example.com"
          aria-invalid={problems.fields.email ? true : undefined}
          aria-describedby={problems.fields.email ? 'invite-email-error' : undefined}
          onChange={(event) => setEmail(event.target.value)}
        />
        {problems.fields.email && (
          <span className="field__error" id="invite-email-error">
            {problems.fields.email}
          </span>
        )}
      </div>
      <div className={fieldClass('role')}>
        <label className="field__label" htmlFor="invite-role">
          Role
        </label>
        <select
          id="invite-role"
          value={role}
          onChange={(event) => setRole(event.target.value as TeamRole)}
        >
          {teamRoles.map((option) => (
            <option key={option} value={option}>
              {ROLE_LABELS[option]}
            </option>
          ))}
        </select>
        {problems.fields.role && <span className="field__error">{problems.fields.role}</span>}
      </div>
      <button type="submit" className="button button--primary team-invite__submit" disabled={busy}>
        {busy ? 'Inviting…' : 'Invite'}
      </button>
      <p className="field__hint team-invite__hint">
        {ROLE_LABELS[role]}: {ROLE_HINTS[role].toLowerCase()}. They need a Hookflow account: use the
        e-mail they signed up with.
      </p>
      {problems.other && (
        <p className="form-error team-invite__hint" role="alert">
          {problems.other}
        </p>
      )}
    </form>
  );
}
