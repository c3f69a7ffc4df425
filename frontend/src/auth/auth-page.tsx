import { useState, type FormEvent } from 'react';
import { Link, Navigate, useLocation, useNavigate } from 'react-router';
import { ApiError } from '../api/client';
import { authApi } from '../api/endpoints';
import { useSession } from './session-store';

/** Log-in and sign-up share one form; sign-up adds the name and creates a personal team. */
export function AuthPage({ mode }: { mode: 'login' | 'signup' }) {
  const user = useSession((state) => state.user);
  const navigate = useNavigate();
  const location = useLocation();
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const from = (location.state as { from?: string } | null)?.from ?? '/flows';

  if (user) return <Navigate to={from} replace />;

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const email = String(form.get('email'));
    const password = String(form.get('password'));
    setBusy(true);
    setError(null);
    try {
      const result =
        mode === 'signup'
          ? await authApi.signup({ email, password, name: String(form.get('name')) })
          : await authApi.login({ email, password });
      // Log-in does not return teams: fetch them before signing in, because signing in renders
      // the page the user came from, which may need a team (an editor address).
      const { user: me, teams } = result.team
        ? { user: result.user, teams: [{ ...result.team, role: 'owner' as const }] }
        : await authApi.me();
      useSession.getState().signIn(result.csrfToken ?? '', me, teams, result.team?.id);
      void navigate(from, { replace: true });
    } catch (caught) {
      setError(
        caught instanceof ApiError
          ? caught
          : new ApiError({ statusCode: 0, error: '', message: String(caught) }),
      );
    } finally {
      setBusy(false);
    }
  };

  const fieldError = (field: string) =>
    error?.issues?.find((issue) => issue.field === field)?.message;

  return (
    <section className="auth">
      <form className="auth__card" onSubmit={(event) => void submit(event)}>
        <h1>{mode === 'signup' ? 'Create your Hookflow account' : 'Log in to Hookflow'}</h1>
        {mode === 'signup' && (
          <label className="field">
            <span className="field__label">Name</span>
            <input name="name" required autoComplete="name" />
          </label>
        )}
        <label className="field">
          <span className="field__label">E-mail</span>
          {/* "username", not "email": the address is the account's name, which password
              managers file the password under. */}
          <input name="email" type="email" required autoComplete="username" />
          {fieldError('email') && <span className="field__error">{fieldError('email')}</span>}
        </label>
        <label className="field">
          <span className="field__label">Password</span>
          <input
            name="password"
            type="password"
            required
            minLength={mode === 'signup' ? 10 : undefined}
            autoComplete={mode === 'signup' ? 'new-password' : 'current-password'}
          />
          {fieldError('password') && <span className="field__error">{fieldError('password')}</span>}
          {mode === 'signup' && (
            <span className="field__hint">At least 10 characters, not a common password.</span>
          )}
        </label>
        {error && (
          <p className="form-error" role="alert">
            {error.message}
          </p>
        )}
        <button type="submit" className="button button--primary" disabled={busy}>
          {mode === 'signup' ? 'Sign up' : 'Log in'}
        </button>
        {mode === 'signup' ? (
          <p className="auth__switch">
            Already have an account? <Link to="/login">Log in</Link>
          </p>
        ) : (
          <p className="auth__switch">
            New here? <Link to="/signup">Create an account</Link>
          </p>
        )}
      </form>
    </section>
  );
}
