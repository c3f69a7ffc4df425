export * from './health';
export * from './catalog';
export * from './integrations';
export * from './expressions';
export * from './flow';
export * from './api';
export * from './templates';
export * from './redaction';
