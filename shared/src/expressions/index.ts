export * from './expression-context';
export * from './expression-error';
export * from './expression-limits';
export * from './template';
export * from './compile-template';
export { NEEDS_JSONATA, plainPathOf, readPlainPath } from './path-expression';
export * from './resolve-config';
