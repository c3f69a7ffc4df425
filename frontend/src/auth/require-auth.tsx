import { useEffect, useState } from 'react';
import { Navigate, Outlet, useLocation } from 'react-router';
import { ApiError } from '../api/client';
import { authApi } from '../api/endpoints';
import { useSession } from './session-store';

/** Route guard: anonymous users go to /login; signed-in ones get their profile and teams first. */
export function RequireAuth() {
  const status = useSession((state) => state.status);
  const user = useSession((state) => state.user);
  const location = useLocation();
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (status === 'signed-out' || user) return;
    const controller = new AbortController();
    authApi
      .me(controller.signal)
      .then(({ user: me, teams, csrfToken }) =>
        useSession.getState().setProfile(me, teams, csrfToken),
      )
      .catch((caught: unknown) => {
        if (controller.signal.aborted) return;
        // No session, or an expired or revoked one: start over at the log-in page.
        if (caught instanceof ApiError && caught.statusCode === 401)
          useSession.getState().signOut();
        else setError(caught instanceof Error ? caught.message : String(caught));
      });
    return () => controller.abort();
  }, [status, user]);

  if (status === 'signed-out')
    return <Navigate to="/login" replace state={{ from: location.pathname }} />;
  if (error) return <p className="form-error page">Could not load your account: {error}</p>;
  if (!user) return <p className="loading">Loading…</p>;
  return <Outlet />;
}
