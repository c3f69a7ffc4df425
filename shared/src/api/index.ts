export * from './api-error';
export * from './auth.api';
export * from './teams.api';
export * from './flows.api';
export * from './executions.api';
export * from './deliveries.api';
export * from './credentials.api';
export * from './catalog.api';
