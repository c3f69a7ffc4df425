import { Link } from 'react-router';

export function NotFoundPage() {
  return (
    <section className="empty-state">
      <h1>Page not found</h1>
      <p>There is nothing at this address.</p>
      <Link to="/flows" className="button button--primary">
        Go to flows
      </Link>
    </section>
  );
}
