import type { MigrationInterface } from 'typeorm';
import { Accounts1764400000000 } from './1764400000000-accounts.js';
import { FlowsAndExecutions1764410000000 } from './1764410000000-flows-and-executions.js';
import { ExecutionOrdering1764420000000 } from './1764420000000-execution-ordering.js';
import { FlowVersionPublisher1764425000000 } from './1764425000000-flow-version-publisher.js';
import { Templates1764430000000 } from './1764430000000-templates.js';
import { UnfinishedExecutions1764440000000 } from './1764440000000-unfinished-executions.js';
import { ExecutionReplay1764450000000 } from './1764450000000-execution-replay.js';
import { SessionsAndLoginLimits1764610010000 } from './1764610010000-sessions-and-login-limits.js';
import { PollState1764620000000 } from './1764620000000-poll-state.js';
import { RunAttempts1764730000001 } from './1764730000001-run-attempts.js';
import { RetiredTriggerKeys1764760000001 } from './1764760000001-retired-trigger-keys.js';
import { OrderedDefinitions1764770000001 } from './1764770000001-ordered-definitions.js';
import { SampleDataIndexes1764770000002 } from './1764770000002-sample-data-indexes.js';

/** Every migration, in order. Listed explicitly: no file-system scanning at boot. */
export const migrations: Array<new () => MigrationInterface> = [
  Accounts1764400000000,
  FlowsAndExecutions1764410000000,
  ExecutionOrdering1764420000000,
  FlowVersionPublisher1764425000000,
  Templates1764430000000,
  UnfinishedExecutions1764440000000,
  ExecutionReplay1764450000000,
  SessionsAndLoginLimits1764610010000,
  PollState1764620000000,
  RunAttempts1764730000001,
  RetiredTriggerKeys1764760000001,
  OrderedDefinitions1764770000001,
  SampleDataIndexes1764770000002,
];
