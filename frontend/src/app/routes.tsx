import { Navigate, type RouteObject } from 'react-router';
import { AuthPage } from '../auth/auth-page';
import { RequireAuth } from '../auth/require-auth';
import { FlowListPage } from '../flows/flow-list-page';
import { HelpPage } from '../help/help-page';
import { AppLayout } from './app-layout';
import { NotFoundPage } from './not-found-page';
import { RouteErrorPage } from './route-error-page';

/** Route table; shared by the browser router and tests (which use a memory router). */
export const routes: RouteObject[] = [
  {
    element: <AppLayout />,
    children: [
      {
        // Pages that fail render their error inside the layout, so the top bar stays usable.
        errorElement: <RouteErrorPage />,
        // While a lazy page loads on first visit.
        hydrateFallbackElement: <p className="loading">Loading…</p>,
        children: [
          { path: 'login', element: <AuthPage mode="login" /> },
          { path: 'signup', element: <AuthPage mode="signup" /> },
          { path: 'help', element: <HelpPage /> },
          {
            element: <RequireAuth />,
            children: [
              { index: true, element: <Navigate to="/flows" replace /> },
              { path: 'flows', element: <FlowListPage /> },
              {
                path: 'flows/:flowId',
                // React Flow is most of the bundle; load it only when a canvas is opened.
                lazy: async () => ({
                  Component: (await import('../editor/canvas-page')).CanvasPage,
                }),
              },
              {
                path: 'templates',
                lazy: async () => ({
                  Component: (await import('../templates/templates-page')).TemplatesPage,
                }),
              },
              {
                path: 'runs',
                lazy: async () => ({ Component: (await import('../runs/runs-page')).RunsPage }),
              },
              {
                path: 'credentials',
                lazy: async () => ({
                  Component: (await import('../credentials/credentials-page')).CredentialsPage,
                }),
              },
              {
                path: 'team',
                lazy: async () => ({
                  Component: (await import('../teams/team-settings-page')).TeamSettingsPage,
                }),
              },
              { path: '*', element: <NotFoundPage /> },
            ],
          },
        ],
      },
    ],
  },
];
