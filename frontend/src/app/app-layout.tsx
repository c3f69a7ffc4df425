import { NavLink, Outlet } from 'react-router';
import { ReadinessIndicator } from './readiness-indicator';

export function AppLayout() {
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
          <NavLink to="/flows" className="topbar__link">
            Flows
          </NavLink>
        </nav>
        <ReadinessIndicator />
      </header>
      <main className="app__main">
        <Outlet />
      </main>
    </div>
  );
}
