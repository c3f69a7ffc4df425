export * from './expression-context';
export * from './expression-error';
export * from './template';
export * from './compile-template';
export * from './resolve-config';
