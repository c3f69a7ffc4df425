import { rotatableAuthTypes, rotationKeyField } from '@hookflow/shared';
import type { TriggerAuthConfig } from './types.js';

export type PreviousKey =
  { usable: true; auth: TriggerAuthConfig; until: string } | { usable: false; why: string };

/**
 * The trigger's auth with the previous secret in place of the current one, while it is still
 * accepted (`rotationEndsAt` in the future); undefined when no rotation is in progress.
 */
export function previousKeyAuth(auth: TriggerAuthConfig, now: Date): PreviousKey | undefined {
  if (!auth.previousSecret || !rotatableAuthTypes.includes(auth.type)) return undefined;
  const until = Date.parse(auth.rotationEndsAt ?? '');
  if (Number.isNaN(until)) {
    return {
      usable: false,
      why: 'the previous secret has no valid end date, so it is not accepted',
    };
  }
  const untilText = new Date(until).toISOString();
  if (now.getTime() >= until) {
    return { usable: false, why: `the previous secret stopped being accepted at ${untilText}` };
  }
  const field = rotationKeyField(auth.type);
  return { usable: true, auth: { ...auth, [field]: auth.previousSecret }, until: untilText };
}
