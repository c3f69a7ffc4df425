import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { transformSync } from '@swc/core';

const SHARED_SOURCE = new URL('../../../shared/src/', import.meta.url);
// `@hookflow/shared` and deep imports of its build (`@hookflow/shared/dist/x/index.js`).
const SHARED_IMPORT = /^@hookflow\/shared(?:\/dist\/(.+)\.js)?$/;

function sourceOf(specifier, parentURL) {
  const candidates = specifier.endsWith('.js')
    ? [specifier.replace(/\.js$/, '.ts')]
    : [`${specifier}.ts`, `${specifier}/index.ts`];
  return candidates
    .map((candidate) => new URL(candidate, parentURL))
    .find((url) => existsSync(fileURLToPath(url)))?.href;
}

export async function resolve(specifier, context, next) {
  const shared = SHARED_IMPORT.exec(specifier);
  if (shared)
    return { url: new URL(`${shared[1] ?? 'index'}.ts`, SHARED_SOURCE).href, shortCircuit: true };
  const fromTypeScript = context.parentURL?.endsWith('.ts');
  const relative = specifier.startsWith('./') || specifier.startsWith('../');
  const url = fromTypeScript && relative ? sourceOf(specifier, context.parentURL) : undefined;
  return url ? { url, shortCircuit: true } : next(specifier, context);
}

export async function load(url, context, next) {
  if (!url.endsWith('.ts')) return next(url, context);
  const { code } = transformSync(readFileSync(fileURLToPath(url), 'utf8'), {
    filename: fileURLToPath(url),
    jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
    module: { type: 'es6' },
    sourceMaps: 'inline',
  });
  return { format: 'module', source: code, shortCircuit: true };
}
