export * from './as-step-failure.js';
export * from './execution-plan.js';
export * from './flow-graph.js';
export * from './http-failure.js';
export * from './node-handler.js';
export * from './retry-policy.js';
export * from './step-config.js';
export * from './step-failure.js';
