export * from './template-document.schema';
export * from './secret-scanner';
export * from './flow-to-template';
export * from './templates.api';
export * from './built-in';
