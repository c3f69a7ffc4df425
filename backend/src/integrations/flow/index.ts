import { flowIntegration } from '@hookflow/shared';
import { implementIntegration } from '../implement-integration.js';
import { flowDelayHandler } from './flow-delay.node.js';

export const flowImplementation = implementIntegration(flowIntegration, {
  handlers: [flowDelayHandler],
});
