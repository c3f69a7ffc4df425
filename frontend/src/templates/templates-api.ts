import type { ImportFlowBody, Template, TemplateDocument, UseTemplateBody } from '@hookflow/shared';
import { api } from '../api/client';
import type { FlowView } from '../api/endpoints';

const team = (teamId: string) => `/api/teams/${encodeURIComponent(teamId)}`;
const templatePath = (teamId: string, templateId: string) =>
  `${team(teamId)}/templates/${encodeURIComponent(templateId)}`;

export const templatesApi = {
  list: (teamId: string, signal?: AbortSignal) =>
    api.get<Template[]>(`${team(teamId)}/templates`, signal),
  /** Saves a flow's draft to the team's library; 400 lists secrets found in it. */
  saveFlow: (teamId: string, flowId: string, name?: string) =>
    api.post<Template>(`${team(teamId)}/templates`, { flowId, ...(name ? { name } : {}) }),
  /** Adds an uploaded template file to the team's library. */
  importDocument: (teamId: string, document: unknown) =>
    api.post<Template>(`${team(teamId)}/templates`, { document }),
  remove: (teamId: string, templateId: string) =>
    api.delete<void>(templatePath(teamId, templateId)),
  use: (teamId: string, templateId: string, body: UseTemplateBody) =>
    api.post<FlowView>(`${templatePath(teamId, templateId)}/use`, body),
  /** The flow's draft as a template document; 400 lists secrets found in it. */
  exportFlow: (teamId: string, flowId: string) =>
    api.get<TemplateDocument>(`${team(teamId)}/flows/${encodeURIComponent(flowId)}/export`),
  importFlow: (teamId: string, body: ImportFlowBody) =>
    api.post<FlowView>(`${team(teamId)}/flows/import`, body),
};
