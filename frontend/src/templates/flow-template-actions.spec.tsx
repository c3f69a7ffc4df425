import { builtInTemplates, createDefaultDefinition, type FlowView } from '@hookflow/shared';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { FlowStoreProvider, useFlowStore } from '../editor/flow-store-context';
import { mockApi, signIn, signOut } from '../test/api-mock';
import { jsonResponse } from '../test/fetch-mock';
import { FlowTemplateActions } from './flow-template-actions';

const flow = {
  id: 'f1',
  teamId: 't1',
  name: 'Refunds',
  description: '',
  status: 'draft',
  publishedVersion: null,
  hasUnpublishedChanges: false,
  createdAt: '2025-01-01T00:00:00Z',
  updatedAt: '2025-01-01T00:00:00Z',
  definition: createDefaultDefinition(),
  webhookUrl: 'http://localhost/hooks/k',
  testWebhookUrl: 'http://localhost/hooks/k/test',
  issues: [],
} as FlowView;

const finding = {
  nodeId: 'n2',
  field: 'headers.Authorization',
  message:
    'Node "Call Stripe" (n2): field "headers.Authorization" holds what looks like a Stripe secret key (sk_live_); move it into a credential',
};
const refusal = () =>
  jsonResponse(400, {
    statusCode: 400,
    error: 'Bad Request',
    message: finding.message,
    issues: [finding],
  });

/** Shows which nodes the store marks with issues, as the canvas badges would. */
function IssueProbe() {
  const nodeIssues = useFlowStore((state) => state.nodeIssues);
  return <output aria-label="Marked nodes">{Object.keys(nodeIssues).join(',')}</output>;
}

function renderActions(flush = jest.fn(async () => undefined)) {
  const router = createMemoryRouter(
    [
      {
        path: '/flows/f1',
        element: (
          <FlowStoreProvider initialDefinition={flow.definition}>
            <FlowTemplateActions teamId="t1" flow={flow} flush={flush} />
            <IssueProbe />
          </FlowStoreProvider>
        ),
      },
    ],
    { initialEntries: ['/flows/f1'] },
  );
  render(<RouterProvider router={router} />);
  return flush;
}

beforeEach(signIn);
afterEach(() => {
  signOut();
  jest.restoreAllMocks();
});

describe('FlowTemplateActions', () => {
  it('lists the secret findings by node and field when the export is refused', async () => {
    mockApi({ 'GET /api/teams/t1/flows/f1/export': refusal });
    const flush = renderActions();

    fireEvent.click(screen.getByRole('button', { name: 'Export JSON' }));

    const dialog = await screen.findByRole('dialog', { name: 'This flow cannot be exported yet' });
    expect(within(dialog).getByRole('list', { name: 'Problems' })).toHaveTextContent(
      finding.message,
    );
    expect(flush).toHaveBeenCalled();
    expect(screen.getByRole('status', { name: 'Marked nodes' })).toHaveTextContent('n2');
  });

  it('downloads the template document when the export succeeds', async () => {
    const document = builtInTemplates[0].document;
    mockApi({ 'GET /api/teams/t1/flows/f1/export': document });
    URL.createObjectURL = jest.fn(() => 'blob:template');
    URL.revokeObjectURL = jest.fn();
    const downloads: string[] = [];
    jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (
      this: HTMLAnchorElement,
    ) {
      downloads.push(this.download);
    });
    renderActions();

    fireEvent.click(screen.getByRole('button', { name: 'Export JSON' }));

    await waitFor(() => expect(downloads).toEqual(['github-push-slack-message.hookflow.json']));
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
  });

  it('saves the flow as a named template, showing findings until the secret is gone', async () => {
    let leaky = true;
    const fetchMock = mockApi({
      'POST /api/teams/t1/templates': () =>
        leaky ? refusal() : jsonResponse(201, { id: 'tpl-9', name: 'Refund flow', builtIn: false }),
    });
    renderActions();

    fireEvent.click(screen.getByRole('button', { name: 'Save as template' }));
    const dialog = screen.getByRole('dialog', { name: 'Save as template' });
    fireEvent.change(within(dialog).getByLabelText('Template name'), {
      target: { value: 'Refund flow' },
    });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Save template' }));
    expect(await within(dialog).findByText(finding.message)).toBeVisible();

    leaky = false;
    fireEvent.click(within(dialog).getByRole('button', { name: 'Save template' }));
    const saved = await screen.findByRole('dialog', { name: 'Saved as a template' });
    expect(within(saved).getByRole('link', { name: 'templates' })).toHaveAttribute(
      'href',
      '/templates',
    );
    expect(fetchMock).toHaveBeenLastCalledWith(
      '/api/teams/t1/templates',
      expect.objectContaining({ body: JSON.stringify({ flowId: 'f1', name: 'Refund flow' }) }),
    );
  });
});
