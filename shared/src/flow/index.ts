export * from './flow-definition.schema';
export * from './flow-issue';
export * from './flow-graph';
export * from './validate-flow-definition';
export * from './flow-operations';
export * from './default-definition';
