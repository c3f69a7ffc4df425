import { flowDelayNode } from '@hookflow/shared';
import { StepFailure } from '../../engine/step-failure.js';
import { implementNode } from '../implement-node.js';

/**
 * Computes when the branch continues; the engine parks it as a delayed job. With both fields
 * set, the later moment wins; a moment already past continues at once.
 */
export const flowDelayHandler = implementNode(flowDelayNode, {
  run: async ({ config }) => {
    const now = Date.now();
    const moments = [now];
    if (config.ms !== undefined) moments.push(now + config.ms);
    if (config.until) {
      const until = Date.parse(config.until);
      if (Number.isNaN(until)) {
        throw new StepFailure(`"${config.until}" is not a date and time (ISO 8601 expected)`, {
          code: 'CONFIG',
          retryable: false,
        });
      }
      moments.push(until);
    }
    const resumeAt = new Date(Math.max(...moments));
    return { output: { resumeAt: resumeAt.toISOString() }, resumeAt };
  },
});
