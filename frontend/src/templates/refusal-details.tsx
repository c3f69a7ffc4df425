import type { ApiError } from '../api/client';

/**
 * An API refusal: each issue on its own line, naming node and field (the secret scanner's
 * findings, a credential of the wrong type…), or the message when there are no issues.
 */
export function RefusalDetails({ error, intro }: { error: ApiError | Error; intro?: string }) {
  const issues = 'issues' in error ? (error.issues ?? []) : [];
  return (
    <div className="form-error" role="alert">
      {issues.length > 0 ? (
        <>
          <p>{intro ?? 'The server refused this:'}</p>
          <ul aria-label="Problems">
            {issues.map((issue, index) => (
              <li key={`${issue.nodeId ?? ''}:${issue.field ?? ''}:${index}`}>{issue.message}</li>
            ))}
          </ul>
        </>
      ) : (
        <p>{error.message}</p>
      )}
    </div>
  );
}

/** What to say above the scanner's findings when an export or save is refused. */
export const SECRETS_INTRO =
  'These values look like secrets. Move each into a credential (Credentials page, then pick it in the step) and try again:';
