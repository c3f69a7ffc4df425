import type { MigrationInterface } from 'typeorm';
import { Accounts1764400000000 } from './1764400000000-accounts.js';
import { FlowsAndExecutions1764410000000 } from './1764410000000-flows-and-executions.js';

/** Every migration, in order. Listed explicitly: no file-system scanning at boot. */
export const migrations: Array<new () => MigrationInterface> = [
  Accounts1764400000000,
  FlowsAndExecutions1764410000000,
];
