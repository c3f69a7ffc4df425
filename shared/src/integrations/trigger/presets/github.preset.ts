import { fieldOf, headerOf, jsonSample, type WebhookPreset } from './preset';

const repository = {
  id: 812345678,
  node_id: 'R_kgDOMGx1Tg',
  name: 'shop',
  full_name: 'acme/shop',
  private: true,
  owner: { login: 'acme', id: 9919, type: 'Organization' },
  html_url: 'https://github.com/acme/shop',
  default_branch: 'main',
};
const sender = { login: 'octocat', id: 583231, type: 'User' };
const headers = (event: string, delivery: string) => ({
  'user-agent': 'GitHub-Hookshot/5b3e1c7',
  'x-github-event': event,
  'x-github-delivery': delivery,
  'x-github-hook-id': '498217733',
  'x-github-hook-installation-target-type': 'repository',
  'x-hub-signature-256': 'sha256=[redacted]',
});

const push = {
  ref: 'refs/heads/main',
  before: '6113728f27ae82c7b1a177c8d03f9e96e0adf246',
  after: '0d1a26e67d8f5eaf1f6ba5c57fc3c7d91ac0fd1c',
  created: false,
  deleted: false,
  forced: false,
  compare: 'https://github.com/acme/shop/compare/6113728f27ae...0d1a26e67d8f',
  pusher: { name: 'octocat', email: 'octocat@github.com' },
  head_commit: {
    id: '0d1a26e67d8f5eaf1f6ba5c57fc3c7d91ac0fd1c',
    message: 'Fix rounding of order totals',
    timestamp: '2026-11-30T09:41:12+01:00',
    url: 'https://github.com/acme/shop/commit/0d1a26e67d8f5eaf1f6ba5c57fc3c7d91ac0fd1c',
    author: { name: 'The Octocat', email: 'octocat@github.com', username: 'octocat' },
    added: [],
    removed: [],
    modified: ['src/orders/totals.ts'],
  },
  commits: [
    {
      id: '0d1a26e67d8f5eaf1f6ba5c57fc3c7d91ac0fd1c',
      message: 'Fix rounding of order totals',
      timestamp: '2026-11-30T09:41:12+01:00',
      url: 'https://github.com/acme/shop/commit/0d1a26e67d8f5eaf1f6ba5c57fc3c7d91ac0fd1c',
      author: { name: 'The Octocat', email: 'octocat@github.com', username: 'octocat' },
      added: [],
      removed: [],
      modified: ['src/orders/totals.ts'],
    },
  ],
  repository,
  sender,
};

const pullRequest = {
  action: 'opened',
  number: 128,
  pull_request: {
    id: 2119388421,
    number: 128,
    state: 'open',
    title: 'Add gift cards to checkout',
    body: 'Closes #97.',
    draft: false,
    html_url: 'https://github.com/acme/shop/pull/128',
    user: sender,
    head: { ref: 'gift-cards', sha: 'a91e3f0b6c2d4e5f8a7b9c0d1e2f3a4b5c6d7e8f' },
    base: { ref: 'main', sha: '0d1a26e67d8f5eaf1f6ba5c57fc3c7d91ac0fd1c' },
    merged: false,
    additions: 214,
    deletions: 12,
    changed_files: 9,
    created_at: '2026-11-30T10:02:44Z',
    updated_at: '2026-11-30T10:02:44Z',
  },
  repository,
  sender,
};

export const githubPreset: WebhookPreset = {
  id: 'github',
  title: 'GitHub',
  // `X-GitHub-Event`, with the payload's action where there is one: `pull_request.opened`.
  eventOf: (request) => {
    const event = headerOf(request, 'x-github-event');
    if (!event) return null;
    const action = fieldOf(request.body, 'action');
    return action ? `${event}.${action}` : event;
  },
  commonEvents: [
    'push',
    'pull_request',
    'pull_request.opened',
    'pull_request.closed',
    'issues',
    'issues.opened',
    'issue_comment',
    'release.published',
    'workflow_run.completed',
    'check_suite.completed',
    'star.created',
    'ping',
  ],
  deliveryIdOf: (request) => headerOf(request, 'x-github-delivery'),
  deliveryIdSource: 'the X-GitHub-Delivery header',
  samples: [
    jsonSample('push', headers('push', '7c1b4e90-af2d-11f0-8a1e-3f5c2b9d0e41'), push),
    jsonSample(
      'pull_request.opened',
      headers('pull_request', '9e2f6a10-af2e-11f0-9b3c-1d7e4a8f2c55'),
      pullRequest,
    ),
  ],
  guide: {
    where: 'Repository (or organization) → Settings → Webhooks → Add webhook',
    urlField: 'Payload URL',
    secretField: 'Secret',
    secretSource: 'you choose it',
    secretLooksLike: 'Any long random string you make up; paste the same value here.',
    contentType: 'application/json',
    notes: [
      'Choose “Let me select individual events” to send only what the filter lets through.',
      'GitHub sends a ping event when the webhook is created.',
    ],
  },
};
