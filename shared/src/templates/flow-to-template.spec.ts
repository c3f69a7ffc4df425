import type { FlowDefinition } from '../flow/flow-definition.schema';
import { validateFlowDefinition } from '../flow/validate-flow-definition';
import {
  flowToTemplate,
  templateIssues,
  templateMappingIssues,
  templateRequirements,
  templateToFlow,
} from './flow-to-template';
import { templateDocumentSchema, type TemplateDocument } from './template-document.schema';

/** GitHub-signed webhook → Slack (bot) and Discord (inline webhook URL) and a plain HTTP call. */
function sourceFlow(): FlowDefinition {
  return {
    schemaVersion: 1,
    nodes: [
      {
        id: 'n1',
        type: 'trigger.webhook',
        name: 'Push',
        position: { x: 0, y: 0 },
        config: {
          methods: ['POST'],
          auth: { type: 'github', secret: { $sealed: 'sealed-bytes' } },
          triggerKey: 'a-stray-key-that-must-not-leave',
        },
      },
      {
        id: 'n2',
        type: 'slack.message',
        name: 'Slack',
        position: { x: 200, y: 0 },
        config: { credentialId: 'cred-bot', channel: '#dev', text: 'Push {{ trigger.body.ref }}' },
      },
      {
        id: 'n3',
        type: 'discord.message',
        name: 'Discord',
        position: { x: 200, y: 100 },
        config: { webhookUrl: 'https://discord.com/api/webhooks/1/abc', content: 'Pushed' },
      },
      {
        id: 'n4',
        type: 'http.request',
        name: 'Ping',
        position: { x: 200, y: 200 },
        retry: { attempts: 2, backoff: 'fixed', delayMs: 100 },
        config: { method: 'GET', url: 'https://example.com/ping', timeoutMs: 5000 },
      },
    ],
    edges: [
      { id: 'e1', source: 'n1', target: 'n2' },
      { id: 'e2', source: 'n1', target: 'n3' },
      { id: 'e3', source: 'n1', target: 'n4' },
    ],
  };
}

function exported(): TemplateDocument {
  const result = flowToTemplate(
    { name: 'Pushes', description: 'Tell everyone', definition: sourceFlow() },
    undefined,
    { 'cred-bot': 'slack.bot' },
  );
  if (!result.ok) throw new Error(result.findings.map((f) => f.message).join('; '));
  return result.document;
}

describe(flowToTemplate.name, () => {
  it('strips credentials, secret fields and stray keys, and leaves typed placeholders', () => {
    const document = exported();
    expect(templateDocumentSchema.parse(document)).toEqual(document);
    const [trigger, slack, discord, http] = document.definition.nodes;
    expect(trigger.config).toEqual({ methods: ['POST'], auth: { type: 'github' } });
    expect(slack.config).toEqual({ channel: '#dev', text: 'Push {{ trigger.body.ref }}' });
    expect(discord.config).toEqual({ content: 'Pushed' });
    expect(http).toEqual(sourceFlow().nodes[3]);
    expect(document.credentialPlaceholders).toEqual({
      // narrowed to the type the flow used: the config (a channel) was written for a bot
      n2: { field: 'credentialId', credentialTypes: ['slack.bot'] },
      // the inline webhook URL was a secret: the step now needs a stored one
      n3: { field: 'credentialId', credentialTypes: ['discord.webhook'] },
    });
    expect(JSON.stringify(document)).not.toMatch(/sealed|stray|cred-bot|webhooks\/1/);
  });

  it('does not change its input', () => {
    const definition = sourceFlow();
    flowToTemplate({ name: 'x', definition });
    expect(definition).toEqual(sourceFlow());
  });

  it('refuses while a config value looks like a secret, naming node and field', () => {
    const definition = sourceFlow();
    definition.nodes[3].config.headers = { Authorization: 'Bearer sk_live_51H8xYzAbCdEfGhIjKl' };
    const result = flowToTemplate({ name: 'x', definition });
    expect(result).toEqual({
      ok: false,
      findings: [expect.objectContaining({ nodeId: 'n4', field: 'headers.Authorization' })],
    });
  });
});

describe(templateRequirements.name, () => {
  it('lists the credentials to pick and the secrets to enter again', () => {
    expect(templateRequirements(exported())).toEqual({
      credentials: [
        {
          nodeId: 'n2',
          nodeName: 'Slack',
          nodeType: 'slack.message',
          field: 'credentialId',
          credentialTypes: ['slack.bot'],
        },
        {
          nodeId: 'n3',
          nodeName: 'Discord',
          nodeType: 'discord.message',
          field: 'credentialId',
          credentialTypes: ['discord.webhook'],
        },
      ],
      secrets: [{ nodeId: 'n1', nodeName: 'Push', field: 'auth.secret', label: 'Signing secret' }],
    });
  });
});

describe(templateToFlow.name, () => {
  const team = [
    { id: 'c-bot', name: 'Bot', type: 'slack.bot' },
    { id: 'c-discord', name: 'Channel', type: 'discord.webhook' },
    { id: 'c-smtp', name: 'Mail', type: 'smtp' },
  ];

  it('fills mapped credentials and secrets into a definition that validates', () => {
    const mapping = {
      credentials: { n2: 'c-bot', n3: 'c-discord' },
      secrets: { n1: { 'auth.secret': 'gh-secret' } },
    };
    const document = exported();
    expect(templateMappingIssues(document, mapping, team)).toEqual([]);
    const definition = templateToFlow(document, mapping);
    expect(definition.nodes[0].config.auth).toEqual({ type: 'github', secret: 'gh-secret' });
    expect(definition.nodes[1].config.credentialId).toBe('c-bot');
    expect(validateFlowDefinition(definition)).toMatchObject({ ok: true });
    expect(document.definition.nodes[1].config.credentialId).toBeUndefined();
  });

  it('names the node of every mapping that does not fit', () => {
    const issues = templateMappingIssues(
      exported(),
      {
        credentials: { n2: 'c-smtp', n3: 'someone-elses', n4: 'c-bot' },
        secrets: { n2: { text: 'x' } },
      },
      team,
    );
    expect(issues.map((issue) => [issue.field, issue.message])).toEqual([
      ['credentials.n2', 'Node "Slack" (n2): needs a credential of type slack.bot; "Mail" is smtp'],
      [
        'credentials.n3',
        'Node "Discord" (n3): credential "someone-elses" was not found in this team',
      ],
      ['credentials.n4', 'Node "Ping" (n4): needs no credential here'],
      ['secrets.n2.text', 'Node "Slack" (n2): field "text" is not a secret this template asks for'],
    ]);
  });
});

describe(templateIssues.name, () => {
  it('accepts an exported document', () => {
    expect(templateIssues(exported())).toEqual([]);
  });

  it('refuses unknown node types, misfit placeholders and anything secret', () => {
    const document = exported();
    document.definition.nodes[0].config.auth = { type: 'github', secret: 'plain' };
    document.definition.nodes[1].config.credentialId = 'c-bot';
    document.definition.nodes[3].type = 'ftp.upload';
    document.definition.nodes[2].config.content = 'ghp_AbCdEfGhIjKlMnOpQrStUvWxYz0123456789';
    document.credentialPlaceholders.n2 = { field: 'credentialId', credentialTypes: ['smtp'] };
    document.credentialPlaceholders.n9 = { field: 'credentialId', credentialTypes: ['smtp'] };
    expect(templateIssues(document).map((issue) => issue.field)).toEqual([
      'auth.secret',
      'credentialId',
      'type',
      'credentialPlaceholders.n2.credentialTypes',
      'credentialPlaceholders.n9',
      'content',
    ]);
  });
});
