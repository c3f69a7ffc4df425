import {
  credentialCatalog,
  getNodeDescription,
  isTriggerType,
  nodeCatalog,
  nodeCredentialTypes,
} from './catalog';
import { integrations } from '../integrations';
import { isSensitiveName } from '../redaction/redact';
import { credentialDataSchema, nodeConfigSchema } from './node-config-schema';
import { defaultConfig, type PropsRecord } from './props';

// Every nested group of props, with its location, for the structural checks below.
function propGroups(
  props: PropsRecord,
  where: string,
): { props: PropsRecord; where: string; requireOneOf?: readonly string[] }[] {
  return [
    { props, where },
    ...Object.entries(props).flatMap(([key, prop]) =>
      prop.type === 'object'
        ? propGroups(prop.props, `${where}.${key}`).map((g, i) =>
            i === 0 ? { ...g, requireOneOf: prop.requireOneOf } : g,
          )
        : [],
    ),
  ];
}

describe('nodeCatalog', () => {
  it('has unique node and credential type ids', () => {
    const nodeTypes = nodeCatalog.map((n) => n.type);
    const credentialTypes = credentialCatalog.map((c) => c.type);
    expect(new Set(nodeTypes).size).toBe(nodeTypes.length);
    expect(new Set(credentialTypes).size).toBe(credentialTypes.length);
  });

  it('keeps every node type in the integration its prefix names', () => {
    const names = integrations.map((integration) => integration.name);
    expect(new Set(names).size).toBe(names.length);
    for (const integration of integrations) {
      for (const node of integration.nodes) {
        expect(`${integration.name}: ${node.type}`).toBe(
          `${integration.name}: ${integration.name}.${node.type.split('.')[1]}`,
        );
      }
    }
  });

  it.each(nodeCatalog.map((n) => [n.type, n] as const))(
    '%s accepts only known credential types',
    (_type, node) => {
      for (const type of nodeCredentialTypes(node)) {
        expect(credentialCatalog.map((c) => c.type)).toContain(type);
      }
    },
  );

  it.each(nodeCatalog.map((n) => [n.type, n] as const))(
    '%s refers only to props it has',
    (_type, node) => {
      const groups = propGroups(node.props, node.type);
      groups[0].requireOneOf = node.requireOneOf;
      for (const { props, where, requireOneOf } of groups) {
        for (const key of requireOneOf ?? [])
          expect(`${where}.${key}`).toBe(`${where}.${key in props ? key : '(missing)'}`);
        for (const [name, prop] of Object.entries(props)) {
          for (const key of Object.keys({
            ...prop.displayOptions?.show,
            ...prop.displayOptions?.hide,
          })) {
            expect(`${where}.${name} → ${key}`).toBe(
              `${where}.${name} → ${key in props ? key : '(missing)'}`,
            );
          }
        }
      }
    },
  );

  it.each(nodeCatalog.map((n) => [n.type, n] as const))(
    '%s defaults pass its own schema (required fields aside)',
    (_type, node) => {
      const result = nodeConfigSchema(node).safeParse(defaultConfig(node.props));
      const wrong = result.success
        ? []
        : result.error.issues.filter(
            (i) => i.message !== 'is required' && !i.message.startsWith('needs one of'),
          );
      expect(wrong).toEqual([]);
    },
  );

  it('has a sample output, an icon and a title for every node, and outputs only where branching', () => {
    for (const node of nodeCatalog) {
      expect(node.sampleOutput).toBeDefined();
      expect(node.icon).toMatch(/^[a-z-]+$/);
      expect(node.title).not.toBe('');
    }
    expect(nodeCatalog.filter((n) => n.outputs).map((n) => [n.type, n.outputs])).toEqual([
      ['logic.if', ['true', 'false']],
    ]);
  });

  it('flags the secret fields of the webhook trigger and webhook.send', () => {
    const auth = getNodeDescription('trigger.webhook')?.props.auth;
    const secrets =
      auth?.type === 'object'
        ? Object.entries(auth.props)
            .filter(([, p]) => p.secret)
            .map(([k]) => k)
        : [];
    expect(secrets.sort()).toEqual(['password', 'previousSecret', 'secret', 'value']);
    expect(getNodeDescription('webhook.send')?.props.secret.secret).toBe(true);
    // A name that looks secret would be sealed and shown masked like one (flow-secrets.ts).
    const plain =
      auth?.type === 'object' ? Object.entries(auth.props).filter(([, p]) => !p.secret) : [];
    expect(plain.map(([key]) => key).filter(isSensitiveName)).toEqual([]);
  });

  it('knows triggers by category', () => {
    expect(isTriggerType('trigger.schedule')).toBe(true);
    expect(isTriggerType('http.request')).toBe(false);
    expect(isTriggerType('nope')).toBe(false);
    expect(getNodeDescription('nope')).toBeUndefined();
  });
});

describe('credentialCatalog', () => {
  it('marks every token, password and secret as secret', () => {
    for (const credential of credentialCatalog) {
      for (const [name, field] of Object.entries(credential.fields)) {
        if (['token', 'password', 'secret', 'value', 'url'].includes(name))
          expect(`${credential.type}.${name}: ${field.secret}`).toBe(
            `${credential.type}.${name}: true`,
          );
      }
    }
  });

  it('validates credential data', () => {
    const smtp = credentialCatalog.find((c) => c.type === 'smtp')!;
    expect(credentialDataSchema(smtp).parse({ host: 'smtp.test', from: 'a@b.test' })).toMatchObject(
      { port: 587, secure: 'starttls' },
    );
    expect(
      credentialDataSchema(smtp).safeParse({ host: 'smtp.test', from: 'a@b.test', secure: 'ssl' })
        .success,
    ).toBe(false);
  });
});
