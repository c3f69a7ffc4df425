import { slackIntegration } from '@hookflow/shared';
import { implementIntegration } from '../implement-integration.js';
import { slackMessageHandler } from './slack-message.node.js';

export const slackImplementation = implementIntegration(slackIntegration, {
  handlers: [slackMessageHandler],
  settings: {
    apiUrl: {
      env: 'SLACK_API_URL',
      default: 'https://slack.com/api',
      description: 'Base of the Slack Web API (point it at a stand-in for tests).',
    },
  },
});
