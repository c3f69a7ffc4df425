import type { TeamMember } from '@hookflow/shared';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { routes } from '../app/routes';
import { mockApi, signIn, signOut } from '../test/api-mock';
import { jsonResponse } from '../test/fetch-mock';

const ada: TeamMember = { userId: 'u1', email: 'ada@example.com', name: 'Ada', role: 'owner' };
const bob: TeamMember = { userId: 'u2', email: 'bob@example.com', name: 'Bob', role: 'editor' };
const cyd: TeamMember = { userId: 'u3', email: 'cyd@example.com', name: 'Cyd', role: 'viewer' };

const meAs = (role: TeamMember['role'], teams = [{ id: 't1', name: 'Ops', role }]) => ({
  user: { id: 'u1', email: 'ada@example.com', name: 'Ada', createdAt: '2025-01-01T00:00:00Z' },
  teams,
});

const conflict = (message: string) =>
  jsonResponse(409, { statusCode: 409, error: 'Conflict', message });

function renderPage() {
  const router = createMemoryRouter(routes, { initialEntries: ['/team'] });
  render(<RouterProvider router={router} />);
  return router;
}

const bodyOf = (init?: RequestInit) => JSON.parse(String(init?.body)) as unknown;

beforeEach(signIn);
afterEach(() => {
  jest.restoreAllMocks();
  signOut();
});

describe('TeamSettingsPage', () => {
  it('is linked from the main navigation and lists members with their roles', async () => {
    mockApi({ 'GET /api/me': meAs('owner'), 'GET /api/teams/t1/members': [ada, bob, cyd] });
    renderPage();

    expect(
      await screen.findByRole('heading', { name: 'Team settings' }, { timeout: 5000 }),
    ).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Team' })).toHaveAttribute('href', '/team');
    const table = await screen.findByRole('table', { name: 'Members' });
    expect(within(table).getByText('(you)').closest('tr')).toHaveTextContent('Ada');
    expect(screen.getByRole('combobox', { name: 'Role of Bob' })).toHaveValue('editor');
    expect(screen.getByRole('combobox', { name: 'Role of Cyd' })).toHaveValue('viewer');
    expect(screen.getByText('Members of Ops. You are an owner.')).toBeInTheDocument();
  });

  it("disables the last owner's Leave team and says why; a second owner makes it possible", async () => {
    let members = [ada, bob];
    mockApi({
      'GET /api/me': meAs('owner'),
      'GET /api/teams/t1/members': () => jsonResponse(200, members),
      'PATCH /api/teams/t1/members/u2': () => {
        members = [ada, { ...bob, role: 'owner' }];
        return jsonResponse(200, members[1]);
      },
    });
    renderPage();

    const leave = await screen.findByRole('button', { name: 'Leave team' });
    expect(leave).toBeDisabled();
    expect(leave).toHaveAccessibleDescription(
      'You are the last owner: make another member owner first, then you can leave.',
    );
    expect(leave.parentElement).toHaveAttribute('title', expect.stringContaining('last owner'));

    fireEvent.change(screen.getByRole('combobox', { name: 'Role of Bob' }), {
      target: { value: 'owner' },
    });
    await waitFor(() => expect(screen.getByRole('button', { name: 'Leave team' })).toBeEnabled());
    expect(screen.queryByText(/You are the last owner/)).not.toBeInTheDocument();
  });

  it('invites by e-mail and role, and shows the API error next to the e-mail field', async () => {
    let members = [ada];
    const fetchMock = mockApi({
      'GET /api/me': meAs('owner'),
      'GET /api/teams/t1/members': () => jsonResponse(200, members),
      'POST /api/teams/t1/members': (init?: RequestInit) => {
        const { email } = bodyOf(init) as { email: string };
        if (email !== bob.email)
          return jsonResponse(404, {
            statusCode: 404,
            error: 'Not Found',
            message: `field "email": no Hookflow account uses ${email}; ask them to sign up first`,
          });
        members = [ada, { ...bob, role: 'viewer' }];
        return jsonResponse(201, members[1]);
      },
    });
    renderPage();

    expect(await screen.findByText(/You are the only member so far/)).toBeInTheDocument();
    const email = screen.getByLabelText('E-mail');
    fireEvent.change(email, { target: { value: 'nobody@example.com' } });
    fireEvent.click(screen.getByRole('button', { name: 'Invite' }));

    const message = await screen.findByText(
      'no Hookflow account uses nobody@example.com; ask them to sign up first',
    );
    expect(email.closest('.field')).toContainElement(message);
    expect(email).toHaveAttribute('aria-invalid', 'true');

    fireEvent.change(email, { target: { value: bob.email } });
    fireEvent.change(screen.getByLabelText('Role'), { target: { value: 'viewer' } });
    fireEvent.click(screen.getByRole('button', { name: 'Invite' }));

    expect(await screen.findByRole('combobox', { name: 'Role of Bob' })).toHaveValue('viewer');
    expect(screen.getByText('Bob joined as viewer.')).toHaveAttribute('role', 'status');
    expect(email).toHaveValue('');
    expect(email).not.toHaveAttribute('aria-invalid');
    const invites = fetchMock.mock.calls.filter(([, init]) => init?.method === 'POST');
    expect(bodyOf(invites[1][1])).toEqual({ email: bob.email, role: 'viewer' });
  });

  it('changes roles, shows a refused change in its row, and removes members', async () => {
    let members = [ada, bob];
    const fetchMock = mockApi({
      'GET /api/me': meAs('owner'),
      'GET /api/teams/t1/members': () => jsonResponse(200, members),
      'PATCH /api/teams/t1/members/u2': (init?: RequestInit) => {
        members = [ada, { ...bob, ...(bodyOf(init) as object) }];
        return jsonResponse(200, members[1]);
      },
      'PATCH /api/teams/t1/members/u1': () =>
        conflict('The last owner cannot leave or stop being owner; make someone else owner first'),
      'DELETE /api/teams/t1/members/u2': () => {
        members = [ada];
        return jsonResponse(204, undefined);
      },
    });
    renderPage();

    fireEvent.change(await screen.findByRole('combobox', { name: 'Role of Bob' }), {
      target: { value: 'owner' },
    });
    await waitFor(() =>
      expect(screen.getByRole('combobox', { name: 'Role of Bob' })).toHaveValue('owner'),
    );
    expect(
      fetchMock.mock.calls.find(([url, init]) => init?.method === 'PATCH' && url.endsWith('/u2')),
    ).toBeDefined();

    const adaRole = screen.getByRole('combobox', { name: 'Role of Ada' });
    fireEvent.change(adaRole, { target: { value: 'viewer' } });
    const refused = await screen.findByRole('alert');
    expect(refused).toHaveTextContent('The last owner cannot leave or stop being owner');
    expect(adaRole.closest('td')).toContainElement(refused);
    expect(adaRole).toHaveValue('owner');

    const bobRow = screen.getByText('Bob').closest('tr')!;
    fireEvent.click(within(bobRow).getByRole('button', { name: 'Remove' }));
    // Asked in the app, not by the browser; nothing is sent before the answer.
    const asked = screen.getByRole('alertdialog', { name: 'Remove Bob?' });
    expect(asked).toHaveTextContent('Bob (bob@example.com) loses access to the flows');
    expect(asked).toHaveTextContent('of Ops');
    expect(fetchMock.mock.calls.some(([, init]) => init?.method === 'DELETE')).toBe(false);
    fireEvent.click(within(asked).getByRole('button', { name: 'Remove' }));
    await waitFor(() => expect(screen.queryByText('Bob')).not.toBeInTheDocument());
    expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();
  });

  it('is read-only for viewers, who may still leave the team', async () => {
    let teams = [
      { id: 't1', name: 'Ops', role: 'viewer' as const },
      { id: 't2', name: "Ada's team", role: 'owner' as const },
    ];
    const fetchMock = mockApi({
      'GET /api/me': () => jsonResponse(200, meAs('viewer', teams)),
      'GET /api/teams/t1/members': [
        { ...bob, role: 'owner' },
        { ...ada, role: 'viewer' },
      ],
      'DELETE /api/teams/t1/members/u1': () => {
        teams = teams.filter((team) => team.id !== 't1');
        return jsonResponse(204, undefined);
      },
      'GET /api/teams/t2/flows': [],
    });
    const router = renderPage();

    const table = await screen.findByRole('table', { name: 'Members' });
    expect(screen.queryByRole('form', { name: 'Invite a member' })).not.toBeInTheDocument();
    expect(screen.getByText(/Only owners can invite members/)).toBeInTheDocument();
    expect(within(table).queryByRole('combobox')).not.toBeInTheDocument();
    expect(within(table).queryByRole('button', { name: 'Remove' })).not.toBeInTheDocument();
    expect(within(table).getByText('Owner').closest('tr')).toHaveTextContent('Bob');

    fireEvent.click(within(table).getByRole('button', { name: 'Leave team' }));
    fireEvent.click(
      within(screen.getByRole('alertdialog', { name: 'Leave Ops?' })).getByRole('button', {
        name: 'Leave team',
      }),
    );

    await waitFor(() => expect(router.state.location.pathname).toBe('/flows'));
    expect(fetchMock).toHaveBeenCalledWith(
      '/api/teams/t1/members/u1',
      expect.objectContaining({ method: 'DELETE' }),
    );
    expect(await screen.findByRole('combobox', { name: 'Team' })).toHaveDisplayValue("Ada's team");
  });
});
