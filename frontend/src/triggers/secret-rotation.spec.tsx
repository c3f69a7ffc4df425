import { getNodeDescription, type PropsRecord } from '@hookflow/shared';
import { fireEvent, render, screen, within } from '@testing-library/react';
import { useState } from 'react';
import { PropsForm, type ConfigValue } from '../forms/props-form';
import { SecretRotation } from './secret-rotation';

const NOW = new Date('2026-06-01T12:00:00.000Z');
type Auth = Record<string, unknown>;

/** The trigger's auth as the panel holds it, with the rotation control and its result. */
function Harness({ initial, seen }: { initial: Auth; seen: Auth[] }) {
  const [auth, setAuth] = useState(initial);
  return (
    <SecretRotation
      auth={auth}
      now={() => NOW}
      onChange={(next) => {
        seen.push(next);
        setAuth(next);
      }}
    />
  );
}

describe('SecretRotation', () => {
  it('moves a stored (masked) secret to previous, with an end date, and takes a generated one', () => {
    const seen: Auth[] = [];
    render(<Harness initial={{ type: 'github', secret: '••••••' }} seen={seen} />);
    fireEvent.click(screen.getByRole('button', { name: 'Rotate…' }));
    expect(screen.getByRole('button', { name: 'Rotate' })).toBeDisabled();
    fireEvent.change(screen.getByLabelText('Keep accepting the current secret for'), {
      target: { value: '168' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Generate' }));
    const generated = (screen.getByLabelText('New secret') as HTMLInputElement).value;
    expect(generated).toMatch(/^[0-9a-f]{64}$/);
    fireEvent.click(screen.getByRole('button', { name: 'Rotate' }));
    expect(seen.at(-1)).toEqual({
      type: 'github',
      secret: generated,
      previousSecret: '••••••@auth.secret',
      rotationEndsAt: '2026-06-08T12:00:00.000Z',
    });
    expect(screen.getByRole('status')).toHaveTextContent('The previous secret is still accepted');
  });

  it('copies a public key as it is, and can stop accepting the previous one', () => {
    const seen: Auth[] = [];
    render(<Harness initial={{ type: 'discord', publicKey: 'aa'.repeat(32) }} seen={seen} />);
    fireEvent.click(screen.getByRole('button', { name: 'Rotate…' }));
    // Discord makes the key: nothing to generate.
    expect(screen.queryByRole('button', { name: 'Generate' })).toBeNull();
    fireEvent.change(screen.getByLabelText('New public key'), {
      target: { value: 'bb'.repeat(32) },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Rotate' }));
    expect(seen.at(-1)).toMatchObject({
      publicKey: 'bb'.repeat(32),
      previousSecret: 'aa'.repeat(32),
      rotationEndsAt: '2026-06-02T12:00:00.000Z',
    });
    fireEvent.click(screen.getByRole('button', { name: 'Stop accepting it now' }));
    expect(seen.at(-1)).toEqual({ type: 'discord', publicKey: 'bb'.repeat(32) });
  });

  it('is not offered for methods without a rotatable key', () => {
    render(<Harness initial={{ type: 'basic', password: 'x' }} seen={[]} />);
    expect(screen.queryByTestId('secret-rotation')).toBeNull();
  });
});

describe('trigger panel fields of the new methods', () => {
  const props = getNodeDescription('trigger.webhook')!.props as PropsRecord;
  const form = (auth: Auth) =>
    render(
      <PropsForm
        props={props}
        value={{ auth } as ConfigValue}
        onChange={() => undefined}
        idPrefix="t"
      />,
    );

  it.each([
    ['discord', ['Public key', 'Timestamp tolerance (seconds)']],
    ['sendgrid', ['Public key', 'Timestamp tolerance (seconds)']],
    ['paypal', ['Webhook ID', 'Timestamp tolerance (seconds)']],
    ['hmac', ['Signing secret', 'Header name', 'Timestamp header', 'Signed text']],
  ])('%s shows its fields with plain labels', (type, labels) => {
    form({ type });
    for (const label of labels)
      expect(screen.getByLabelText(label, { exact: false })).toBeInTheDocument();
  });

  it('asks for body fields instead of headers when the signature is in the body (Mailgun)', () => {
    form({ type: 'hmac', sentIn: 'body' });
    expect(screen.getByLabelText('Signature body field', { exact: false })).toBeInTheDocument();
    expect(screen.getByLabelText('Timestamp body field', { exact: false })).toBeInTheDocument();
    expect(screen.queryByLabelText('Header name', { exact: false })).toBeNull();
    expect(screen.queryByLabelText('Timestamp header', { exact: false })).toBeNull();
  });

  it('offers to answer Zoom’s URL check on an HMAC trigger only', () => {
    const { unmount } = form({ type: 'hmac' });
    const urlCheck = screen.getByLabelText('Answer the URL check of', { exact: false });
    expect(
      within(urlCheck).getByRole('option', { name: 'Zoom (endpoint.url_validation)' }),
    ).toHaveAttribute('value', 'zoom');
    unmount();
    form({ type: 'github' });
    expect(screen.queryByLabelText('Answer the URL check of', { exact: false })).toBeNull();
  });

  it('hides what a method does not use', () => {
    form({ type: 'paypal' });
    expect(screen.queryByLabelText('Signing secret', { exact: false })).toBeNull();
    expect(screen.queryByLabelText('Public key', { exact: false })).toBeNull();
  });
});
