const { TestEnvironment } = require('jest-environment-jsdom');

/** Node globals jsdom leaves out: React Router's data routers need Fetch and text encoding. */
const FROM_NODE = [
  'Request',
  'Response',
  'Headers',
  // Node's Request only accepts its own AbortSignal.
  'AbortController',
  'AbortSignal',
  'TextEncoder',
  'TextDecoder',
  'structuredClone',
];

class JsdomWithNodeGlobalsEnvironment extends TestEnvironment {
  constructor(config, context) {
    super(config, context);
    for (const name of FROM_NODE) this.global[name] = globalThis[name];
  }
}

module.exports = JsdomWithNodeGlobalsEnvironment;
