export * from './address-classifier.js';
export * from './blocked-destination.error.js';
export * from './guarded-fetch.js';
export * from './outbound-allowlist.js';
export * from './destination-check.js';
