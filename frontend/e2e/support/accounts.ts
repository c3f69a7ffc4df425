import type { Page } from 'playwright-core';
import { apiCall } from './api-call';

/** The password every browser test's accounts use. */
export const PASSWORD = 'correct horse battery';

export interface SignedUp {
  token: string;
  team: { id: string };
}

/** A new account (with its personal team) made through the API; its bearer token for API calls. */
export function signUpByApi(baseUrl: string, name: string, email: string): Promise<SignedUp> {
  return apiCall<SignedUp>(baseUrl, 'POST', '/api/auth/signup', {
    name,
    email,
    password: PASSWORD,
    session: 'bearer',
  });
}

/**
 * Signs the browser in as after the log-in page, without driving the form: the log-in call
 * from the page leaves the session in its HttpOnly cookie.
 */
export async function logInWithCookie(page: Page, baseUrl: string, email: string): Promise<void> {
  await page.goto(`${baseUrl}/login`);
  await page.evaluate(
    async ({ email, password }) => {
      const response = await fetch('/api/auth/login', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email, password }),
      });
      if (!response.ok) throw new Error(`log-in answered ${response.status}`);
    },
    { email, password: PASSWORD },
  );
}

/** Logs in through the log-in page and waits for the flow list. */
export async function logInThroughForm(
  page: Page,
  baseUrl: string,
  email: string,
  password = PASSWORD,
): Promise<void> {
  await page.goto(`${baseUrl}/login`);
  await page.getByLabel('E-mail').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.waitForURL(`${baseUrl}/flows`);
}
