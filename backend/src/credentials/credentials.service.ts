import { ConflictException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import {
  credentialCatalog,
  getCredentialDescription,
  propsToZod,
  type CreateCredentialBody,
  type CredentialUsage,
  type CredentialView,
  type UpdateCredentialBody,
} from '@hookflow/shared';
import { Repository } from 'typeorm';
import { badRequest, parseOrBadRequest } from '../common/validated-body.js';
import { CredentialEntity } from './credential.entity.js';
import { CredentialUsageFinder } from './credential-usage.js';
import { SecretBox } from './secret-box.js';

type CredentialData = Record<string, unknown>;

const isSet = (value: unknown) => value !== undefined && value !== null && value !== '';

@Injectable()
export class CredentialsService {
  constructor(
    @InjectRepository(CredentialEntity) private readonly credentials: Repository<CredentialEntity>,
    @Inject(SecretBox) private readonly box: SecretBox,
    @Inject(CredentialUsageFinder) private readonly usageFinder: CredentialUsageFinder,
  ) {}

  async list(teamId: string): Promise<CredentialView[]> {
    const rows = await this.credentials.find({ where: { teamId }, order: { name: 'ASC' } });
    return rows.map((row) => this.view(row));
  }

  async get(teamId: string, id: string): Promise<CredentialView> {
    return this.view(await this.find(teamId, id));
  }

  async create(teamId: string, body: CreateCredentialBody): Promise<CredentialView> {
    const data = this.validate(body.type, body.data);
    const row = this.credentials.create({
      teamId,
      name: body.name,
      type: body.type,
      ...this.sealed(teamId, data),
    });
    return this.view(await this.credentials.save(row));
  }

  /** Fields left out of `data` keep their stored values, so a form can resend only what changed. */
  async update(teamId: string, id: string, body: UpdateCredentialBody): Promise<CredentialView> {
    const row = await this.find(teamId, id);
    if (body.name !== undefined) row.name = body.name;
    if (body.data !== undefined) {
      const merged = { ...this.box.open<CredentialData>(row.sealedData, teamId), ...body.data };
      Object.assign(row, this.sealed(teamId, this.validate(row.type, merged)));
    }
    return this.view(await this.credentials.save(row));
  }

  async usage(teamId: string, id: string): Promise<CredentialUsage> {
    await this.find(teamId, id);
    return this.usageFinder.usage(teamId, id);
  }

  /**
   * A credential a published version uses is deleted only with `force`: its live runs would fail
   * from then on. Drafts that use it are not asked about (the editor flags the missing credential).
   */
  async remove(teamId: string, id: string, force: boolean): Promise<void> {
    const row = await this.find(teamId, id);
    if (!force) {
      const usage = await this.usageFinder.usage(teamId, id);
      const live = usage.flows.filter((use) => use.inPublished);
      if (live.length) {
        const flowNames = live.map((use) => `“${use.flowName}”`).join(', ');
        throw new ConflictException({
          statusCode: 409,
          error: 'Conflict',
          message: `The credential “${row.name}” is used by the published version of ${flowNames}; delete it with ?force=true to break those flows' runs`,
          usage,
        });
      }
    }
    await this.credentials.remove(row);
  }

  /** The decrypted values, for a worker about to run a step. Never returned by the API. */
  async reveal(teamId: string, id: string): Promise<{ type: string; data: CredentialData }> {
    const row = await this.find(teamId, id);
    return { type: row.type, data: this.box.open<CredentialData>(row.sealedData, teamId) };
  }

  private async find(teamId: string, id: string): Promise<CredentialEntity> {
    const row = await this.credentials.findOneBy({ id, teamId });
    if (!row) throw new NotFoundException('Credential not found');
    return row;
  }

  private validate(type: string, data: unknown): CredentialData {
    const description = getCredentialDescription(type);
    if (!description) {
      const known = credentialCatalog.map((credential) => credential.type).join(', ');
      throw badRequest([
        { field: 'type', message: `unknown credential type "${type}"; known types: ${known}` },
      ]);
    }
    return parseOrBadRequest(propsToZod(description.fields), data, 'data');
  }

  private sealed(teamId: string, data: CredentialData) {
    return {
      sealedData: this.box.seal(data, teamId),
      fieldsSet: Object.keys(data).filter((key) => isSet(data[key])),
    };
  }

  private view(row: CredentialEntity): CredentialView {
    const description = getCredentialDescription(row.type);
    const fieldNames = description ? Object.keys(description.fields) : row.fieldsSet;
    return {
      id: row.id,
      teamId: row.teamId,
      name: row.name,
      type: row.type,
      fields: Object.fromEntries(fieldNames.map((name) => [name, row.fieldsSet.includes(name)])),
      createdAt: row.createdAt.toISOString(),
      updatedAt: row.updatedAt.toISOString(),
    };
  }
}
