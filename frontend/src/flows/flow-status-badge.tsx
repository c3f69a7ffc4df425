import type { FlowInfo } from '@hookflow/shared';

/**
 * A flow's status where it shows: a published flow whose draft was edited since says so, since
 * its trigger URL still runs the published version.
 */
export function FlowStatusBadge({
  flow,
}: {
  flow: Pick<FlowInfo, 'status' | 'hasUnpublishedChanges'>;
}) {
  const changed = flow.status === 'published' && flow.hasUnpublishedChanges;
  return (
    <span
      className={`badge badge--${changed ? 'changed' : flow.status}`}
      title={
        changed ? 'The draft differs from the live version: publish to put it live' : undefined
      }
    >
      {changed ? 'unpublished changes' : flow.status}
    </span>
  );
}
