import { dataTransformNode } from '@hookflow/shared';
import { implementNode } from '../implement-node.js';

// The engine has already evaluated every field; the output is that object.
export const dataTransformHandler = implementNode(dataTransformNode, {
  run: async ({ config }) => ({ output: { ...config.fields } }),
});
