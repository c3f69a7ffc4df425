import { render, screen } from '@testing-library/react';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { mockApi, signIn } from '../test/api-mock';
import { routes } from './routes';

// The canvas chunk fails to load, as after a deploy replaced it.
jest.mock('../editor/canvas-page', () => {
  throw new Error('Failed to fetch dynamically imported module');
});

it('keeps the top bar and shows the error when a page fails to load', async () => {
  signIn();
  mockApi();
  const router = createMemoryRouter(routes, { initialEntries: ['/flows/f1'] });
  render(<RouterProvider router={router} />);

  expect(await screen.findByRole('alert')).toHaveTextContent(
    'Failed to fetch dynamically imported module',
  );
  expect(screen.getByRole('navigation', { name: 'Main' })).toBeInTheDocument();
  expect(screen.getByRole('link', { name: 'Reload flows' })).toHaveAttribute('href', '/flows');
});
