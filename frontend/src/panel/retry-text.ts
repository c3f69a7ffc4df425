import type { NodeRetryPolicy } from '@hookflow/shared';

const units: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** `5000` → `5s`, `5_400_000` → `90m`: the largest unit that divides the wait exactly. */
export function formatWait(ms: number): string {
  for (const unit of ['d', 'h', 'm', 's'] as const) {
    if (ms >= units[unit] && ms % units[unit] === 0) return `${ms / units[unit]}${unit}`;
  }
  return `${ms}ms`;
}

/** `"5s, 5m, 30m, 2h"` → waits in ms, or the first entry that is not a duration. */
export function parseWaits(text: string): { waits: number[] } | { error: string } {
  const waits: number[] = [];
  for (const entry of text.split(',').map((part) => part.trim())) {
    const match = /^(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)$/.exec(entry);
    if (!match) {
      return { error: `“${entry}” is not a wait like 30s, 5m or 2h` };
    }
    waits.push(Math.round(Number(match[1]) * units[match[2]]));
  }
  return { waits };
}

/** One line for the panel: what happens when this step fails. */
export function describeRetry(retry: NodeRetryPolicy | undefined): string {
  if (!retry) return '3 tries, exponential backoff from 1s, with jitter';
  if (retry.backoff === 'schedule') {
    return `${retry.schedule.length + 1} tries, waiting ${retry.schedule.map(formatWait).join(', ')}`;
  }
  if (retry.attempts === 1) return 'No retries';
  const kind = retry.backoff === 'fixed' ? 'every' : 'exponential backoff from';
  return `${retry.attempts} tries, ${kind} ${formatWait(retry.delayMs)}`;
}
