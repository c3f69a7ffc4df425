export * from './define-node';
export * from './props';
export * from './infer-props';
export * from './props-to-zod';
export * from './node-config-schema';
export * from './catalog';
