import { useReadiness } from './use-readiness';

export function ReadinessIndicator() {
  const readiness = useReadiness();
  const label =
    readiness.state === 'checking'
      ? 'Checking…'
      : readiness.state === 'ready'
        ? 'Ready'
        : `Degraded: ${readiness.down.join(', ')}`;

  return (
    <div
      className={`readiness readiness--${readiness.state}`}
      role="status"
      aria-live="polite"
      title={readiness.state === 'degraded' ? readiness.details : undefined}
    >
      <span className="readiness__dot" aria-hidden="true" />
      {label}
    </div>
  );
}
