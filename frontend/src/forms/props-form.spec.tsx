import type { PropsRecord } from '@hookflow/shared';
import { fireEvent, render, screen } from '@testing-library/react';
import { useState } from 'react';
import { renderCredentialField } from '../credentials/credential-field';
import { mockApi, TEAM_ID } from '../test/api-mock';
import { CredentialFieldSlot } from './credential-field-slot';
import { PickerContext } from './picker-context';
import { PropsForm, type ConfigValue } from './props-form';

const props: PropsRecord = {
  name: { type: 'text', label: 'Name', required: true },
  notes: { type: 'textarea', label: 'Notes' },
  count: { type: 'number', label: 'Count', integer: true },
  enabled: { type: 'boolean', label: 'Enabled' },
  mode: {
    type: 'select',
    label: 'Mode',
    options: [
      { label: 'Fast', value: 'fast' },
      { label: 'Safe', value: 'safe' },
    ],
  },
  methods: {
    type: 'multiselect',
    label: 'Methods',
    options: [
      { label: 'GET', value: 'GET' },
      { label: 'POST', value: 'POST' },
    ],
  },
  headers: { type: 'keyValue', label: 'Headers' },
  body: { type: 'json', label: 'Body' },
  html: { type: 'code', label: 'HTML', language: 'html' },
  ips: { type: 'stringList', label: 'IPs' },
  credentialId: { type: 'credential', label: 'Credential', credentialTypes: ['http.bearer'] },
  auth: {
    type: 'object',
    label: 'Authentication',
    props: {
      type: {
        type: 'select',
        label: 'Method',
        options: [
          { label: 'None', value: 'none' },
          { label: 'Header', value: 'header' },
        ],
      },
      value: {
        type: 'text',
        label: 'Token',
        secret: true,
        displayOptions: { show: { type: ['header'] } },
      },
    },
  },
  slowOnly: { type: 'text', label: 'Slow only', displayOptions: { hide: { mode: ['fast'] } } },
};

function Harness({
  initial,
  onValue,
}: {
  initial: ConfigValue;
  onValue: (value: ConfigValue) => void;
}) {
  const [value, setValue] = useState(initial);
  return (
    <PickerContext.Provider value={{ sample: null, setTarget: () => undefined, teamId: TEAM_ID }}>
      <CredentialFieldSlot.Provider value={renderCredentialField}>
        <PropsForm
          props={props}
          value={value}
          idPrefix="f"
          fieldIssues={{ name: 'field "name" is required' }}
          onChange={(next) => {
            setValue(next);
            onValue(next);
          }}
        />
      </CredentialFieldSlot.Provider>
    </PickerContext.Provider>
  );
}

async function setup(initial: ConfigValue = {}) {
  mockApi({
    'GET /api/teams/t1/credentials': [
      { id: 'c1', name: 'CRM token', type: 'http.bearer', fields: { token: true } },
      { id: 'c2', name: 'Mail', type: 'smtp', fields: {} },
    ],
  });
  const onValue = jest.fn();
  render(<Harness initial={initial} onValue={onValue} />);
  // The credential picker loads the team's credentials: let that land before the test acts.
  await screen.findByRole('option', { name: 'CRM token (Bearer token)' });
  const last = () => onValue.mock.calls.at(-1)![0] as ConfigValue;
  return { last };
}

describe(PropsForm.name, () => {
  it('renders an input per prop type and writes typed values', async () => {
    const { last } = await setup();

    fireEvent.change(screen.getByLabelText(/^Name/), { target: { value: 'Ada' } });
    expect(last()).toEqual({ name: 'Ada' });
    fireEvent.change(screen.getByLabelText('Notes'), { target: { value: 'two\nlines' } });
    fireEvent.change(screen.getByLabelText('Count'), { target: { value: '42' } });
    fireEvent.click(screen.getByLabelText('Enabled'));
    fireEvent.change(screen.getByLabelText('Mode'), { target: { value: 'safe' } });
    fireEvent.click(screen.getByRole('checkbox', { name: 'POST' }));
    fireEvent.change(screen.getByLabelText('HTML'), { target: { value: '<b>hi</b>' } });
    fireEvent.change(screen.getByLabelText('IPs'), {
      target: { value: '10.0.0.0/8\n192.168.0.0/16' },
    });
    expect(last()).toEqual({
      name: 'Ada',
      notes: 'two\nlines',
      count: 42,
      enabled: true,
      mode: 'safe',
      methods: ['POST'],
      html: '<b>hi</b>',
      ips: ['10.0.0.0/8', '192.168.0.0/16'],
    });

    // Emptying a field removes it from the config.
    fireEvent.change(screen.getByLabelText('Count'), { target: { value: '' } });
    expect(last()).not.toHaveProperty('count');
    expect(screen.getByText('field "name" is required')).toBeInTheDocument();
  });

  it('edits key/value rows and JSON (falling back to text)', async () => {
    const { last } = await setup();

    fireEvent.click(screen.getByRole('button', { name: '+ Add headers' }));
    fireEvent.change(screen.getByLabelText('Headers name 1'), { target: { value: 'X-Id' } });
    fireEvent.change(document.getElementById('f-headers-value-0')!, {
      target: { value: '{{ trigger.body.id }}' },
    });
    expect(last().headers).toEqual({ 'X-Id': '{{ trigger.body.id }}' });
    fireEvent.click(screen.getByRole('button', { name: 'Remove Headers X-Id' }));
    expect(last()).not.toHaveProperty('headers');

    fireEvent.change(screen.getByLabelText('Body'), { target: { value: '{"total": 5}' } });
    expect(last().body).toEqual({ total: 5 });
    fireEvent.change(screen.getByLabelText('Body'), {
      target: { value: 'plain {{ trigger.body.id }}' },
    });
    expect(last().body).toBe('plain {{ trigger.body.id }}');
    expect(
      screen.getByText(
        'Not JSON, sent as text: unquoted text at line 1 col 1 — did you mean "plain"?',
      ),
    ).toBeInTheDocument();
  });

  it('shows conditional fields per displayOptions and secrets as password inputs', async () => {
    const { last } = await setup({ mode: 'fast', auth: { type: 'none' } });

    expect(screen.queryByLabelText(/Token/)).not.toBeInTheDocument();
    expect(screen.queryByLabelText('Slow only')).not.toBeInTheDocument();
    fireEvent.change(screen.getByLabelText('Method'), { target: { value: 'header' } });
    const token = screen.getByLabelText(/Token/);
    expect(token).toHaveAttribute('type', 'password');
    // The API masks stored secrets; sent back unchanged, it keeps them.
    fireEvent.change(token, { target: { value: '••••••' } });
    expect(last().auth).toEqual({ type: 'header', value: '••••••' });
    fireEvent.change(screen.getByLabelText('Mode'), { target: { value: 'safe' } });
    expect(screen.getByLabelText('Slow only')).toBeInTheDocument();
  });

  it('offers only credentials of the accepted types', async () => {
    const { last } = await setup();
    const picker = screen.getByLabelText('Credential');
    expect(
      await screen.findByRole('option', { name: 'CRM token (Bearer token)' }),
    ).toBeInTheDocument();
    expect(screen.queryByRole('option', { name: /Mail/ })).not.toBeInTheDocument();
    fireEvent.change(picker, { target: { value: 'c1' } });
    expect(last().credentialId).toBe('c1');
  });
});
