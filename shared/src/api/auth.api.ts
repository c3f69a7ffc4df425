import { z } from 'zod';
import { passwordProblem } from './password-policy';
import type { TeamMembership, Team } from './teams.api';

/**
 * How the session is handed out: `cookie` (browsers; an HttpOnly cookie page script cannot
 * read, plus a CSRF token for writes) or `bearer` (scripts: the token in the body, no cookie).
 */
const sessionMode = z.enum(['cookie', 'bearer']).default('cookie');

export const signupBodySchema = z
  .object({
    email: z.email().max(254),
    password: z.string().min(10, 'must be at least 10 characters').max(200),
    name: z.string().trim().min(1).max(100),
    session: sessionMode,
  })
  .superRefine((body, context) => {
    const problem = passwordProblem(body.password, body);
    if (problem) context.addIssue({ code: 'custom', path: ['password'], message: problem });
  });

export const loginBodySchema = z.object({
  email: z.email(),
  password: z.string().min(1),
  session: sessionMode,
});

export type SignupBody = z.infer<typeof signupBodySchema>;
export type LoginBody = z.infer<typeof loginBodySchema>;

export interface User {
  id: string;
  email: string;
  name: string;
  createdAt: string;
}

/** `POST /api/auth/signup` (with the new personal team) and `POST /api/auth/login`. */
export interface AuthResponse {
  /** Only with `session: "bearer"`: browsers get an HttpOnly cookie instead. */
  token?: string;
  /** Only with the cookie: send it as `X-CSRF-Token` on every write. */
  csrfToken?: string;
  /** When the session ends unless renewed by use (ISO 8601). */
  expiresAt: string;
  user: User;
  team?: Team;
}

/**
 * `GET /api/auth/session`: whether this browser sends a session cookie at all. The editor asks
 * before `/api/me`, so a visitor who never logged in gets a 200 rather than an expected 401
 * (which browsers log as a failed request).
 */
export interface SessionCookieStatus {
  hasSessionCookie: boolean;
}

/** `GET /api/me`. */
export interface MeResponse {
  user: User;
  teams: TeamMembership[];
  /** Present when the caller used the session cookie: the X-CSRF-Token for its writes. */
  csrfToken?: string;
}
