import { rotatableAuthTypes, rotationKeyField, storedValueRef } from '@hookflow/shared';
import { useState } from 'react';

type Auth = Record<string, unknown> & { type?: string };

/** What the editor shows for a stored secret (the API never sends the value itself). */
const MASK = '••••••';

const GRACE_PERIODS = [
  { label: '1 hour', hours: 1 },
  { label: '1 day', hours: 24 },
  { label: '7 days', hours: 24 * 7 },
  { label: '30 days', hours: 24 * 30 },
];

/** Methods whose secret Hookflow may make up (the sender lets you paste any string). */
const GENERATED: Record<string, (bytes: Uint8Array) => string> = {
  header: (bytes) => base64url(bytes),
  hmac: (bytes) => hex(bytes),
  github: (bytes) => hex(bytes),
  'standard-webhooks': (bytes) => `whsec_${btoa(String.fromCharCode(...bytes))}`,
};

const hex = (bytes: Uint8Array) =>
  Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
const base64url = (bytes: Uint8Array) =>
  btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');

/**
 * "Rotate" for a webhook trigger's secret: the current secret becomes the previous one, still
 * accepted for the chosen period, and the new one (entered or generated) takes its place.
 */
export function SecretRotation({
  auth,
  onChange,
  now = () => new Date(),
}: {
  auth: Auth;
  onChange: (auth: Auth) => void;
  now?: () => Date;
}) {
  const [open, setOpen] = useState(false);
  const [next, setNext] = useState('');
  const [hours, setHours] = useState(24);
  const type = auth.type ?? 'none';
  if (!rotatableAuthTypes.includes(type)) return null;
  const field = rotationKeyField(type);
  const current = auth[field];
  const endsAt = typeof auth.rotationEndsAt === 'string' ? new Date(auth.rotationEndsAt) : null;
  const rotating = Boolean(auth.previousSecret) && endsAt !== null && endsAt > now();
  const generate = GENERATED[type];
  const label = field === 'publicKey' ? 'public key' : field === 'value' ? 'token' : 'secret';

  const rotate = () => {
    onChange({
      ...auth,
      // A stored secret is only known masked: the server moves it (storedValueRef).
      previousSecret: current === MASK ? storedValueRef(`auth.${field}`) : current,
      rotationEndsAt: new Date(now().getTime() + hours * 3600_000).toISOString(),
      [field]: next,
    });
    setOpen(false);
    setNext('');
  };
  const endNow = () => {
    const { previousSecret: _previous, rotationEndsAt: _endsAt, ...rest } = auth;
    onChange(rest);
  };

  return (
    <div className="field" data-testid="secret-rotation">
      <span className="field__label">Rotate the {label}</span>
      {rotating ? (
        <p className="field__hint" role="status">
          The previous {label} is still accepted until {endsAt!.toLocaleString()}.{' '}
          <button type="button" className="button button--small" onClick={endNow}>
            Stop accepting it now
          </button>
        </p>
      ) : (
        <p className="field__hint">
          Senders can switch to a new {label} without failed deliveries: the current one keeps
          working for a while.
        </p>
      )}
      {!open ? (
        <button
          type="button"
          className="button button--small"
          disabled={!current}
          onClick={() => setOpen(true)}
        >
          Rotate…
        </button>
      ) : (
        <div className="rotation-form">
          <label className="field__label" htmlFor="rotation-new">
            New {label}
          </label>
          <div className="copy-field">
            <input
              id="rotation-new"
              value={next}
              autoComplete="off"
              onChange={(event) => setNext(event.target.value.trim())}
            />
            {generate && (
              <button
                type="button"
                className="button button--small"
                onClick={() => setNext(generate(crypto.getRandomValues(new Uint8Array(32))))}
              >
                Generate
              </button>
            )}
          </div>
          <label className="field__label" htmlFor="rotation-period">
            Keep accepting the current {label} for
          </label>
          <select
            id="rotation-period"
            value={hours}
            onChange={(event) => setHours(Number(event.target.value))}
          >
            {GRACE_PERIODS.map((period) => (
              <option key={period.hours} value={period.hours}>
                {period.label}
              </option>
            ))}
          </select>
          <div className="trigger__listen">
            <button
              type="button"
              className="button button--small button--primary"
              disabled={!next || next === current}
              onClick={rotate}
            >
              Rotate
            </button>
            <button type="button" className="button button--small" onClick={() => setOpen(false)}>
              Cancel
            </button>
          </div>
        </div>
      )}
    </div>
  );
}
