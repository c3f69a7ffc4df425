import { render, screen } from '@testing-library/react';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { jsonResponse, mockFetch } from '../test/fetch-mock';
import { routes } from './routes';

// The canvas chunk fails to load, as after a deploy replaced it.
jest.mock('../canvas/canvas-page', () => {
  throw new Error('Failed to fetch dynamically imported module');
});

it('keeps the top bar and shows the error when a page fails to load', async () => {
  mockFetch(async () => jsonResponse(200, { status: 'ok', checks: {} }));
  const router = createMemoryRouter(routes, { initialEntries: ['/flows/new'] });
  render(<RouterProvider router={router} />);

  expect(await screen.findByRole('alert')).toHaveTextContent(
    'Failed to fetch dynamically imported module',
  );
  expect(screen.getByRole('navigation', { name: 'Main' })).toBeInTheDocument();
  expect(screen.getByRole('link', { name: 'Reload flows' })).toHaveAttribute('href', '/flows');
});
