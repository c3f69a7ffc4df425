import type {
  AddTeamMemberBody,
  AuthResponse,
  CreateCredentialBody,
  CredentialUsage,
  CredentialView,
  Delivery,
  DeliverySummary,
  Execution,
  ExecutionSource,
  ExecutionStatus,
  ExecutionSummary,
  FlowDefinition,
  FlowSampleData,
  FlowSummary,
  FlowVersion,
  FlowVersionSummary,
  FlowView,
  LoginBody,
  MeResponse,
  OldKeyRequests,
  SessionCookieStatus,
  Page,
  PublishFlowResponse,
  PollNowResponse,
  RetryFrom,
  RunFlowResponse,
  SignupBody,
  Team,
  TeamMember,
  TeamRole,
  UpdateCredentialBody,
} from '@hookflow/shared';
import { api } from './client';

// The answers' types live in shared, next to the backend that produces them.
export type { CredentialView, FlowView } from '@hookflow/shared';

export interface ExecutionFilter {
  flowId?: string;
  status?: ExecutionStatus;
  source?: ExecutionSource;
  /** ISO date-times bounding when the run was created. */
  from?: string;
  to?: string;
  /** An execution id (or its start) or text in the trigger body. */
  q?: string;
  cursor?: string;
  limit?: number;
}

const team = (teamId: string) => `/api/teams/${encodeURIComponent(teamId)}`;
const flowPath = (teamId: string, flowId: string) =>
  `${team(teamId)}/flows/${encodeURIComponent(flowId)}`;

function query(params: object): string {
  const entries = Object.entries(params).filter(([, value]) => value !== undefined && value !== '');
  return entries.length ? `?${new URLSearchParams(entries.map(([k, v]) => [k, String(v)]))}` : '';
}

export const authApi = {
  // The editor always takes the HttpOnly cookie: it never sees the session token itself.
  signup: (body: Omit<SignupBody, 'session'>) =>
    api.post<AuthResponse>('/api/auth/signup', { ...body, session: 'cookie' }),
  login: (body: Omit<LoginBody, 'session'>) =>
    api.post<AuthResponse>('/api/auth/login', { ...body, session: 'cookie' }),
  logout: () => api.post<void>('/api/auth/logout'),
  logoutEverywhere: () => api.post<void>('/api/auth/logout-everywhere'),
  me: (signal?: AbortSignal) => api.get<MeResponse>('/api/me', signal),
  sessionStatus: (signal?: AbortSignal) =>
    api.get<SessionCookieStatus>('/api/auth/session', signal),
  createTeam: (name: string) => api.post<Team>('/api/teams', { name }),
};

const memberPath = (teamId: string, userId: string) =>
  `${team(teamId)}/members/${encodeURIComponent(userId)}`;

export const teamsApi = {
  members: (teamId: string, signal?: AbortSignal) =>
    api.get<TeamMember[]>(`${team(teamId)}/members`, signal),
  addMember: (teamId: string, body: AddTeamMemberBody) =>
    api.post<TeamMember>(`${team(teamId)}/members`, body),
  changeRole: (teamId: string, userId: string, role: TeamRole) =>
    api.patch<TeamMember>(memberPath(teamId, userId), { role }),
  /** Removes a member; with one's own id, leaves the team. */
  removeMember: (teamId: string, userId: string) => api.delete<void>(memberPath(teamId, userId)),
};

export const flowsApi = {
  list: (teamId: string, signal?: AbortSignal) =>
    api.get<FlowSummary[]>(`${team(teamId)}/flows`, signal),
  create: (teamId: string, name: string) => api.post<FlowView>(`${team(teamId)}/flows`, { name }),
  get: (teamId: string, flowId: string, signal?: AbortSignal) =>
    api.get<FlowView>(flowPath(teamId, flowId), signal),
  saveDefinition: (teamId: string, flowId: string, definition: FlowDefinition) =>
    api.patch<FlowView>(flowPath(teamId, flowId), { definition }),
  remove: (teamId: string, flowId: string) => api.delete<void>(flowPath(teamId, flowId)),
  duplicate: (teamId: string, flowId: string) =>
    api.post<FlowView>(`${flowPath(teamId, flowId)}/duplicate`),
  setEnabled: (teamId: string, flowId: string, enabled: boolean) =>
    api.post<FlowView>(`${flowPath(teamId, flowId)}/${enabled ? 'enable' : 'disable'}`),
  publish: (teamId: string, flowId: string) =>
    api.post<PublishFlowResponse>(`${flowPath(teamId, flowId)}/publish`),
  versions: (teamId: string, flowId: string, signal?: AbortSignal) =>
    api.get<FlowVersionSummary[]>(`${flowPath(teamId, flowId)}/versions`, signal),
  version: (teamId: string, flowId: string, version: number, signal?: AbortSignal) =>
    api.get<FlowVersion>(`${flowPath(teamId, flowId)}/versions/${version}`, signal),
  run: (teamId: string, flowId: string, payload: unknown, dryRun = false) =>
    api.post<RunFlowResponse>(`${flowPath(teamId, flowId)}/run`, { payload, dryRun }),
  sampleData: (teamId: string, flowId: string, signal?: AbortSignal) =>
    api.get<FlowSampleData>(`${flowPath(teamId, flowId)}/sample-data`, signal),
};

const deliveryPath = (teamId: string, flowId: string, deliveryId: string) =>
  `${flowPath(teamId, flowId)}/deliveries/${encodeURIComponent(deliveryId)}`;

export const deliveriesApi = {
  /** Metadata and a body preview of recent deliveries; `get` has the whole body. */
  list: (teamId: string, flowId: string, signal?: AbortSignal) =>
    api.get<Page<DeliverySummary>>(`${flowPath(teamId, flowId)}/deliveries`, signal),
  get: (teamId: string, flowId: string, deliveryId: string, signal?: AbortSignal) =>
    api.get<Delivery>(deliveryPath(teamId, flowId, deliveryId), signal),
  /**
   * Runs a recorded request again; a dry run describes side effects instead of sending them.
   * A delivery that failed verification needs `force` ("replay anyway").
   */
  replay: (
    teamId: string,
    flowId: string,
    deliveryId: string,
    target: 'draft' | 'published',
    dryRun = false,
    force = false,
  ) =>
    api.post<RunFlowResponse>(`${deliveryPath(teamId, flowId, deliveryId)}/replay`, {
      target,
      dryRun,
      ...(force ? { force } : {}),
    }),
};

/** Requests to trigger URLs the team's flows gave up (regenerated keys, deleted flows). */
export const oldKeyRequestsApi = {
  ofFlow: (teamId: string, flowId: string, signal?: AbortSignal) =>
    api.get<OldKeyRequests>(`${flowPath(teamId, flowId)}/old-key-requests`, signal),
};

export const pollsApi = {
  /** Polls a published trigger.poll flow now and answers with the poll as recorded. */
  pollNow: (teamId: string, flowId: string) =>
    api.post<PollNowResponse>(`${flowPath(teamId, flowId)}/poll`),
};

export const executionsApi = {
  list: (teamId: string, filter: ExecutionFilter, signal?: AbortSignal) =>
    api.get<Page<ExecutionSummary>>(`${team(teamId)}/executions${query(filter)}`, signal),
  get: (teamId: string, executionId: string, signal?: AbortSignal) =>
    api.get<Execution>(executionPath(teamId, executionId), signal),
  retry: (teamId: string, executionId: string, from: RetryFrom) =>
    api.post<RunFlowResponse>(`${executionPath(teamId, executionId)}/retry`, { from }),
  cancel: (teamId: string, executionId: string) =>
    api.post<unknown>(`${executionPath(teamId, executionId)}/cancel`),
};

export function executionPath(teamId: string, executionId: string): string {
  return `${team(teamId)}/executions/${encodeURIComponent(executionId)}`;
}

export const credentialsApi = {
  list: (teamId: string, signal?: AbortSignal) =>
    api.get<CredentialView[]>(`${team(teamId)}/credentials`, signal),
  create: (teamId: string, body: CreateCredentialBody) =>
    api.post<CredentialView>(`${team(teamId)}/credentials`, body),
  update: (teamId: string, id: string, body: UpdateCredentialBody) =>
    api.patch<CredentialView>(`${team(teamId)}/credentials/${encodeURIComponent(id)}`, body),
  usage: (teamId: string, id: string, signal?: AbortSignal) =>
    api.get<CredentialUsage>(`${team(teamId)}/credentials/${encodeURIComponent(id)}/usage`, signal),
  /** `force` deletes one that published flows use (the API answers 409 otherwise). */
  remove: (teamId: string, id: string, force = false) =>
    api.delete<void>(
      `${team(teamId)}/credentials/${encodeURIComponent(id)}${force ? '?force=true' : ''}`,
    ),
};
