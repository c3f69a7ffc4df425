import { z } from 'zod';
import type { TeamMembership, Team } from './teams.api';

export const signupBodySchema = z.object({
  email: z.email().max(254),
  password: z.string().min(10, 'must be at least 10 characters').max(200),
  name: z.string().trim().min(1).max(100),
});

export const loginBodySchema = z.object({
  email: z.email(),
  password: z.string().min(1),
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
  token: string;
  user: User;
  team?: Team;
}

/** `GET /api/me`. */
export interface MeResponse {
  user: User;
  teams: TeamMembership[];
}
