import { z } from 'zod';
import { templateDocumentSchema, type TemplateDocument } from './template-document.schema';

/** A template of the team's library, or a built-in one (same for every team, read-only). */
export interface Template {
  /** A UUID, or `builtin-…` for built-in templates. */
  id: string;
  /** Null for built-in templates. */
  teamId: string | null;
  builtIn: boolean;
  name: string;
  description: string;
  document: TemplateDocument;
  /** The user who saved it; null for built-ins and deleted users. */
  createdBy: string | null;
  createdAt: string | null;
}

const name = z.string().trim().min(1).max(200);
const description = z.string().max(2000);

/** `POST …/templates`: save a flow's draft (`flowId`) or an uploaded document to the library. */
export const createTemplateBodySchema = z
  .object({
    flowId: z.uuid().optional(),
    document: templateDocumentSchema.optional(),
    name: name.optional(),
    description: description.optional(),
  })
  .refine((body) => (body.flowId === undefined) !== (body.document === undefined), {
    message: 'send either flowId (to save a flow) or document (to import a template file)',
    path: ['flowId'],
  });

export const updateTemplateBodySchema = z.object({
  name: name.optional(),
  description: description.optional(),
});

/** How a template's placeholders are filled when a flow is made from it. */
const mappingShape = {
  /** The new flow's name; the template's name when left out. */
  name: name.optional(),
  /** A credential id of the team for each placeholder node, by node id. */
  credentials: z.record(z.string().min(1), z.string().min(1)).default({}),
  /** Secret fields the template left empty (e.g. a trigger's signing secret), by node id and field. */
  secrets: z.record(z.string().min(1), z.record(z.string().min(1), z.string().min(1))).default({}),
};

/** `POST …/templates/:templateId/use`. */
export const useTemplateBodySchema = z.object(mappingShape);

/** `POST …/flows/import`: a template document (e.g. a downloaded file) straight into a new flow. */
export const importFlowBodySchema = z.object({ document: templateDocumentSchema, ...mappingShape });

export type CreateTemplateBody = z.infer<typeof createTemplateBodySchema>;
export type UpdateTemplateBody = z.infer<typeof updateTemplateBodySchema>;
export type UseTemplateBody = z.input<typeof useTemplateBodySchema>;
export type ImportFlowBody = z.input<typeof importFlowBodySchema>;
