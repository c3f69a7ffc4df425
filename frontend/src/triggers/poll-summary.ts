import type { PollSummary } from '@hookflow/shared';

const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;

/** One poll's result in a sentence: what failed, or what was found and started. */
export function describePoll(poll: PollSummary): string {
  if (poll.error) return poll.error;
  const skipped = poll.withoutId ? `; ${plural(poll.withoutId, 'item')} without an id skipped` : '';
  if (poll.baseline && poll.new === 0) {
    return `First poll: ${plural(poll.found, 'existing item')} recorded, no run started${skipped}`;
  }
  return `${poll.status} · ${poll.found} found, ${poll.new} new · ${plural(poll.new, 'run')} started${skipped}`;
}
