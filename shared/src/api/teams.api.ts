import { z } from 'zod';

export const teamRoles = ['owner', 'editor', 'viewer'] as const;
export type TeamRole = (typeof teamRoles)[number];

export interface Team {
  id: string;
  name: string;
}

/** A team as seen by one member. */
export interface TeamMembership extends Team {
  role: TeamRole;
}

/** A row of `GET /api/teams/:teamId/members`. */
export interface TeamMember {
  userId: string;
  email: string;
  name: string;
  role: TeamRole;
}

export const createTeamBodySchema = z.object({ name: z.string().trim().min(1).max(100) });
export const addTeamMemberBodySchema = z.object({ email: z.email(), role: z.enum(teamRoles) });
export const changeTeamMemberRoleBodySchema = z.object({ role: z.enum(teamRoles) });

export type CreateTeamBody = z.infer<typeof createTeamBodySchema>;
export type AddTeamMemberBody = z.infer<typeof addTeamMemberBodySchema>;
export type ChangeTeamMemberRoleBody = z.infer<typeof changeTeamMemberRoleBodySchema>;
