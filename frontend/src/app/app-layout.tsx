import { CircleHelp } from 'lucide-react';
import { NavLink, Outlet } from 'react-router';
import { LogOutButtons } from '../auth/log-out-buttons';
import { TeamSwitcher } from '../auth/team-switcher';
import { useSession } from '../auth/session-store';
import { ReadinessIndicator } from './readiness-indicator';

export function AppLayout() {
  const user = useSession((state) => state.user);
  return (
    <div className="app">
      <header className="topbar">
        <NavLink to="/flows" className="topbar__brand">
          <span className="topbar__logo" aria-hidden="true">
            ⚡
          </span>
          <span className="topbar__brand-name">Hookflow</span>
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
        <NavLink to="/help" className="topbar__link topbar__help" aria-label="Help" title="Help">
          <CircleHelp size={18} aria-hidden="true" />
        </NavLink>
        {user && <TeamSwitcher />}
        <ReadinessIndicator />
        {user && <LogOutButtons email={user.email} />}
      </header>
      <main className="app__main">
        <Outlet />
      </main>
    </div>
  );
}
