import { credentialCatalog } from '../../catalog/catalog';
import { validateFlowDefinition } from '../../flow/validate-flow-definition';
import { templateIssues, templateRequirements, templateToFlow } from '../flow-to-template';
import { templateDocumentSchema } from '../template-document.schema';
import { samplePayloadFor } from '../../integrations/trigger/presets';
import { BUILT_IN_TEMPLATE_PREFIX, builtInTemplates } from './index';
import { githubPushToSlackTemplate } from './github-push-to-slack.template';

describe('builtInTemplates', () => {
  it('ships the GitHub, Stripe and scheduled-check templates under unique built-in ids', () => {
    const ids = builtInTemplates.map((template) => template.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.every((id) => id.startsWith(BUILT_IN_TEMPLATE_PREFIX))).toBe(true);
    expect(builtInTemplates.map((template) => template.document.name)).toEqual([
      'GitHub push → Slack message',
      'Stripe payment → Discord + e-mail',
      'Scheduled HTTP check → Slack',
    ]);
  });

  describe.each(builtInTemplates.map((template) => [template.id, template.document] as const))(
    '%s',
    (_id, document) => {
      it('is a valid template document with nothing secret in it', () => {
        expect(templateDocumentSchema.parse(document)).toEqual(document);
        expect(templateIssues(document)).toEqual([]);
      });

      it('validates as a flow once its credentials and secrets are filled in', () => {
        const needs = templateRequirements(document);
        const known = new Set(credentialCatalog.map((credential) => credential.type));
        for (const need of needs.credentials)
          expect(need.credentialTypes.every((type) => known.has(type))).toBe(true);
        const definition = templateToFlow(document, {
          credentials: Object.fromEntries(needs.credentials.map((need) => [need.nodeId, 'cred'])),
          secrets: Object.fromEntries(
            needs.secrets.map((need) => [need.nodeId, { [need.field]: 'a-signing-secret' }]),
          ),
        });
        const result = validateFlowDefinition(definition);
        expect(result.ok ? [] : result.issues).toEqual([]);
      });
    },
  );

  it('GitHub push → Slack samples the push event its filter lets through', () => {
    const trigger = githubPushToSlackTemplate.definition.nodes[0];
    const sample = samplePayloadFor(trigger.config as Parameters<typeof samplePayloadFor>[0]);
    expect(sample?.headers['x-github-event']).toBe('push');
    // The fields the Slack text reads are in it.
    expect(sample?.body).toMatchObject({
      pusher: { name: expect.any(String) },
      commits: expect.any(Array),
      ref: expect.stringMatching(/^refs\/heads\//),
      head_commit: { message: expect.any(String) },
      compare: expect.any(String),
      repository: { full_name: expect.any(String) },
    });
  });
});
