import { logicIntegration } from '@hookflow/shared';
import { implementIntegration } from '../implement-integration.js';
import { logicFilterHandler } from './logic-filter.node.js';
import { logicIfHandler } from './logic-if.node.js';

export const logicImplementation = implementIntegration(logicIntegration, {
  handlers: [logicFilterHandler, logicIfHandler],
});
