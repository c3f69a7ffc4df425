import { NavLink, Outlet, useNavigate } from 'react-router';
import { TeamSwitcher } from '../auth/team-switcher';
import { useSession } from '../auth/session-store';
import { ReadinessIndicator } from './readiness-indicator';

export function AppLayout() {
  const user = useSession((state) => state.user);
  const navigate = useNavigate();
  return (
    <div className="app">
      <header className="topbar">
        <NavLink to="/flows" className="topbar__brand">
          <span className="topbar__logo" aria-hidden="true">
            ⚡
          </span>
          Hookflow
        </NavLink>
        <nav className="topbar__nav" aria-label="Main">
          {user && (
            <>
              <NavLink to="/flows" className="topbar__link">
                Flows
              </NavLink>
              <NavLink to="/runs" className="topbar__link">
                Runs
              </NavLink>
              <NavLink to="/credentials" className="topbar__link">
                Credentials
              </NavLink>
              <NavLink to="/templates" className="topbar__link">
                Templates
              </NavLink>
              <NavLink to="/team" className="topbar__link">
                Team
              </NavLink>
            </>
          )}
        </nav>
        {user && <TeamSwitcher />}
        <ReadinessIndicator />
        {user && (
          <button
            type="button"
            className="button button--small"
            title={user.email}
            onClick={() => {
              useSession.getState().signOut();
              void navigate('/login');
            }}
          >
            Log out
          </button>
        )}
      </header>
      <main className="app__main">
        <Outlet />
      </main>
    </div>
  );
}
