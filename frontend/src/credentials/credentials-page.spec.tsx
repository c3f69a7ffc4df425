import type { CredentialUsage, CredentialView } from '@hookflow/shared';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { mockApi, signIn, signOut } from '../test/api-mock';
import { jsonResponse } from '../test/fetch-mock';
import { CredentialsPage } from './credentials-page';

const credential: CredentialView = {
  id: 'c1',
  teamId: 't1',
  name: 'Orders API',
  type: 'http.bearer',
  fields: { token: true },
  createdAt: '2025-01-01T00:00:00Z',
  updatedAt: '2025-01-01T00:00:00Z',
};
const use = (flowId: string, flowName: string, inPublished: boolean) => ({
  flowId,
  flowName,
  inDraft: true,
  inPublished,
  publishedVersion: inPublished ? 3 : null,
  enabled: true,
});

/** The page with one credential used as `usage` says; records the DELETE URLs it was sent. */
function renderWith(usage: CredentialUsage['flows']) {
  let listed = [credential];
  const deletes: string[] = [];
  const remove = (path: string) => () => {
    deletes.push(path);
    listed = [];
    return jsonResponse(204, undefined);
  };
  const plain = '/api/teams/t1/credentials/c1';
  const forced = `${plain}?force=true`;
  mockApi({
    'GET /api/teams/t1/credentials': () => jsonResponse(200, listed),
    'GET /api/teams/t1/credentials/c1/usage': { credentialId: 'c1', flows: usage },
    [`DELETE ${plain}`]: remove(plain),
    [`DELETE ${forced}`]: remove(forced),
  });
  const router = createMemoryRouter(
    [
      { path: '/credentials', element: <CredentialsPage /> },
      { path: '/flows/:flowId', element: <p>editor</p> },
    ],
    { initialEntries: ['/credentials'] },
  );
  render(<RouterProvider router={router} />);
  return { deletes, router };
}

const openDelete = async () => {
  fireEvent.click(await screen.findByRole('button', { name: 'Delete' }));
  return screen.getByRole('alertdialog', { name: 'Delete the credential “Orders API”?' });
};

beforeEach(signIn);
afterEach(signOut);

describe(CredentialsPage.name, () => {
  it('lists the published flows that use it, linked, and deletes only with "Delete anyway"', async () => {
    const { deletes, router } = renderWith([
      use('f1', 'Live orders', true),
      use('f2', 'Sketch', false),
    ]);
    const dialog = await openDelete();

    const flows = await within(dialog).findByRole('list', { name: 'Flows that use it' });
    expect(within(flows).getByRole('link', { name: 'Live orders' })).toHaveAttribute(
      'href',
      '/flows/f1',
    );
    expect(within(flows).getByText('published v3')).toBeInTheDocument();
    expect(within(flows).getByRole('link', { name: 'Sketch' }).parentElement).toHaveTextContent(
      'draft',
    );
    expect(dialog).toHaveTextContent('their live runs fail from now on');
    expect(within(dialog).queryByRole('button', { name: 'Delete credential' })).toBeNull();

    fireEvent.click(within(dialog).getByRole('button', { name: 'Delete anyway' }));

    await waitFor(() => expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument());
    expect(deletes).toEqual(['/api/teams/t1/credentials/c1?force=true']);
    expect(router.state.location.pathname).toBe('/credentials');
  });

  it('deletes one no published flow uses with a plain delete, and Cancel sends nothing', async () => {
    const { deletes } = renderWith([]);
    let dialog = await openDelete();
    expect(await within(dialog).findByText('No flow uses it.')).toBeInTheDocument();

    fireEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(deletes).toEqual([]);

    dialog = await openDelete();
    // Not before the usage is known: the button would not know what it deletes.
    expect(within(dialog).getByRole('button', { name: 'Delete credential' })).toBeDisabled();
    await within(dialog).findByText('No flow uses it.');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Delete credential' }));
    await waitFor(() => expect(deletes).toEqual(['/api/teams/t1/credentials/c1']));
    expect(await screen.findByRole('heading', { name: 'No credentials yet' })).toBeInTheDocument();
  });
});
