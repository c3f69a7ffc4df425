import { useNavigate } from 'react-router';

/** Lists the team's flows. There is no flows API yet, so this is the empty state only. */
export function FlowListPage() {
  const navigate = useNavigate();
  return (
    <section className="page">
      <header className="page__header">
        <h1>Flows</h1>
      </header>
      <div className="empty-state">
        <div className="empty-state__icon" aria-hidden="true">
          ⤳
        </div>
        <h2>No flows yet — create your first flow</h2>
        <p>
          A flow starts with a trigger, such as a webhook URL, and runs its steps every time it
          fires.
        </p>
        <button
          type="button"
          className="button button--primary"
          onClick={() => navigate('/flows/new')}
        >
          New flow
        </button>
      </div>
    </section>
  );
}
