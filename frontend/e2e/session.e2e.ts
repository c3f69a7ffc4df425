/*
 * The browser session in Chromium against the real backend: an HttpOnly cookie page script cannot
 * read, CSRF-protected writes, log-out, and log-out-everywhere reaching another browser.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium, startBackend, type RunningBackend } from './support/hookflow-backend';
import { logInThroughForm, PASSWORD } from './support/accounts';

let backend: RunningBackend | undefined;
let browser: Browser | undefined;

beforeAll(async () => {
  backend = await startBackend();
  browser = await launchChromium();
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await backend?.stop();
}, 30_000);

async function logInThroughTheForm(context: BrowserContext, email: string): Promise<Page> {
  const page = await context.newPage();
  await logInThroughForm(page, backend!.baseUrl, email);
  return page;
}

test('keeps the session in an HttpOnly cookie that page script cannot read', async () => {
  const baseUrl = backend!.baseUrl;
  const context = await browser!.newContext();
  const page = await context.newPage();
  await page.goto(`${baseUrl}/signup`);
  await page.getByLabel('Name').fill('Cookie');
  await page.getByLabel('E-mail').fill('cookie@example.com');
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign up' }).click();
  await page.waitForURL(`${baseUrl}/flows`);

  const [session] = (await context.cookies()).filter((cookie) => cookie.name === 'hf_session');
  expect(session).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/api' });
  const readable = await page.evaluate(
    () =>
      document.cookie + JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }),
  );
  expect(readable).not.toContain(session.value);
  expect(readable).not.toContain('hookflow.token');

  // A write from the editor carries the CSRF token; one without it is refused.
  await page.getByRole('button', { name: 'New flow' }).click();
  await page.getByRole('button', { name: 'Create flow' }).click();
  await page.waitForURL(/\/flows\/[^/]+$/);
  const forged = await page.evaluate(async () => {
    const response = await fetch('/api/me/api-keys', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'no csrf header' }),
    });
    return response.status;
  });
  expect(forged).toBe(403);

  // A reload keeps the session (the cookie), and "Log out" ends it.
  await page.reload();
  await page.locator('[data-testid=flow-canvas] .react-flow__node').first().waitFor();
  await page.getByRole('button', { name: 'Log out', exact: true }).click();
  await page.waitForURL(`${baseUrl}/login`);
  expect((await context.cookies()).some((cookie) => cookie.name === 'hf_session')).toBe(false);
  await page.goto(`${baseUrl}/flows`);
  await page.waitForURL(`${baseUrl}/login`);
  await context.close();
});

test('"Log out everywhere" signs out the other browsers too', async () => {
  const baseUrl = backend!.baseUrl;
  const signup = await fetch(`${baseUrl}/api/auth/signup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'everywhere@example.com', password: PASSWORD, name: 'Two' }),
  });
  expect(signup.status).toBe(201);
  const laptop = await browser!.newContext();
  const phone = await browser!.newContext();
  const onLaptop = await logInThroughTheForm(laptop, 'everywhere@example.com');
  const onPhone = await logInThroughTheForm(phone, 'everywhere@example.com');

  await onLaptop.getByRole('button', { name: 'Log out everywhere' }).click();
  await onLaptop.waitForURL(`${baseUrl}/login`);
  await onPhone.reload();
  await onPhone.waitForURL(`${baseUrl}/login`);
  await laptop.close();
  await phone.close();
});
