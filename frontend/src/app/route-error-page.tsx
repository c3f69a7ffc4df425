import { useRouteError } from 'react-router';

/** Shown instead of React Router's developer screen when a page throws or fails to load. */
export function RouteErrorPage() {
  const error = useRouteError();
  return (
    <section className="empty-state" role="alert">
      <h1>Something went wrong</h1>
      <p>{error instanceof Error ? error.message : 'This page could not be shown.'}</p>
      <a href="/flows" className="button button--primary">
        Reload flows
      </a>
    </section>
  );
}
