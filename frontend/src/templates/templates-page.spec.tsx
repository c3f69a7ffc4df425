import { builtInTemplates, type Template } from '@hookflow/shared';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { mockApi, signIn, signOut } from '../test/api-mock';
import { jsonResponse } from '../test/fetch-mock';
import { readText } from './template-files';
import { TemplatesPage } from './templates-page';

const builtIns: Template[] = builtInTemplates.map(({ id, document }) => ({
  id,
  teamId: null,
  builtIn: true,
  name: document.name,
  description: document.description,
  document,
  createdBy: null,
  createdAt: null,
}));
const [github] = builtIns;
const teamTemplate: Template = {
  ...builtIns[2],
  id: 'tpl-1',
  teamId: 't1',
  builtIn: false,
  name: 'Status watch',
  createdBy: 'u1',
  createdAt: '2025-01-01T00:00:00Z',
};
const credentials = [
  { id: 'c-slack', teamId: 't1', name: 'Team Slack', type: 'slack.webhook', fields: {} },
  { id: 'c-mail', teamId: 't1', name: 'Mail', type: 'smtp', fields: {} },
];

function renderPage() {
  const router = createMemoryRouter(
    [
      { path: '/templates', element: <TemplatesPage /> },
      { path: '/flows/:flowId', element: <p>canvas route</p> },
    ],
    { initialEntries: ['/templates'] },
  );
  render(<RouterProvider router={router} />);
  return router;
}

const cardOf = (name: string) => screen.getByRole('article', { name });

beforeEach(signIn);
afterEach(signOut);

describe('TemplatesPage', () => {
  it('shows built-in and team templates as cards with their steps and what they need', async () => {
    mockApi({ 'GET /api/teams/t1/templates': [...builtIns, teamTemplate] });
    renderPage();

    const card = await screen.findByRole('article', { name: 'GitHub push → Slack message' });
    expect(within(card).getByText('Built-in')).toBeInTheDocument();
    expect(
      within(within(card).getByRole('list', { name: 'Steps' }))
        .getAllByRole('listitem')
        .map((step) => step.textContent),
    ).toEqual(['Webhook', 'Slack message']);
    expect(within(card).getByRole('list', { name: 'Needs' })).toHaveTextContent(
      'Slack incoming webhook or Slack bot token',
    );
    expect(within(card).getByRole('list', { name: 'Needs' })).toHaveTextContent(
      'Signing secret (GitHub webhook)',
    );
    expect(within(card).queryByRole('button', { name: 'Delete' })).not.toBeInTheDocument();
    expect(within(cardOf('Status watch')).getByRole('button', { name: 'Delete' })).toBeVisible();
  });

  it('maps each placeholder to a credential of its type and opens the new flow', async () => {
    const fetchMock = mockApi({
      'GET /api/teams/t1/templates': builtIns,
      'GET /api/teams/t1/credentials': credentials,
      'POST /api/teams/t1/templates/builtin-github-push-to-slack/use': (init?: RequestInit) =>
        JSON.parse(String(init?.body)).credentials.n3 === 'c-slack'
          ? jsonResponse(201, { id: 'f42' })
          : jsonResponse(400, {
              statusCode: 400,
              error: 'Bad Request',
              message: 'mapping',
              issues: [{ nodeId: 'n3', message: 'Node "Tell Slack" (n3): needs a credential' }],
            }),
    });
    const router = renderPage();

    fireEvent.click(
      within(await screen.findByRole('article', { name: github.name })).getByRole('button', {
        name: 'Use template',
      }),
    );
    const dialog = screen.getByRole('dialog', { name: `Use “${github.name}”` });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Create flow' }));
    expect(
      await within(dialog).findByText('Node "Tell Slack" (n3): needs a credential'),
    ).toBeVisible();

    const picker = within(dialog).getByLabelText(
      'Tell Slack: Slack incoming webhook or Slack bot token',
    );
    // Only credentials of the placeholder's types are offered.
    await waitFor(() =>
      expect(
        within(picker)
          .getAllByRole('option')
          .map((option) => option.textContent),
      ).toEqual(['— none —', 'Team Slack (Slack incoming webhook)']),
    );
    fireEvent.change(picker, { target: { value: 'c-slack' } });
    fireEvent.change(within(dialog).getByLabelText('GitHub webhook: Signing secret'), {
      target: { value: 'gh-secret' },
    });
    fireEvent.change(within(dialog).getByLabelText('Flow name'), { target: { value: 'Pushes' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Create flow' }));

    expect(await screen.findByText('canvas route')).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/flows/f42');
    const use = fetchMock.mock.calls.filter(([url]) => url.endsWith('/use'));
    expect(JSON.parse(String(use[1][1]?.body))).toEqual({
      name: 'Pushes',
      credentials: { n3: 'c-slack' },
      secrets: { n1: { 'auth.secret': 'gh-secret' } },
    });
  });

  it('imports a JSON file into the library and lists what the server refused', async () => {
    let listed: Template[] = builtIns;
    const fetchMock = mockApi({
      'GET /api/teams/t1/templates': () => jsonResponse(200, listed),
      'POST /api/teams/t1/templates': (init?: RequestInit) => {
        const { document } = JSON.parse(String(init?.body));
        if (document.name === 'Leaky') {
          return jsonResponse(400, {
            statusCode: 400,
            error: 'Bad Request',
            message: 'secrets',
            issues: [
              {
                nodeId: 'n2',
                field: 'headers.X-Api-Key',
                message: 'Node "Read status" (n2): field "headers.X-Api-Key" holds a secret',
              },
            ],
          });
        }
        listed = [...builtIns, teamTemplate];
        return jsonResponse(201, teamTemplate);
      },
    });
    renderPage();
    await screen.findByRole('article', { name: github.name });
    const input = screen.getByLabelText('Template file');

    const file = (name: string, content: string) =>
      new File([content], name, { type: 'application/json' });
    fireEvent.change(input, { target: { files: [file('notes.json', 'not json')] } });
    expect(await screen.findByText('notes.json is not a JSON file')).toBeVisible();

    const leaky = { ...teamTemplate.document, name: 'Leaky' };
    fireEvent.change(input, { target: { files: [file('leaky.json', JSON.stringify(leaky))] } });
    expect(
      await screen.findByText('Node "Read status" (n2): field "headers.X-Api-Key" holds a secret'),
    ).toBeVisible();

    fireEvent.change(input, {
      target: { files: [file('ok.json', JSON.stringify(teamTemplate.document))] },
    });
    expect(await screen.findByRole('article', { name: 'Status watch' })).toBeVisible();
    expect(fetchMock).toHaveBeenCalledWith(
      '/api/teams/t1/templates',
      expect.objectContaining({
        method: 'POST',
        body: JSON.stringify({ document: teamTemplate.document }),
      }),
    );
  });

  it('downloads a template as JSON and deletes team templates', async () => {
    let listed: Template[] = [...builtIns, teamTemplate];
    mockApi({
      'GET /api/teams/t1/templates': () => jsonResponse(200, listed),
      'DELETE /api/teams/t1/templates/tpl-1': () => {
        listed = builtIns;
        return jsonResponse(204, undefined);
      },
    });
    const blobs: Blob[] = [];
    URL.createObjectURL = jest.fn((blob: Blob) => {
      blobs.push(blob);
      return 'blob:template';
    });
    URL.revokeObjectURL = jest.fn();
    const click = jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (
      this: HTMLAnchorElement,
    ) {
      expect(this.download).toBe('github-push-slack-message.hookflow.json');
    });
    renderPage();

    fireEvent.click(
      within(await screen.findByRole('article', { name: github.name })).getByRole('button', {
        name: 'Download JSON',
      }),
    );
    expect(click).toHaveBeenCalled();
    expect(JSON.parse(await readText(blobs[0]))).toEqual(github.document);

    fireEvent.click(within(cardOf('Status watch')).getByRole('button', { name: 'Delete' }));
    const asked = screen.getByRole('alertdialog', { name: 'Delete the template “Status watch”?' });
    expect(asked).toHaveTextContent('Flows made from it stay as they are.');
    fireEvent.click(within(asked).getByRole('button', { name: 'Delete template' }));
    await waitFor(() =>
      expect(screen.queryByRole('article', { name: 'Status watch' })).not.toBeInTheDocument(),
    );
    click.mockRestore();
  });
});
