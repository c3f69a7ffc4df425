// Lets a worker thread started from TypeScript source (as Jest runs the backend) load .ts files:
// `new Worker(file, { execArgv: ['--import', <this file>] })`. Mirrors jest.config.cjs: swc
// compiles, `.js` imports find their `.ts` source, `@hookflow/shared` is its source.
import { register } from 'node:module';

register('./typescript-hooks.mjs', import.meta.url);
