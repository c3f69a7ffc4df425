import type { FlowDefinition, FlowView } from '@hookflow/shared';
import { fireEvent, render, screen, within } from '@testing-library/react';
import { useEffect } from 'react';
import { FlowStoreProvider, useFlowStore } from '../editor/flow-store-context';
import { ProviderSetup, useEventFilterReset } from './provider-setup';

const definition = (auth: Record<string, unknown>): FlowDefinition => ({
  schemaVersion: 1,
  nodes: [
    {
      id: 'hook',
      type: 'trigger.webhook',
      name: 'Hook',
      position: { x: 0, y: 0 },
      config: { methods: ['POST'], auth },
    },
  ],
  edges: [],
});

const flow = {
  id: 'f1',
  webhookUrl: 'https://hooks.example.com/hooks/k1',
  testWebhookUrl: 'https://hooks.example.com/hooks/k1/test',
} as FlowView;

/** The trigger's auth settings as the store last held them. */
const probe: { auth: Record<string, unknown> } = { auth: {} };

/** The setup as the trigger panel mounts it, on the store's current trigger node. */
function Setup() {
  const trigger = useFlowStore((state) => state.definition.nodes[0]);
  const apply = useFlowStore((state) => state.apply);
  useEventFilterReset(trigger);
  const auth = trigger.config.auth as Record<string, unknown>;
  useEffect(() => {
    probe.auth = auth;
  }, [auth]);
  return (
    <>
      <button
        type="button"
        onClick={() =>
          apply([
            {
              type: 'updateNodeConfig',
              nodeId: 'hook',
              config: { ...trigger.config, auth: { ...auth, type: 'shopify' } },
            },
          ])
        }
      >
        Switch to Shopify
      </button>
      <ProviderSetup key={String(auth.type)} flow={flow} trigger={trigger} />
    </>
  );
}

const renderSetup = (auth: Record<string, unknown>) =>
  render(
    <FlowStoreProvider initialDefinition={definition(auth)}>
      <Setup />
    </FlowStoreProvider>,
  );

describe('ProviderSetup', () => {
  it('guides GitHub users with its field names and the URL to copy', () => {
    renderSetup({ type: 'github' });
    const region = screen.getByRole('region', { name: 'GitHub setup' });
    expect(within(region).getByLabelText('Payload URL (production URL)')).toHaveValue(
      flow.webhookUrl,
    );
    expect(within(region).getByLabelText('Content type')).toHaveValue('application/json');
    expect(region).toHaveTextContent('X-GitHub-Delivery');
  });

  it('adds common and typed events to the filter and removes them', () => {
    renderSetup({ type: 'github' });
    fireEvent.click(screen.getByRole('button', { name: '+ push' }));
    fireEvent.change(screen.getByLabelText('Add an event'), { target: { value: 'issues.*' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add' }));
    expect(probe.auth.events).toEqual(['push', 'issues.*']);
    fireEvent.click(screen.getByRole('button', { name: 'Remove push' }));
    expect(probe.auth.events).toEqual(['issues.*']);
    fireEvent.click(screen.getByRole('button', { name: 'Remove issues.*' }));
    expect(probe.auth.events).toBeUndefined();
  });

  it('generates a secret into the config and shows it once to copy', () => {
    renderSetup({ type: 'github' });
    fireEvent.click(screen.getByRole('button', { name: 'Generate a secret' }));
    const shown = screen.getByLabelText('Secret (generated)');
    expect(shown).toHaveValue(String(probe.auth.secret));
    expect(String(probe.auth.secret)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('tells where a provider-shown secret is, and shows no generator for it', () => {
    renderSetup({ type: 'stripe' });
    const region = screen.getByRole('region', { name: 'Stripe setup' });
    expect(region).toHaveTextContent('whsec_');
    expect(within(region).queryByRole('button', { name: 'Generate a secret' })).toBeNull();
  });

  it('shows the sample of the filtered event', () => {
    renderSetup({ type: 'github', events: ['pull_request'] });
    expect(screen.getByLabelText('Sample request body')).toHaveTextContent('"action": "opened"');
  });

  it('drops the filter when the provider changes', () => {
    renderSetup({ type: 'github', events: ['push'] });
    fireEvent.click(screen.getByRole('button', { name: 'Switch to Shopify' }));
    expect(probe.auth).toEqual({ type: 'shopify' });
    expect(screen.getByRole('region', { name: 'Shopify setup' })).toHaveTextContent(
      'X-Shopify-Webhook-Id',
    );
  });

  it('renders nothing for schemes without a provider', () => {
    renderSetup({ type: 'hmac' });
    expect(screen.queryByRole('region')).toBeNull();
  });
});
