import {
  eventPassesFilter,
  samplePayloadFor,
  webhookPresetFor,
  type FlowNode,
  type FlowView,
  type WebhookPreset,
} from '@hookflow/shared';
import { useEffect, useRef, useState } from 'react';
import { useFlowStore } from '../editor/flow-store-context';
import { CopyField } from './copy-field';

interface PresetAuth {
  type?: string;
  events?: string[];
  keepRepeats?: boolean;
  secret?: unknown;
}

/** 32 random bytes as hex: what a "you choose it" signing secret should be. */
const randomSecret = () =>
  Array.from(crypto.getRandomValues(new Uint8Array(32)), (byte) =>
    byte.toString(16).padStart(2, '0'),
  ).join('');

/**
 * The chosen provider's setup guide (where the URL and the secret go), its event filter with
 * the common events one click away, and the sample request the data picker shows until a real
 * one arrives.
 */
export function ProviderSetup({ flow, trigger }: { flow: FlowView; trigger: FlowNode }) {
  const apply = useFlowStore((state) => state.apply);
  const auth = (trigger.config.auth ?? {}) as PresetAuth;
  const preset = webhookPresetFor(auth.type);
  // Shown only right after generating: the saved secret is masked by the API.
  const [generated, setGenerated] = useState<string | null>(null);
  if (!preset) return null;

  const setAuth = (patch: Partial<PresetAuth>) =>
    apply(
      [
        {
          type: 'updateNodeConfig',
          nodeId: trigger.id,
          config: { ...trigger.config, auth: { ...auth, ...patch } },
        },
      ],
      `config:${trigger.id}`,
    );

  return (
    <section className="provider-setup" aria-label={`${preset.title} setup`}>
      <h3 className="panel__subheading">Set up {preset.title}</h3>
      <SetupSteps
        preset={preset}
        url={flow.webhookUrl}
        secret={generated}
        onGenerate={() => {
          const secret = randomSecret();
          setGenerated(secret);
          setAuth({ secret });
        }}
      />
      {preset.eventOf && (
        <EventFilter
          preset={preset}
          events={auth.events ?? []}
          onChange={(events) => setAuth({ events: events.length ? events : undefined })}
        />
      )}
      {preset.deliveryIdOf && (
        <p className="small muted">
          {auth.keepRepeats
            ? 'Repeated deliveries start a run each time.'
            : `Repeated deliveries are recognised by ${preset.deliveryIdSource} and answered with the first run.`}
        </p>
      )}
      <SampleRequest trigger={trigger} />
    </section>
  );
}

/**
 * Event names are the provider's own: when the trigger switches provider, its filter from the
 * previous one is dropped (in the same undo step as the switch) instead of filtering out
 * everything the new provider sends.
 */
export function useEventFilterReset(trigger: FlowNode | undefined) {
  const apply = useFlowStore((state) => state.apply);
  const auth = trigger?.config.auth as PresetAuth | undefined;
  const previous = useRef(auth?.type);
  useEffect(() => {
    if (previous.current === auth?.type) return;
    previous.current = auth?.type;
    if (!trigger || !auth?.events) return;
    const { events: _dropped, ...rest } = auth;
    apply(
      [{ type: 'updateNodeConfig', nodeId: trigger.id, config: { ...trigger.config, auth: rest } }],
      `config:${trigger.id}`,
    );
  }, [apply, trigger, auth]);
}

function SetupSteps({
  preset,
  url,
  secret,
  onGenerate,
}: {
  preset: WebhookPreset;
  url: string;
  secret: string | null;
  onGenerate: () => void;
}) {
  const { guide } = preset;
  return (
    <ol className="provider-setup__steps">
      <li>
        In {preset.title}, open <strong>{guide.where}</strong>.
      </li>
      <li>
        Paste the production URL into <strong>{guide.urlField}</strong>.
        <CopyField label={`${guide.urlField} (production URL)`} value={url} />
      </li>
      {guide.contentType && (
        <li>
          Content type: <strong>{guide.contentType}</strong>.
          <CopyField label="Content type" value={guide.contentType.split(' ')[0]} />
        </li>
      )}
      {guide.secretField && (
        <li>
          {guide.secretSource === 'you choose it' ? (
            <>
              Enter a secret in <strong>{guide.secretField}</strong> and the same one under
              Authentication below. {guide.secretLooksLike}{' '}
              <button type="button" className="button button--small" onClick={onGenerate}>
                Generate a secret
              </button>
              {secret && <CopyField label={`${guide.secretField} (generated)`} value={secret} />}
            </>
          ) : (
            <>
              Copy <strong>{guide.secretField}</strong> from {preset.title} into Authentication
              below. It looks like: {guide.secretLooksLike}
            </>
          )}
        </li>
      )}
      {guide.notes?.map((note) => (
        <li key={note}>{note}</li>
      ))}
    </ol>
  );
}

function EventFilter({
  preset,
  events,
  onChange,
}: {
  preset: WebhookPreset;
  events: string[];
  onChange: (events: string[]) => void;
}) {
  const [typed, setTyped] = useState('');
  const add = (event: string) => {
    const name = event.trim();
    if (name && !events.includes(name)) onChange([...events, name]);
  };
  return (
    <div className="field provider-setup__events">
      <span className="field__label">Events that start a run</span>
      <p className="small muted">
        {events.length
          ? 'Other events are answered 200, recorded as filtered and start nothing.'
          : 'Every event starts a run. Pick events to start runs only for those.'}
      </p>
      <div role="list" aria-label="Event filter">
        {events.map((event) => (
          <span role="listitem" key={event} className="chip chip--set">
            {event}{' '}
            <button
              type="button"
              className="link-button"
              aria-label={`Remove ${event}`}
              onClick={() => onChange(events.filter((each) => each !== event))}
            >
              ×
            </button>
          </span>
        ))}
      </div>
      <div className="provider-setup__suggestions" aria-label="Common events">
        {preset.commonEvents
          ?.filter((event) => !events.includes(event))
          .map((event) => (
            <button
              key={event}
              type="button"
              className="chip"
              title={`Add ${event}`}
              onClick={() => add(event)}
            >
              + {event}
            </button>
          ))}
      </div>
      <form
        className="inline-form"
        onSubmit={(event) => {
          event.preventDefault();
          add(typed);
          setTyped('');
        }}
      >
        <input
          aria-label="Add an event"
          placeholder="Other event, or a pattern like orders/*"
          value={typed}
          onChange={(event) => setTyped(event.target.value)}
        />
        <button type="submit" className="button button--small">
          Add
        </button>
      </form>
      {events.length > 0 &&
        preset.samples.every((sample) => !eventPassesFilter(events, sample.event)) && (
          <p className="small muted">The sample below is not one of these events.</p>
        )}
    </div>
  );
}

function SampleRequest({ trigger }: { trigger: FlowNode }) {
  const sample = samplePayloadFor(trigger.config);
  if (!sample) return null;
  return (
    <details className="provider-setup__sample">
      <summary>Sample request (used by the data picker until a real one arrives)</summary>
      <pre className="code-block" aria-label="Sample request body">
        {JSON.stringify(sample.body, null, 2)}
      </pre>
    </details>
  );
}
