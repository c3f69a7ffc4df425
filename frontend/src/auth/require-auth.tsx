import { useEffect, useState } from 'react';
import { Navigate, Outlet, useLocation } from 'react-router';
import { ApiError } from '../api/client';
import { authApi } from '../api/endpoints';
import { useSession } from './session-store';

/** Route guard: anonymous users go to /login; signed-in ones get their profile and teams first. */
export function RequireAuth() {
  const status = useSession((state) => state.status);
  const user = useSession((state) => state.user);
  const hasTeam = useSession((state) => state.teamId !== null);
  const location = useLocation();
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (status === 'signed-out' || user) return;
    const controller = new AbortController();
    // Without a session cookie /api/me can only answer 401: go to the log-in page without asking.
    authApi
      .sessionStatus(controller.signal)
      .then(async ({ hasSessionCookie }) => {
        if (!hasSessionCookie) return useSession.getState().signOut();
        const { user: me, teams, csrfToken } = await authApi.me(controller.signal);
        useSession.getState().setProfile(me, teams, csrfToken);
      })
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
  // Team pages need a team; someone removed from their last one is told, not shown a crash.
  if (!hasTeam)
    return (
      <p className="form-error page" role="alert">
        You are not a member of any team. Ask a team owner to invite you.
      </p>
    );
  return <Outlet />;
}
