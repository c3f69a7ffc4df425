import {
  BadRequestException,
  ForbiddenException,
  Inject,
  Injectable,
  NotFoundException,
} from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import {
  builtInTemplates,
  flowToTemplate,
  getBuiltInTemplate,
  nodeCatalog,
  templateIssues,
  templateMappingIssues,
  templateToFlow,
  type CreateTemplateBody,
  type FlowIssue,
  type Template,
  type TemplateDocument,
  type TemplateMapping,
  type UpdateTemplateBody,
} from '@hookflow/shared';
import { Repository } from 'typeorm';
import { CredentialsService } from '../credentials/credentials.service.js';
import { FlowsService } from '../flows/flows.service.js';
import { TemplateEntity } from './template.entity.js';

/** A template document applied to a team: the new flow's name and how placeholders are filled. */
export interface NewFlowFromTemplate extends TemplateMapping {
  name?: string;
}

/** The API's 400 for problems that belong to nodes: the message names each node and field. */
function refused(issues: FlowIssue[]): BadRequestException {
  return new BadRequestException({
    statusCode: 400,
    error: 'Bad Request',
    message: issues.map((issue) => issue.message).join('; '),
    issues,
  });
}

const builtInView = ({ id, document }: (typeof builtInTemplates)[number]): Template => ({
  id,
  teamId: null,
  builtIn: true,
  name: document.name,
  description: document.description,
  document,
  createdBy: null,
  createdAt: null,
});

const view = (row: TemplateEntity): Template => ({
  id: row.id,
  teamId: row.teamId,
  builtIn: false,
  name: row.name,
  description: row.description,
  document: row.document,
  createdBy: row.createdBy,
  createdAt: row.createdAt.toISOString(),
});

/**
 * The team's template library next to the built-in templates: export a flow as a
 * template (refused while the secret scanner finds anything), import a document, and make flows
 * from either with the team's own credentials.
 */
@Injectable()
export class TemplatesService {
  constructor(
    @InjectRepository(TemplateEntity) private readonly templates: Repository<TemplateEntity>,
    @Inject(FlowsService) private readonly flows: FlowsService,
    @Inject(CredentialsService) private readonly credentials: CredentialsService,
  ) {}

  /** Built-in templates first, then the team's, newest first. */
  async list(teamId: string): Promise<Template[]> {
    const rows = await this.templates.find({ where: { teamId }, order: { createdAt: 'DESC' } });
    return [...builtInTemplates.map(builtInView), ...rows.map(view)];
  }

  async get(teamId: string, id: string): Promise<Template> {
    const builtIn = getBuiltInTemplate(id);
    return builtIn ? builtInView(builtIn) : view(await this.findOwn(teamId, id));
  }

  /** Saves a flow's draft (`flowId`) or an uploaded document into the team's library. */
  async create(teamId: string, userId: string, body: CreateTemplateBody): Promise<Template> {
    const source = body.flowId
      ? await this.exportFlow(teamId, body.flowId)
      : this.checked(body.document!);
    const document: TemplateDocument = {
      ...source,
      name: body.name ?? source.name,
      description: body.description ?? source.description,
    };
    const row = this.templates.create({
      teamId,
      name: document.name,
      description: document.description,
      document,
      createdBy: userId,
    });
    return view(await this.templates.save(row));
  }

  async update(teamId: string, id: string, body: UpdateTemplateBody): Promise<Template> {
    const row = await this.findOwn(teamId, id);
    if (body.name !== undefined) row.name = body.name;
    if (body.description !== undefined) row.description = body.description;
    // The document travels as a file too, so it carries the same name and description.
    row.document = { ...row.document, name: row.name, description: row.description };
    return view(await this.templates.save(row));
  }

  async remove(teamId: string, id: string): Promise<void> {
    await this.templates.remove(await this.findOwn(teamId, id));
  }

  /** Creates a draft flow from a template, with the team's credentials mapped onto it. */
  async use(teamId: string, id: string, body: NewFlowFromTemplate) {
    const { document } = await this.get(teamId, id);
    return this.createFlow(teamId, document, body);
  }

  /** The flow's draft as a template document; 400 naming every node and field that holds a secret. */
  async exportFlow(teamId: string, flowId: string): Promise<TemplateDocument> {
    const flow = await this.flows.find(teamId, flowId);
    const credentialTypes = Object.fromEntries(
      (await this.credentials.list(teamId)).map((credential) => [credential.id, credential.type]),
    );
    // Decrypted, so the scanner sees (and refuses) credentials sealed inside ordinary fields;
    // secret fields themselves are left out of templates anyway.
    const definition = await this.flows.runnableDefinition(flow, null);
    const result = flowToTemplate(
      { name: flow.name, description: flow.description, definition },
      nodeCatalog,
      credentialTypes,
    );
    if (!result.ok) throw refused(result.findings);
    return result.document;
  }

  /** Creates a draft flow straight from a document (e.g. a downloaded template file). */
  async importFlow(teamId: string, document: TemplateDocument, body: NewFlowFromTemplate) {
    return this.createFlow(teamId, this.checked(document), body);
  }

  private async createFlow(teamId: string, document: TemplateDocument, body: NewFlowFromTemplate) {
    const available = await this.credentials.list(teamId);
    const issues = templateMappingIssues(document, body, available);
    if (issues.length) throw refused(issues);
    return this.flows.create(teamId, {
      name: body.name ?? document.name,
      description: document.description,
      definition: templateToFlow(document, body),
    });
  }

  /** An uploaded document must fit the catalog and hold nothing secret. */
  private checked(document: TemplateDocument): TemplateDocument {
    const issues = templateIssues(document);
    if (issues.length) throw refused(issues);
    return document;
  }

  private async findOwn(teamId: string, id: string): Promise<TemplateEntity> {
    if (getBuiltInTemplate(id)) {
      throw new ForbiddenException('Built-in templates cannot be changed; use one to make a flow');
    }
    const row = await this.templates.findOneBy({ id, teamId });
    if (!row) throw new NotFoundException('Template not found');
    return row;
  }
}
